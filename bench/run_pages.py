"""Page benchmark: the list, a filtered list, a detail page and the API list against the minimal view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/run_pages.py

Starts granian (WSGI, one worker) on 127.0.0.1:8123, measures each URL with wrk (one thread, eight
connections, bounded in time) and with one sequential client, and counts each page's SQL queries
in-process. Prints a Markdown table and writes bench/results/pages-<time>.json.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PORT = 8123
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret"),
    "DJANGO_PLAIN_STATIC": "1",
    "DJANGO_LOG_LEVEL": "WARNING",
}


def pages() -> dict[str, str]:
    import django

    os.environ.update({k: v for k, v in ENV.items() if k not in os.environ})
    django.setup()
    from haastemoottori.challenges.models import Challenge

    public = Challenge.objects.public().order_by("id").values_list("slug", flat=True)
    slug = public[len(public) // 2] if public else "none"
    return {
        "minimal view (/healthz)": "/healthz",
        "challenge list": "/fi/challenges/",
        "list, filtered and sorted": "/fi/challenges/?city=espoo&theme=sdg-11&sort=closing",
        "list, page 50": "/fi/challenges/?page=50",
        "challenge detail": f"/fi/challenges/{slug}/",
        "home": "/fi/",
        "API list (20 items)": "/api/v1/challenges",
    }


def count_queries(urls: dict[str, str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(url).status_code
        assert status == 200, (url, status)
        counts[name] = len(ctx.captured_queries)
    return counts


def latency(url: str, n: int) -> tuple[float, float]:
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        conn.request("GET", url)
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def p95_at_16(url: str, seconds: int) -> float:
    """95th percentile latency in ms with 16 concurrent connections (wrk, one thread)."""
    out = subprocess.run(
        ["wrk", "-t1", "-c16", f"-d{seconds}s", "-s", str(ROOT / "bench" / "p95.lua"), f"http://127.0.0.1:{PORT}{url}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(re.search(r"P95_US (\d+)", out).group(1)) / 1000


def page_weight(url: str) -> int:
    """Bytes of the page's HTML, CSS and JS, each gzip-compressed (what a first visit downloads)."""
    import gzip

    from django.contrib.staticfiles import finders
    from django.test import Client

    html = Client(HTTP_HOST="127.0.0.1").get(url).content
    total = len(gzip.compress(html))
    for ref in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        path = finders.find(ref.decode())
        total += len(gzip.compress(Path(path).read_bytes()))
    return total


def throughput(url: str, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{seconds}s", f"http://127.0.0.1:{PORT}{url}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--latency-requests", type=int, default=200)
    parser.add_argument("--no-page-cache", action="store_true", help="render every request (cache off)")
    args = parser.parse_args()
    if args.no_page_cache:
        ENV["HAASTEMOOTTORI_PAGE_CACHE_SECONDS"] = "0"
        os.environ["HAASTEMOOTTORI_PAGE_CACHE_SECONDS"] = "0"
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    urls = pages()
    queries = count_queries(urls)
    weights = {name: page_weight(url) if url.startswith("/fi/") else 0 for name, url in urls.items()}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(PORT),
            "--workers",
            "1",
            "--blocking-threads",
            "1",
            "--log-level",
            "warning",
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        results = []
        for name, url in urls.items():
            latency(url, 20)  # warm up
            median, p95 = latency(url, args.latency_requests)
            rps = throughput(url, args.seconds)
            p95_16 = p95_at_16(url, args.seconds)
            results.append(
                {
                    "page": name,
                    "url": url,
                    "rps": rps,
                    "median_ms": median,
                    "p95_ms": p95,
                    "p95_16_ms": p95_16,
                    "queries": queries[name],
                    "weight_kb": weights[name] / 1024,
                }
            )
    finally:
        server.terminate()
        server.wait(10)
    base = results[0]["rps"]
    print(
        "\n| page | req/s | vs minimal view | median ms (1 client) | p95 ms (1 client) | p95 ms (16 clients) "
        "| SQL queries | page weight kB (gzip) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        r["ratio"] = r["rps"] / base
        weight = f"{r['weight_kb']:.0f}" if r["weight_kb"] else "–"
        print(
            f"| {r['page']} | {r['rps']:,.0f} | {r['ratio']:.2f} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} "
            f"| {r['p95_16_ms']:.1f} | {r['queries']} | {weight} |"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    mode = "nocache" if args.no_page_cache else "cache"
    (out / f"pages-{mode}-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
