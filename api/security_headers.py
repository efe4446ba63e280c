"""Headers every answer carries, whatever produced it (a route, an error handler, the docs).

``X-Content-Type-Options: nosniff`` stops a browser from second-guessing a declared media
type: a JSON answer that echoes user text is never run as HTML or script. No
``X-Frame-Options``: the views are meant to be framed (``?embed=1``).

A plain ASGI middleware rather than ``BaseHTTPMiddleware``: it only touches the start
message, so streaming answers stay streamed and no task is spawned per request.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = ((b"x-content-type-options", b"nosniff"),)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
