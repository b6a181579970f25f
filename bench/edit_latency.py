"""Time a one-page edit in ``sitegen serve`` until the open tab shows it.

Usage: python bench/edit_latency.py CONTENT [--edits 7]

Starts the real preview server on a free port, opens a meeting page in Debian's
Chromium, then saves the file the way editors' tools do (write a new file, rename
it over the old one) and times, from just before the save, until the reloaded tab
has parsed the page with the new text (its DOMContentLoaded, on the browser's clock;
the time until Playwright itself sees the text, which adds its own polling, is
reported beside it). The background search build started by the server is allowed
to finish first, so it does not compete for the CPU. Prints one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TODAY = "2026-11-28"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def save(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def measure(content: Path, edits: int) -> dict[str, object]:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitegen",
            "serve",
            "--content",
            str(content),
            "--port",
            str(port),
            "--today",
            TODAY,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    meeting = sorted((content / "meetings").glob("*.md"))[
        len(list((content / "meetings").glob("*.md"))) // 2
    ]
    original = meeting.read_text(encoding="utf-8")
    base = f"http://127.0.0.1:{port}/"
    try:
        started = time.perf_counter()
        wait_for(base + "__sitegen/state", 300)
        ready = time.perf_counter() - started
        wait_for(base + "pagefind/pagefind.js", 600)
        indexed = time.perf_counter() - started
        latencies: list[float] = []
        observed: list[float] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.goto(f"{base}meetings/{meeting.stem}/")
            for n in range(edits):
                marker = f"Edited for timing, round {n}."
                text = re.sub(r"(?m)^summary: .*$", f"summary: {marker}", original, count=1)
                before = time.time()
                save(meeting, text)
                page.wait_for_function(
                    "marker => document.querySelector('main') && "
                    "document.querySelector('main').innerText.includes(marker)",
                    arg=marker,
                    polling="raf",
                    timeout=30000,
                )
                observed.append((time.time() - before) * 1000)
                # The browser's own clock: when the reloaded page had parsed (DOMContentLoaded).
                loaded = page.evaluate(
                    "performance.timeOrigin + "
                    "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
                )
                latencies.append(loaded - before * 1000)
                time.sleep(1.0)
            browser.close()
    finally:
        meeting.write_text(original, encoding="utf-8")
        server.terminate()
        log, _ = server.communicate(timeout=30)
    rebuilds = [int(m) for m in re.findall(r"rebuilt in (\d+) ms", log)]
    return {
        "items": sum(1 for _ in content.rglob("*.md")),
        "ready_s": round(ready, 2),
        "search_ready_s": round(indexed, 2),
        "edit_to_reloaded_ms": [round(x) for x in latencies],
        "median_ms": round(statistics.median(latencies)),
        "seen_by_playwright_ms": [round(x) for x in observed],
        "server_rebuild_ms": rebuilds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(measure(args.content.resolve(), args.edits)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
