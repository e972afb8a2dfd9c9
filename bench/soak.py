"""Soak: a mix of reads and writes at half the measured maximum throughput, for minutes, against granian.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/soak.py --minutes 10

Starts granian (WSGI, ``--workers`` processes) on 127.0.0.1:8124 with ``DJANGO_DEBUG=0``. A signed-in challenge
owner (made once, ``soak@bench.test`` in the first city) and anonymous visitors share the load: reads of the
list, a challenge, the home page, the API list and /healthz, and writes that create draft challenges and edit
their canvas through the forms (CSRF and all). First ``--probe-seconds`` flat out with ``--clients`` clients
measure the maximum rate; then the soak runs at half of it, paced. Every ``--interval`` seconds it prints and
records requests, errors (any status >= 400 or a failed connection), p95 latency and the resident memory of
each granian process (from /proc). Writes bench/results/soak-<time>.json. Run by hand, never in CI.
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
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
    # The owner's session is made directly (below), not through the sign-in form and a second factor: the soak
    # measures load, and a city owner without a device would be sent to set one up on every write.
    "HAASTEMOOTTORI_MFA_REQUIRED": "0",
}
READ_SHARE = 0.8  # of the requests; the rest are writes


def prepare() -> tuple[str, str, int]:
    """The owner's session cookie, a public challenge's slug and the lead city's id."""
    import django

    os.environ.update({k: v for k, v in ENV.items() if k not in os.environ})
    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
    from django.contrib.sessions.backends.db import SessionStore

    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.organisations.models import Membership, Organisation

    city = Organisation.objects.filter(kind="city").order_by("id").first()
    if city is None:
        sys.exit("No city in the database: run bench/generate.py or manage.py seed_demo first.")
    user = User.objects.filter(email="soak@bench.test").first() or User.objects.create_user(
        "soak@bench.test", "soak-bench-password-1"
    )
    Membership.objects.get_or_create(user=user, organisation=city, defaults={"role": Membership.Role.CHALLENGE_OWNER})
    session = SessionStore()
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(b), "get_user"))
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    public = Challenge.objects.public().values_list("slug", flat=True).first() or ""
    return session.session_key or "", public, city.pk


class Client:
    """One keep-alive connection; a signed-in client also carries the session and CSRF cookies."""

    def __init__(self, session: str = ""):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.cookies = {"sessionid": session} if session else {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{PORT}{path}"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            return 0, ""
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text


def csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def one_request(client: Client, owner: Client, slug: str, city: int, counter: itertools.count) -> int:
    """One step of the mix; returns the HTTP status of its last request (0: the connection failed)."""
    if random.random() < READ_SHARE:
        detail = f"/fi/challenges/{slug}/" if slug else "/fi/challenges/?page=2"
        path = random.choice(["/fi/challenges/", detail, "/fi/", "/api/v1/challenges", "/healthz", "/sv/challenges/"])
        return client.request("GET", path)[0]
    status, page = owner.request("GET", "/fi/challenges/new/")
    if status != 200:
        return status
    n = next(counter)
    form = {"csrfmiddlewaretoken": csrf(page), "lead": city, "original_language": "fi", "title": f"Soak-haaste {n}"}
    status, _page = owner.request("POST", "/fi/challenges/new/", form)
    return 0 if status == 0 else (status if status >= 400 else 200)


def rss_by_process(root_pid: int) -> dict[int, float]:
    """Resident memory (MB) of the server process and its children, from /proc."""
    pids = {root_pid}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == root_pid:
                pids.add(int(entry.name))
    sizes = {}
    for pid in sorted(pids):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        if match:
            sizes[pid] = round(int(match.group(1)) / 1024, 1)
    return sizes


def run_load(seconds: float, clients: int, rate: float | None, session: str, slug: str, city: int, on_sample, interval):
    """``clients`` threads for ``seconds``, flat out (``rate`` None) or paced to ``rate`` requests a second."""
    lock = threading.Lock()
    window: dict = {"n": 0, "errors": 0, "times": []}
    total = {"n": 0, "errors": 0}
    counter = itertools.count(int(time.time()))
    stop = time.monotonic() + seconds

    def worker() -> None:
        client, owner = Client(), Client(session)
        gap = clients / rate if rate else 0.0
        next_at = time.monotonic() + random.random() * gap
        while time.monotonic() < stop:
            if gap:
                time.sleep(max(0.0, next_at - time.monotonic()))
                next_at += gap
            start = time.perf_counter()
            status = one_request(client, owner, slug, city, counter)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                window["n"] += 1
                window["times"].append(elapsed)
                if status == 0 or status >= 400:
                    window["errors"] += 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    started = last = time.monotonic()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        if time.monotonic() < stop:
            time.sleep(min(interval, max(0.1, stop - time.monotonic())))
        else:  # the last requests finish: they go into the last sample
            for t in threads:
                t.join()
        with lock:
            sample, window["n"], window["errors"], window["times"] = dict(window), 0, 0, []
        now = time.monotonic()
        sample["seconds"], last = now - last, now
        total["n"] += sample["n"]
        total["errors"] += sample["errors"]
        on_sample(now - started, sample)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--probe-seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--interval", type=float, default=10, help="seconds between samples")
    args = parser.parse_args()

    session, slug, city = prepare()
    server = subprocess.Popen(
        [
            *(str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(PORT)),
            *("--workers", str(args.workers), "--log-level", "warning", "config.wsgi:application"),
        ],
        cwd=ROOT,
        env=ENV,
    )
    samples: list[dict] = []
    try:
        for _ in range(200):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        probe = run_load(args.probe_seconds, args.clients, None, session, slug, city, lambda *a: None, 5)
        maximum = probe["n"] / args.probe_seconds
        rate = maximum / 2
        print(f"maximum {maximum:.1f} req/s ({probe['errors']} errors); soaking at {rate:.1f} req/s")
        print("| s | requests | errors | req/s | p95 ms | RSS MB per process |")
        print("|---:|---:|---:|---:|---:|---|")

        def on_sample(at: float, sample: dict) -> None:
            times = sorted(sample["times"])
            p95 = times[int(len(times) * 0.95)] if times else 0.0
            memory = rss_by_process(server.pid)
            row = {
                "s": round(at),
                "requests": sample["n"],
                "errors": sample["errors"],
                "rps": round(sample["n"] / max(sample["seconds"], 0.001), 1),
                "p95_ms": round(p95, 1),
                "rss_mb": memory,
            }
            samples.append(row)
            print(
                f"| {row['s']} | {row['requests']} | {row['errors']} | {row['rps']} | {row['p95_ms']} | "
                + " ".join(f"{mb}" for mb in memory.values())
                + " |",
                flush=True,
            )

        total = run_load(args.minutes * 60, args.clients, rate, session, slug, city, on_sample, args.interval)
    finally:
        server.terminate()
        server.wait(10)
    first, last = (samples[0]["rss_mb"], samples[-1]["rss_mb"]) if samples else ({}, {})
    growth = {pid: round(last.get(pid, 0) - mb, 1) for pid, mb in first.items()}
    print(f"total {total['n']} requests, {total['errors']} errors; RSS growth per process (MB): {growth}")
    out = ROOT / "bench" / "results" / f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps({"maximum_rps": maximum, "rate": rate, "total": total, "samples": samples, "growth": growth})
    )
    print(f"written {out}")


if __name__ == "__main__":
    main()
