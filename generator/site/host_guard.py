"""The preview server answers only requests addressed to it by its own name, for an address a page can have.

A web page on another site can point its own host name at 127.0.0.1 and then read the preview
from the visitor's browser; such requests carry that other name in their Host header. An address
no browser sends for a page (a NUL byte, '..', a control character, bytes that are not UTF-8) is refused as a bad request,
rather than reaching MkDocs' server, which answers some of them with an internal error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

REFUSED_STATUS = "403 Forbidden"
BAD_REQUEST_STATUS = "400 Bad Request"
# A control character, or a '.' or '..' segment, in the path as decoded (a browser resolves dot segments itself).
_NO_PAGE_ADDRESS = re.compile(r"[\x00-\x1f\x7f]|(?:^|/)\.{1,2}(?:/|$)")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers a browser sends when the preview is opened at its own address."""
    bracketed = f"[{host}]" if ":" in host else host  # an IPv6 address, as a Host header writes it
    return frozenset(f"{name}:{port}" for name in (bracketed, "127.0.0.1", "localhost", "[::1]"))


def refusing_other_hosts(app: Callable, host: str, port: int) -> Callable:
    """The WSGI ``app``, answering 403 with a plain sentence to a request for any other host."""
    allowed = allowed_hosts(host, port)

    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        asked = environ.get("HTTP_HOST", "")
        if asked.lower() in allowed:
            return app(environ, start_response)
        return _plain(start_response, REFUSED_STATUS,
                      f"This preview answers only at http://127.0.0.1:{port}/ or http://localhost:{port}/, "
                      f"not at the address '{asked}': open one of those in your browser.\n")

    return guarded


def refusing_odd_paths(app: Callable) -> Callable:
    """The WSGI ``app``, answering 400 with a plain sentence to a path that no page of the site can have."""
    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not _could_be_a_page(environ.get("PATH_INFO", "")):
            return _plain(start_response, BAD_REQUEST_STATUS,
                          "No page of this preview has an address like that: open the preview's home page and "
                          "follow its links.\n")
        return app(environ, start_response)

    return guarded


def _could_be_a_page(path: str) -> bool:
    """Whether ``path`` (WSGI's PATH_INFO: the request's bytes, read as Latin-1) could be a page's address."""
    try:
        decoded = path.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return False
    return not _NO_PAGE_ADDRESS.search(decoded)


def _plain(start_response: Callable, status: str, sentence: str) -> list[bytes]:
    body = sentence.encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
