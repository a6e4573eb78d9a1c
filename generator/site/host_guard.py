"""The preview server answers only requests addressed to it by its own name, against DNS rebinding.

A web page on another site can point its own host name at 127.0.0.1 and then read the preview
from the visitor's browser; such requests carry that other name in their Host header.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

REFUSED_STATUS = "403 Forbidden"


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
        sentence = (f"This preview answers only at http://127.0.0.1:{port}/ or http://localhost:{port}/, "
                    f"not at the address '{asked}': open one of those in your browser.\n")
        body = sentence.encode("utf-8")
        start_response(REFUSED_STATUS, [("Content-Type", "text/plain; charset=utf-8"),
                                        ("Content-Length", str(len(body)))])
        return [body]

    return guarded
