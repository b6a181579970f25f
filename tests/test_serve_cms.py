"""``sitegen serve --cms``: the preview and the content editor's local proxy together, both
on 127.0.0.1 only, the proxy answering only the preview's pages, and both stopped together."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from sitegen.cmsserve import answers, free_port
from tests.helpers import SMALL_TODAY, copy_site

REPO = Path(__file__).resolve().parent.parent


def _listening_addresses(port: int) -> set[str]:
    """The local addresses of sockets listening on ``port`` (IPv4 and IPv6)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def _post(url: str, origin: str) -> tuple[dict[str, object], str | None]:
    request = urllib.request.Request(
        url,
        data=json.dumps({"action": "info"}).encode(),
        headers={"Content-Type": "application/json", "Origin": origin},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        allowed = response.headers.get("Access-Control-Allow-Origin")
        return json.loads(response.read()), allowed


def test_serve_cms_runs_the_preview_and_the_proxy_on_loopback_and_stops_both(
    tmp_path: Path,
) -> None:
    content = copy_site(tmp_path)
    port, proxy_port = free_port(), free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitegen",
            "serve",
            "--cms",
            "--content",
            str(content),
            "--port",
            str(port),
            "--cms-port",
            str(proxy_port),
            "--today",
            SMALL_TODAY,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert process.stdout is not None
        said = ""
        deadline = time.monotonic() + 120
        while "Press Ctrl+C" not in said and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                said += os.read(process.stdout.fileno(), 65536).decode()
            assert process.poll() is None, said
        assert f"Content editor: http://127.0.0.1:{port}/admin/" in said, said

        preview = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{preview}/admin/config.yml", timeout=10) as response:
            written = yaml.safe_load(response.read())
        api = f"http://127.0.0.1:{proxy_port}/api/v1"
        assert written["local_backend"] == {"url": api}
        assert written["collections"][0]["folder"] == "people"
        with urllib.request.urlopen(f"{preview}/admin/", timeout=10) as response:
            assert b"cms-config-url" in response.read()

        info, allowed = _post(api, preview)
        assert info["publish_modes"] == ["simple"] and allowed == preview
        # A page of another site gets the preview's address back, so its browser refuses
        # to send the JSON request at all (the preflight fails).
        _, allowed = _post(api, "https://elsewhere.example")
        assert allowed == preview

        loopback = {"0100007F", "0000000000000000FFFF00000100007F"}
        for listening in (port, proxy_port):
            addresses = _listening_addresses(listening)
            assert addresses and addresses <= loopback, (listening, addresses)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert process.returncode == 0
    deadline = time.monotonic() + 10
    while _listening_addresses(proxy_port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _listening_addresses(proxy_port), "the proxy outlived the preview"
    assert not answers(f"http://127.0.0.1:{proxy_port}/api/v1")


def test_serve_cms_without_node_says_what_to_install(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "serve",
            "--cms",
            "--content",
            str(content),
            "--port",
            str(free_port()),
            "--cms-port",
            str(free_port()),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "needs Node.js" in result.stderr and "Traceback" not in result.stderr
