"""Run the portal for a person trying it: migrate, seed the demo crisis, then the web server,
a Celery worker and Celery beat side by side until Ctrl-C. Called by `make run` inside
scripts/portal_env.py, which supplies DATABASE_URL and REDIS_URL."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = os.environ.get("PORTAL_HOST", "127.0.0.1")
PORT = os.environ.get("PORTAL_PORT", "8000")


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, check=True)


def main() -> int:
    manage("migrate", "--noinput")
    manage("seed_demo")
    (BASE_DIR / "var").mkdir(exist_ok=True)
    processes = [
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "crisisportal",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
            ],
            cwd=BASE_DIR,
        ),
        subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "crisisportal", "beat", "--loglevel=INFO"], cwd=BASE_DIR
        ),
        subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"{HOST}:{PORT}", "--noreload"], cwd=BASE_DIR
        ),
    ]
    time.sleep(2)
    print(
        f"\n  Crisis portal: http://{HOST}:{PORT}/\n"
        "  Demo login:    coordinator@demo.dcc.example / demo-crisis-2026\n"
        "  (other roles: see README; the demo accounts skip the second factor in demo mode only)\n",
        flush=True,
    )

    def stop(signum: int, frame: object) -> None:
        for process in processes:
            process.terminate()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while all(process.poll() is None for process in processes):
        time.sleep(1)
    stop(signal.SIGTERM, None)
    for process in processes:
        process.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
