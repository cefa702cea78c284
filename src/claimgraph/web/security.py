"""What keeps hostile articles and other sites from doing harm: body limits, headers, cross-site checks.

Article text, titles, outlet names and URLs are written by whoever published them. Jinja2 autoescapes every
template (nothing from the store is ever marked safe); links are made only of http and https URLs; the
Content-Security-Policy allows no inline script at all, so even a missed escape could not run one. Writes
(POST) must come from this site: the browser's ``Sec-Fetch-Site`` and ``Origin`` headers are checked, and
the form carries a token bound to a cookie of this site (a double-submit token, HMAC-signed).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The largest request body accepted (a pasted or uploaded article and its form fields).
DEFAULT_MAX_BODY = 2 * 1024 * 1024

CSRF_COOKIE = "claimgraph_csrf"
CSRF_FIELD = "csrf_token"

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI (/docs) sets style attributes from its script; it gets inline styles, still no inline script.
_CSP_DOCS = _CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}


def safe_url(value: str | None) -> str | None:
    """``value`` when it is an absolute http or https URL (a link may be made of it), else None."""
    if not value:
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(c) < 0x20 or c in " \\" for c in text):
        return None
    return text


def problem_body(status: int, title: str, detail: str, type_: str = "about:blank") -> bytes:
    """An RFC 9457 problem document."""
    return json.dumps({"type": type_, "title": title, "status": status, "detail": detail}).encode()


class SecurityMiddleware:
    """Pure ASGI: refuses bodies over ``max_body`` (413, as a problem document) and adds the security
    headers to every response."""

    def __init__(self, app: ASGIApp, *, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = _CSP_DOCS if path == "/docs" else _CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.decode().lower() not in SECURITY_HEADERS and k.lower() != b"content-security-policy"
                ]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                headers.append((b"content-security-policy", csp.encode()))
                message["headers"] = headers
            await send(message)

        async def too_large() -> None:
            body = problem_body(
                413, "Content Too Large", f"the request body is larger than {self.max_body} bytes"
            )
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (b"content-type", b"application/problem+json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})

        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                length = self.max_body + 1
            if length > self.max_body:
                await too_large()
                return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send_with_headers)
            return
        # Read the whole body first (it is small, by the limit), counting what arrives: a missing or false
        # Content-Length (chunked uploads) does not get past the limit.
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_body:
                await too_large()
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)


class CsrfGuard:
    """Double-submit token: the cookie holds a random value, the form its HMAC under this server's key."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key or secrets.token_bytes(32)

    @staticmethod
    def new_cookie() -> str:
        return secrets.token_urlsafe(32)

    def token_for(self, cookie: str) -> str:
        return hmac.new(self.key, cookie.encode(), hashlib.sha256).hexdigest()

    def check(
        self,
        *,
        cookie: str | None,
        token: str | None,
        origin: str | None,
        fetch_site: str | None,
        host_origin: str,
    ) -> str | None:
        """None when the write may go ahead, else why not."""
        if fetch_site is not None and fetch_site not in ("same-origin", "none"):
            return f"a cross-site request (Sec-Fetch-Site: {fetch_site})"
        if origin is not None and origin.rstrip("/") != host_origin:
            return f"a request from another origin ({origin})"
        if not cookie or not token:
            return "the form's token is missing (reload the form and try again)"
        if not hmac.compare_digest(self.token_for(cookie), token):
            return "the form's token does not match (reload the form and try again)"
        return None
