"""Where a link from the facts may lead, and the exact target it gets: a URL is data, never markup.

``link_target`` is the one place a web address, email address or phone number becomes the target of a
link in any format. Its scheme must be one of ``SCHEMES``, and every character that Markdown or HTML
could read as markup (``()[]<>"'`` and the backquote, spaces, backslashes, braces, pipes, stars) is
percent-encoded, so that the target reaches every format as one unbroken address. The audit of
rendered output (generator/check/links.py) compares each link it finds with these targets.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# The schemes a link may have, and what must follow each (a web address needs a host).
SCHEMES = {"https": "//[^\\s/]", "http": "//[^\\s/]", "mailto": "[^\\s]", "tel": "[^\\s]"}
ALLOWED_START = "(?:" + "|".join(f"{scheme}:{rest}" for scheme, rest in SCHEMES.items()) + ")"
ALLOWED_LINK = re.compile(f"^{ALLOWED_START}", re.IGNORECASE)
# Kept as they are: letters, digits, "-._~" (quote keeps those) and the delimiters a URL is read by.
_URL_DELIMITERS = ":/?#@!$&+,;=%"
_BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def link_target(address: str) -> str | None:
    """``address`` as a link's target: percent-encoded where it holds anything but a URL's own
    characters (an existing ``%XX`` is kept); None if its scheme is not one of ``SCHEMES``."""
    if not ALLOWED_LINK.match(address):
        return None
    return quote(_BARE_PERCENT.sub("%25", address), safe=_URL_DELIMITERS)

