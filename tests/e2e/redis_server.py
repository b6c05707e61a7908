"""A throw-away Redis server for a test: Debian's `redis-server` on a free 127.0.0.1 port, no persistence.

    with RedisServer(port, workdir) as redis:
        redis.url            # "redis://:<password>@127.0.0.1:<port>/0", the shape of the compose file's broker URL
        redis.command("DBSIZE")

It is started with a password (`--requirepass`, as the compose file's `redis` service is), in the
foreground as a child of the test, and stopped (SIGTERM, then SIGKILL) on exit even if the test fails.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path


class RedisServerError(RuntimeError):
    pass


class RedisServer:
    def __init__(self, port: int, workdir: Path, password: str | None = None) -> None:
        self.port = port
        self.workdir = Path(workdir)
        self.password = password or secrets.token_urlsafe(12)
        self.log_file = self.workdir / "redis.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 30) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RedisServerError("redis-server not found (Debian: apt-get install redis-server; .ci/run installs it)")
        self.workdir.mkdir(parents=True, exist_ok=True)
        argv = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", str(self.workdir), "--requirepass", self.password, "--daemonize", "no"]
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RedisServerError(f"redis-server exited with {self.process.returncode}:\n{self.log_file.read_text()[-2000:]}")
            try:
                if self.command("PING") == "PONG":
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RedisServerError(f"redis-server did not answer on port {self.port}; see {self.log_file}")
            time.sleep(0.1)

    def command(self, *words: str) -> str | int:
        """One command over RESP (after AUTH); returns a simple string or an integer reply."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            stream = sock.makefile("rwb")
            replies = []
            for command in (("AUTH", self.password), words):
                stream.write(f"*{len(command)}\r\n".encode())
                for word in command:
                    data = word.encode()
                    stream.write(b"$%d\r\n%s\r\n" % (len(data), data))
                stream.flush()
                line = stream.readline().decode().rstrip("\r\n")
                if not line:
                    raise OSError("connection closed")
                if line[0] == "-":
                    raise RedisServerError(f"{' '.join(command[:1])}: {line[1:]}")
                replies.append(int(line[1:]) if line[0] == ":" else line[1:])
            return replies[-1]

    def stop(self, grace: float = 10) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
