"""``drafter serve``: the same terminal app in a web browser, for clerks who never open a terminal.

textual-serve runs ``drafter edit DRAFT`` in a subprocess per browser session and shows it through
xterm.js. This module wraps its server so it is safe on a shared office machine:

- bound to 127.0.0.1 only, on a free port the system picks;
- a one-time token in the address: the first page load with it gets a session cookie (HttpOnly,
  SameSite=Strict) and the token is spent; every other request (the page again, its scripts, the
  websocket) needs that cookie, so a copied address is refused, and so is any request without the token;
- one editing session at a time, and one ``drafter serve`` per draft (a lock file next to the draft):
  two tabs can never type into the same draft at once;
- the page's few English words (Start, Session ended, Restart) in Chinese.
"""

from __future__ import annotations

import asyncio
import hmac
import os
import secrets
import shlex
import signal
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Any

#: Cookie that carries the session after the token was spent.
COOKIE = "drafter_session"

#: The page's English strings, in Chinese.
_PAGE_TEXT = {
    "<html>": '<html lang="zh-CN">',
    ">Start</button>": ">开始</button>",
    "Session ended.": "本次编辑已结束（或此草稿已在另一个标签页中打开）。草稿已保存。",
    ">Restart</button>": ">重新打开</button>",
    "'Textual Application'": "'drafter 年度报告助手'",
}

REFUSED = "拒绝访问：地址中缺少有效的一次性口令。请使用 drafter serve 打印的地址。"
BUSY = "此草稿已在另一个标签页中编辑；请先关闭那个标签页。"


def free_socket(host: str = "127.0.0.1") -> socket.socket:
    """A listening socket on a port the system picks (no race between choosing and binding)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    sock.listen(16)
    sock.set_inheritable(False)
    return sock


def edit_command(draft: Path | None) -> str:
    """The shell command textual-serve runs per session: this Python, ``drafter edit DRAFT``."""
    from drafter.app.draft_lock import SERVED_ENV

    # The app runs under this server's draft lock, so it must not try to take it again.
    args = ["env", f"{SERVED_ENV}={os.getpid()}", sys.executable, "-c", "from drafter.cli import run; run()"]
    args.append("edit")
    if draft is not None:
        args.append(str(draft))
    return shlex.join(args)


def _make_server_class() -> type:
    """textual-serve's Server with the token, the cookie, one session and the Chinese page."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class DraftServer(Server):  # type: ignore[misc]
        def __init__(self, command: str, sock: socket.socket, title: str) -> None:
            host, port = sock.getsockname()[:2]
            super().__init__(command, host=host, port=port, title=title)
            self.sock = sock
            self.token = secrets.token_urlsafe(24)
            self.session = secrets.token_urlsafe(32)
            self.token_spent = False
            self.sessions = 0
            self.address = f"{self.public_url}/?token={self.token}"

        # ---------------------------------------------------------------- access
        def _has_session(self, request: web.Request) -> bool:
            return hmac.compare_digest(request.cookies.get(COOKIE, ""), self.session)

        @web.middleware
        async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
            token = request.query.get("token", "")
            fresh = bool(token) and not self.token_spent and hmac.compare_digest(token, self.token)
            if not fresh and not self._has_session(request):
                return web.Response(status=403, text=REFUSED, content_type="text/plain", charset="utf-8")
            if request.path == "/ws":
                origin = request.headers.get("Origin", "")
                if origin and origin != self.public_url:
                    return web.Response(status=403, text=REFUSED, content_type="text/plain", charset="utf-8")
                if self.sessions:
                    return web.Response(status=409, text=BUSY, content_type="text/plain", charset="utf-8")
            response = await handler(request)
            if fresh:
                self.token_spent = True
                response.set_cookie(COOKIE, self.session, httponly=True, samesite="Strict", path="/")
            return response

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self.guard)
            source = (Path(self.templates_path) / "app_index.html").read_text("utf-8")
            for english, chinese in _PAGE_TEXT.items():
                source = source.replace(english, chinese)
            aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": source}))
            return app

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            self.sessions += 1
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions -= 1

        # ---------------------------------------------------------------- running
        def initialize_logging(self) -> None:
            import logging

            logging.basicConfig(level="WARNING", format="%(message)s")

        async def on_startup(self, app: web.Application) -> None:
            print(f"drafter 浏览器版已启动：{self.address}", flush=True)
            print("（只在本机可用；地址中的口令只能使用一次。按 Ctrl+C 结束。）", flush=True)

        def serve(self, debug: bool = False) -> None:
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            if sys.platform != "win32":  # Windows event loops have no signal handlers: Ctrl+C interrupts
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            web.run_app(
                self._make_app(),
                sock=self.sock,
                handle_signals=False,
                loop=loop,
                print=lambda *_args: None,
            )

    return DraftServer


def run(draft: str | os.PathLike[str] | None = None, *, open_browser: bool = True) -> None:
    """Entry point of the ``drafter.frontends`` group ("web"): serve the app until Ctrl+C."""
    from drafter.app.draft_lock import DraftLock
    from drafter.errors import UsageError

    path: Path | None = None
    lock = None
    if draft is not None:
        path = Path(draft).expanduser().resolve()
        if path.suffix.lower() != ".md":
            raise UsageError(f"{path.name} 不是草稿文件（.md）；请先用 drafter import 导入")
        if not path.is_file():
            raise UsageError(f"找不到草稿文件：{path}")
        lock = DraftLock(path)
    try:
        import textual_serve  # noqa: F401
    except ImportError as exc:
        raise UsageError("浏览器版需要 textual-serve；请重新安装 drafter（pip install drafter）") from exc
    sock = free_socket()
    server_class = _make_server_class()
    title = f"drafter 年度报告助手 — {path.name}" if path else "drafter 年度报告助手"
    server = server_class(edit_command(path), sock, title)
    if lock is not None:
        lock.acquire(address=server.public_url)
    try:
        if open_browser:
            threading.Timer(0.5, webbrowser.open, args=(server.address,)).start()
        server.serve()
    finally:
        sock.close()
        if lock is not None:
            lock.release()
