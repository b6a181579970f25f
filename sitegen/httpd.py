"""The preview's HTTP plumbing, made to stand up to whatever a browser or a script sends.

Request paths are decoded strictly (:func:`request_path`): a malformed one is a 400 or
404, never an exception in a handler. :class:`PreviewHTTPServer` queues as many waiting
connections as the system allows, so a burst of clients is served at once rather than
retried by their TCP stacks seconds later, and logs a failed request as one line, never a
traceback. :func:`client_gone` tells an event-stream handler that its browser tab has
gone, so the thread and sockets it holds are freed at once.
"""

from __future__ import annotations

import select
import socket
import sys
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

NAME_MAX = 255
"""Bytes in one file name on the systems sitegen runs on: a longer one cannot exist."""


class BadPath(Exception):
    """A request path that cannot name anything; ``status`` is what to answer."""

    def __init__(self, status: HTTPStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def request_path(target: str) -> str:
    """The decoded path of a request target (``/a%20b?q`` -> ``/a b``), or :class:`BadPath`."""
    try:
        path = unquote(urlsplit(target).path, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise BadPath(HTTPStatus.BAD_REQUEST, "the address is not valid UTF-8") from None
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in path):
        raise BadPath(HTTPStatus.BAD_REQUEST, "the address holds control characters")
    parts = path.split("/")
    if ".." in parts:
        raise BadPath(HTTPStatus.BAD_REQUEST, "the address climbs out of the site")
    if any(len(part.encode()) > NAME_MAX for part in parts):
        raise BadPath(HTTPStatus.NOT_FOUND, "no name that long exists")
    return path


def client_gone(connection: socket.socket) -> bool:
    """Whether the other end of a connection that should send nothing more has closed it."""
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        if not readable:
            return False
        return connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except (OSError, ValueError):
        return True


class PreviewHTTPServer(ThreadingHTTPServer):
    """A threading server with a long listen queue and one-line error logs."""

    request_queue_size = socket.SOMAXCONN
    """The listen backlog (the default of 5 makes the sixth waiting client wait a second
    or more for its SYN to be sent again)."""
    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return  # the browser went away: nothing anyone needs to read about
        print(
            f"sitegen: a request from {client_address[0]} failed ({type(error).__name__}: "
            f"{error}); this is a bug in sitegen, and the preview goes on",
            file=sys.stderr,
            flush=True,
        )
