"""What `notices init` asks a school: the kind of school it is, and whether it does the things only some schools
do (each a topic of the library).

Kept apart from the facts' models and the library so that `notices --help` names them without loading either;
the facts' `OrganisationKind` must hold each kind, and the library a notice on each topic
(tests/starter/test_init_asks.py).
"""

SCHOOL_KINDS = {
    "maintained-school": "a school the local authority maintains: community, foundation, voluntary aided or "
                         "voluntary controlled, and maintained nursery and special schools",
    "academy": "an academy or free school, in a trust (add --trust) or on its own",
    "independent-school": "an independent (fee-paying) school",
    "early-years-provider": "a private, voluntary or independent nursery, or a childminder",
}

# The topics a school adopts only if it does the thing, each with the question that asks whether it does:
# `notices init` offers them (no, unless the school says yes) instead of adopting them with the rest.
OFFERED = {
    "biometrics": "Do pupils use fingerprints or other biometrics, e.g. to pay for lunch?",
    "clubs": "Do you run breakfast, after-school or holiday clubs, or have another provider run them for you?",
    "alumni-and-fundraising": "Do you keep in touch with former pupils or ask supporters for donations?",
    "trips-and-visits": "Do pupils go on trips, visits or residentials?",
    "photographs": "Do you publish photographs or videos of pupils on your website, on social media or in the press?",
}
