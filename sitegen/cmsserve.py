"""``sitegen serve --cms``: the preview and the content editor's local proxy together.

The editor at ``/admin/`` saves through ``decap-server``, Decap CMS's proxy,
which writes the Markdown files into the content folder; the preview, which
watches that folder, shows each save at once. Both listen on 127.0.0.1 only,
and the proxy answers only pages of the preview's own address (CORS), so no
other site open in the browser can write through it. The proxy is started
first and stopped with the preview, however the preview stops.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import SitegenError, display_path
from sitegen.plan import item_paths
from sitegen.sections import SECTIONS
from sitegen.serve import Server, start

PROXY_VERSION = "3.11.3"
"""The ``decap-server`` release used when none is installed beside the site."""
PROXY_SCRIPT = Path("node_modules") / "decap-server" / "dist" / "index.js"
HOST = "127.0.0.1"
STARTUP_SECONDS = 60.0
"""How long the proxy may take to answer at first (``npx`` may be fetching it)."""


class ProxyError(SitegenError):
    """The local proxy cannot be started; the message says why and what to do."""


@dataclass(frozen=True)
class Proxy:
    """A running ``decap-server``."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def api(self) -> str:
        return f"http://{HOST}:{self.port}/api/v1"

    def stop(self) -> None:
        """Stop it and whatever it started (``npx`` runs it as a child)."""
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def proxy_command(content: Path) -> list[str]:
    """How to run ``decap-server``: one installed beside the site or sitegen, else npx."""
    node = shutil.which("node")
    here = Path(__file__).resolve().parent.parent
    places = [Path.cwd(), *content.resolve().parents, here]
    for folder in places:
        script = folder / PROXY_SCRIPT
        if node and script.is_file():
            return [node, str(script)]
    npx = shutil.which("npx")
    if npx:
        return [npx, "--yes", f"decap-server@{PROXY_VERSION}"]
    raise ProxyError(
        "the content editor's local proxy (decap-server) needs Node.js 18 or newer: "
        "install it from your system's packages, then run this command again"
    )


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As a server binds: a connection closing (TIME_WAIT) does not hold the port.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
        return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start_proxy(
    content: Path, port: int, origin: str, command: Sequence[str] | None = None
) -> Proxy:
    """Start ``decap-server`` on ``HOST:port`` for the files under ``content``."""
    if not port_is_free(port):
        raise ProxyError(
            f"port {port} on {HOST} is in use (another content editor?); "
            "choose another with --cms-port"
        )
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": HOST,
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(content.resolve()),
        "ORIGIN": origin,
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen(
        list(command or proxy_command(content)),
        env=env,
        cwd=content.resolve(),
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    proxy = Proxy(process, port)
    try:
        _wait_until_answering(proxy)
    except BaseException:
        proxy.stop()
        raise
    return proxy


def _wait_until_answering(proxy: Proxy) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proxy.process.poll() is not None:
            raise ProxyError(
                f"the content editor's local proxy stopped at once (exit status "
                f"{proxy.process.returncode}); is port {proxy.port} free? Try --cms-port"
            )
        if answers(proxy.api):
            return
        time.sleep(0.1)
    raise ProxyError(f"the content editor's local proxy did not answer on port {proxy.port}")


def answers(api: str) -> bool:
    """Whether a proxy answers ``info`` at ``api``."""
    request = urllib.request.Request(
        api,
        data=json.dumps({"action": "info"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=1) as response:
            return "publish_modes" in json.loads(response.read())
    except (OSError, ValueError, urllib.error.URLError):
        return False


@contextlib.contextmanager
def running(
    content: Path,
    *,
    port: int = 8000,
    proxy_port: int = 8081,
    today: dt.date | None = None,
    search: bool = True,
    command: Sequence[str] | None = None,
) -> Iterator[tuple[Server, Proxy]]:
    """The preview with the editor pointed at a local proxy, and that proxy, running."""
    proxy_api = f"http://{HOST}:{proxy_port}/api/v1"
    server = start(content, port=port, today=today, search=search, cms_proxy=proxy_api)
    try:
        proxy = start_proxy(content, proxy_port, server.url.rstrip("/"), command)
        try:
            yield server, proxy
        finally:
            proxy.stop()
    finally:
        server.close()


def editor_url(server: Server) -> str:
    return server.url + item_paths(SECTIONS)["admin"]("").lstrip("/")


def serve_with_editor(
    content: Path, *, port: int = 8000, proxy_port: int = 8081, today: dt.date | None = None
) -> int:
    """Run the preview and the proxy until interrupted."""
    try:
        command = proxy_command(content)
        with running(content, port=port, proxy_port=proxy_port, today=today, command=command) as (
            server,
            proxy,
        ):
            print(f"Previewing {display_path(content)} at {server.url} (drafts shown).")
            print(f"Content editor: {editor_url(server)} (saves into {display_path(content)}).")
            print("Press Ctrl+C to stop both.", flush=True)
            signal.signal(signal.SIGTERM, _stop)
            try:
                while proxy.process.poll() is None:
                    time.sleep(0.5)
                print("sitegen: the content editor's local proxy stopped.", file=sys.stderr)
                return 1
            except KeyboardInterrupt:
                print("\nStopped.")
                return 0
    except ProxyError as err:
        print(f"sitegen: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"sitegen: cannot listen on {HOST}:{port}: {err.strerror}", file=sys.stderr)
        return 2


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
