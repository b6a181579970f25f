"""The preview never falls over: malformed addresses, bursts of clients, vanished tabs."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitegen import serve as serve_module
from sitegen.httpd import BadPath, request_path
from sitegen.serve import EVENTS_POLL_SECONDS, LIVE_PATH, Server, start
from tests.helpers import SMALL_TODAY, copy_site

CLIENTS = 200


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    content = copy_site(tmp_path)
    (content / "files").mkdir()
    (content / "files" / "minutes.txt").write_text("minutes\n")
    running = start(content, port=0, today=dt.date.fromisoformat(SMALL_TODAY), search=False)
    try:
        yield running
    finally:
        running.close()


def _address(server: Server) -> tuple[str, int]:
    host, port = server.http.server_address[:2]
    return str(host), int(port)


def _status(server: Server, path: str) -> int:
    connection = http.client.HTTPConnection(*_address(server), timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


MALFORMED = [
    "/static/a%00b",
    "/files/%00",
    "/meetings/%00/",
    "/pagefind/a%00b.js",
    "/files/" + "a" * 5000,
    "/" + "x" * 5000 + "/",
    "/static/%ff%fe",
    "/%c3%28",
    "/news/%zz",
    "/files/%",
    "/static/../../etc/passwd",
    "/files/..%2f..%2fsecret",
    "/%0d%0aSet-Cookie:%20x=1",
    "/files/a%7fb",
    "/" + "%e2%82%ac" * 1000,
]


def test_every_malformed_address_gets_a_4xx_and_no_traceback(
    server: Server, capfd: pytest.CaptureFixture[str]
) -> None:
    for path in MALFORMED:
        assert 400 <= _status(server, path) < 500, path
    # The server is still there, and still right.
    assert _status(server, "/") == 200
    assert _status(server, "/files/minutes.txt") == 200
    assert _status(server, "/static/nothing-here.css") == 404
    said = capfd.readouterr()
    assert "Traceback" not in said.err + said.out


@pytest.mark.parametrize(
    ("target", "path"),
    [("/a%20b?q=1", "/a b"), ("/caf%C3%A9/", "/café/"), ("http://127.0.0.1/x", "/x")],
)
def test_well_formed_addresses_are_decoded(target: str, path: str) -> None:
    assert request_path(target) == path


@pytest.mark.parametrize(("target", "status"), [("/%00", 400), ("/" + "a" * 256, 404)])
def test_malformed_addresses_say_what_to_answer(target: str, status: int) -> None:
    with pytest.raises(BadPath) as raised:
        request_path(target)
    assert raised.value.status == status


def _retransmissions(sock: socket.socket) -> int:
    """Segments the kernel had to send again on this connection (tcpi_total_retrans)."""
    info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
    return int(struct.unpack_from("I", info, 100)[0])


def test_two_hundred_clients_at_once_are_all_served_without_a_retry(server: Server) -> None:
    # A full listen queue drops connections, which the clients' TCP then sends again one,
    # three, seven seconds later: that is the queueing. No connection may need a resend.
    start_together = threading.Barrier(CLIENTS)
    results: list[tuple[bytes, int]] = []
    lock = threading.Lock()

    def client() -> None:
        start_together.wait()
        with socket.create_connection(_address(server), timeout=60) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: preview\r\nConnection: close\r\n\r\n")
            received = b""
            while chunk := sock.recv(65536):
                received += chunk
            with lock:
                results.append((received[:15], _retransmissions(sock)))

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == CLIENTS
    assert all(head == b"HTTP/1.1 200 OK" for head, _ in results)
    assert [resent for _, resent in results if resent] == []


# ---------------------------------------------------------------------- event streams


def _handlers() -> int:
    return sum("process_request_thread" in t.name for t in threading.enumerate())


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _open_stream(server: Server) -> socket.socket:
    sock = socket.create_connection(_address(server), timeout=10)
    sock.sendall(f"GET {LIVE_PATH}events HTTP/1.1\r\nHost: preview\r\n\r\n".encode())
    received = b""
    while b"event: state" not in received:
        received += sock.recv(4096)
    assert received.startswith(b"HTTP/1.1 200")
    return sock


def _until(condition: Callable[[], bool]) -> None:
    """Wait a few seconds at most (a few event-stream polls) for ``condition``."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < 3 * EVENTS_POLL_SECONDS + 2, (
            f"still {_handlers()} request handlers: "
            + ", ".join(t.name for t in threading.enumerate())
        )
        time.sleep(0.05)


@pytest.mark.parametrize("how", ["reset", "closed"])
def test_a_vanished_event_stream_client_is_let_go_within_seconds(server: Server, how: str) -> None:
    assert _status(server, "/") == 200
    _until(lambda: _handlers() == 0)  # earlier connections, this test's and others', are gone
    before = (_handlers(), _open_fds())
    sock = _open_stream(server)
    assert _handlers() == 1
    if how == "reset":  # the tab's process was killed: the connection is torn down
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    _until(lambda: (_handlers(), _open_fds()) == before)


def test_a_quiet_event_stream_is_kept_alive(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve_module, "KEEP_ALIVE_SECONDS", 0.2)
    sock = _open_stream(server)
    try:
        received = b""
        while b": keep-alive" not in received:
            received += sock.recv(4096)
        assert _handlers() >= 1
    finally:
        sock.close()
