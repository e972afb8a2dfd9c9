"""Load with signed-in users: many concurrent people browsing, searching and following, against granian.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/load_signed_in.py \\
        --users 100 --seconds 600 --workers 2

Creates (once) ``--users`` people ``load-N@bench.test`` in the bench database and a signed-in session for each
(written straight to the session store: the sign-in form and its throttling are not what is measured), starts
granian (WSGI, ``--workers``) on 127.0.0.1:8124 and runs one thread per person. Each person loops: the list,
a filtered list, a challenge's page, the home page, a search, and following or unfollowing that challenge
(a POST with the CSRF token, then the redirect). Prints requests per second, p50/p95 per step, the error
count (any status other than 200 and the follow's 302), and the resident memory of each web process every
``--sample`` seconds (it should stay flat). No think time: every thread sends its next request at once.
Python threads are the client here, so on a small machine the client shares the cores with the server.
"""

import argparse
import http.client
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PORT = 8124
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret"),
    "DJANGO_PLAIN_STATIC": "1",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_LOG_LEVEL": "WARNING",
}
QUERIES = ["energia", "liikenne", "koulu", "vesi", "jäte", "digitaalinen", "terveys", "ilmasto"]


def sessions(n: int) -> tuple[list[str], list[str]]:
    """Session keys of ``n`` signed-in bench people, and public challenge slugs to visit."""
    import django

    os.environ.update({k: v for k, v in ENV.items() if k not in os.environ})
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from haastemoottori.challenges.models import Challenge

    User = get_user_model()
    keys = []
    for i in range(n):
        email = f"load-{i}@bench.test"
        user = User.objects.filter(email=email).first() or User.objects.create_user(email, secrets.token_urlsafe(16))
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    slugs = list(Challenge.objects.public().order_by("?").values_list("slug", flat=True)[:500])
    return keys, slugs


class Person(threading.Thread):
    def __init__(self, session_key: str, slugs: list[str], stop: float, results, errors) -> None:
        super().__init__(daemon=True)
        self.csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret Django accepts as the token too
        self.cookie = f"sessionid={session_key}; csrftoken={self.csrf}"
        self.slugs, self.stop, self.results, self.errors = slugs, stop, results, errors
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)

    def request(self, step: str, method: str, url: str, body: str | None = None, ok: int = 200) -> None:
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1"}
        if body is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": self.csrf})
        start = time.perf_counter()
        try:
            self.conn.request(method, url, body=body, headers=headers)
            response = self.conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            status = repr(error)
        self.results[step].append((time.perf_counter() - start) * 1000)
        if status != ok:
            self.errors[step].append(status)

    def run(self) -> None:
        following = False
        while time.time() < self.stop:
            slug = random.choice(self.slugs)
            self.request("list", "GET", "/fi/challenges/")
            self.request("filtered list", "GET", "/fi/challenges/?city=espoo&theme=sdg-11&sort=closing")
            self.request("challenge page", "GET", f"/fi/challenges/{slug}/")
            self.request("home", "GET", "/fi/")
            self.request("search", "GET", "/fi/search/?" + urlencode({"q": random.choice(QUERIES)}))
            following = not following
            self.request(
                "follow or unfollow",
                "POST",
                f"/fi/alerts/challenges/{slug}/follow/",
                body=urlencode({"follow": "1" if following else "0"}),
                ok=302,
            )


def rss_mb(server_pid: int) -> list[float]:
    """Resident memory of the granian worker processes (children of the server), in MB."""
    sizes = []
    for child in Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split():
        for line in Path(f"/proc/{child}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=30, help="seconds between memory samples")
    args = parser.parse_args()
    keys, slugs = sessions(args.users)
    command = [str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(PORT)]
    command += ["--workers", str(args.workers), "--blocking-threads", "1", "--log-level", "warning"]
    server = subprocess.Popen(
        [*command, "config.wsgi:application"],
        cwd=ROOT,
        env=ENV,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        results: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, list] = defaultdict(list)
        start = time.time()
        people = [Person(key, slugs, start + args.seconds, results, errors) for key in keys]
        for person in people:
            person.start()
        while any(p.is_alive() for p in people):
            time.sleep(min(args.sample, max(1, args.seconds)))
            elapsed = time.time() - start
            done = sum(len(v) for v in results.values())
            memory = ", ".join(f"{mb:.0f}" for mb in rss_mb(server.pid))
            print(f"{elapsed:5.0f} s  {done:7d} requests  RSS MB per web process: {memory}", flush=True)
        elapsed = time.time() - start
    finally:
        server.terminate()
        server.wait(10)
    total = sum(len(v) for v in results.values())
    rate = total / elapsed
    print(f"\n{args.users} signed-in users, {elapsed:.0f} s, {args.workers} granian workers: {rate:.1f} req/s")
    print("\n| step | requests | p50 ms | p95 ms | errors |\n|---|---:|---:|---:|---:|")
    for step, times in results.items():
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"| {step} | {len(times)} | {statistics.median(times):.0f} | {p95:.0f} | {len(errors[step])} |")
    for step, found in errors.items():
        if found:
            print(f"{step}: first errors {found[:5]}")


if __name__ == "__main__":
    main()
