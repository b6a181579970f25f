"""Browser tests: Playwright driving Debian's Chromium against sites served on 127.0.0.1.

``make test`` installs Chromium (``/usr/bin/chromium``) and axe-core; these tests
fail, rather than skip, when either is missing, so a green run means they ran.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.helpers import SMALL_SITE, SMALL_TODAY, TESTS, run_cli

REPO = TESTS.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SAMPLE_TODAY = "2026-11-28"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


class _Handler(SimpleHTTPRequestHandler):
    """Serves a built site the way a static host does, 404.html included."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        return

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass
class ServedSite:
    root: Path
    url: str
    """Where the site's home page is, e.g. ``http://127.0.0.1:41234/portal/``."""

    def pages(self) -> list[str]:
        """Every HTML page, as a URL."""
        found = []
        for path in sorted(self.root.rglob("*.html")):
            relative = path.relative_to(self.root).as_posix()
            if relative.startswith("pagefind/"):
                continue
            found.append(self.url + relative.removesuffix("index.html"))
        return found


def serve_folder(root: Path, prefix: str = "/") -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(
        type("Handler", (_Handler,), {"prefix": prefix}), directory=str(root)
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def _build(content: Path, output: Path, today: str, *extra: str) -> None:
    result = run_cli("build", "--content", content, "--output", output, "--today", today, *extra)
    assert result.code == 0, result.err


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample content of content/, built and served at the site root."""
    output = tmp_path_factory.mktemp("sample") / "output"
    _build(REPO / "content", output, SAMPLE_TODAY)
    server, url = serve_folder(output)
    yield ServedSite(output, url)
    server.shutdown()


@pytest.fixture(scope="session")
def sample_site_under_subpath(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample content built with --base-url /portal/ and served under /portal/."""
    output = tmp_path_factory.mktemp("subpath") / "output"
    _build(REPO / "content", output, SAMPLE_TODAY, "--base-url", "/portal/")
    server, url = serve_folder(output, "/portal/")
    yield ServedSite(output, url)
    server.shutdown()


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The tests' small site, which has private text and a draft."""
    output = tmp_path_factory.mktemp("small") / "output"
    _build(SMALL_SITE, output, SMALL_TODAY)
    server, url = serve_folder(output)
    yield ServedSite(output, url)
    server.shutdown()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Chromium is missing: run 'make test', which installs it"
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
    yield launched
    launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def run_axe(page: Page) -> list[dict[str, object]]:
    """axe-core's violations for the page as it is now."""
    assert AXE.exists(), "axe-core is missing: run 'make test', which installs it"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                "wcag22aa", "best-practice"]},
            });
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
            }));
        }"""
    )
    assert isinstance(result, list)
    return result
