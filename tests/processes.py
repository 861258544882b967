"""What the tests that start processes of their own share: a free port, waiting with a deadline, and a Redis
server of the test's own that it may kill and start again (the machine's Redis is left alone)."""
import shutil
import socket
import subprocess
import time

import pytest

from tests.conftest import service_missing


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


class OwnRedis:
    """A Redis server of the test's own on a free port, without persistence: stopped, it forgets every message."""

    def __init__(self, folder):
        self.program = shutil.which("redis-server")
        if not self.program:
            service_missing("redis-server is not installed: apt-get install redis-server")
        self.folder, self.port, self.process = folder, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            [self.program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, 20, "the test's own Redis to start")

    def kill(self):
        """SIGKILL, as a machine going down: whatever it held is gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=20)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
