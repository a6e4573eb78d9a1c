"""The kinds a school is, in the words a school office knows it by: what `notices init` asks and its help lists.

Kept apart from the facts' models so that `notices --help` names them without loading pydantic; the facts'
`OrganisationKind` must hold each (tests/starter/test_init_asks.py).
"""

SCHOOL_KINDS = {
    "maintained-school": "a school the local authority maintains: community, foundation, voluntary aided or "
                         "voluntary controlled, and maintained nursery and special schools",
    "academy": "an academy or free school, in a trust (add --trust) or on its own",
    "independent-school": "an independent (fee-paying) school",
    "early-years-provider": "a private, voluntary or independent nursery, or a childminder",
}
