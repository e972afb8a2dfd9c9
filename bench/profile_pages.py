"""Where a rendered page's time goes: in-process profile of the pages that bench/run_pages.py times.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/profile_pages.py [--n 30] [--top 25]

For each page (page cache off, as a signed-in user or a first visitor gets it): the median time of ``n``
requests through Django's test client (wall clock, and the CPU time of this process alone, which a machine
shared with other work disturbs less), the SQL time and query count, the number of template nodes
rendered, and a cProfile summary (functions by own time) of ``n`` more requests.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ.setdefault("DJANGO_PLAIN_STATIC", "1")
os.environ["HAASTEMOOTTORI_PAGE_CACHE_SECONDS"] = "0"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--page", default="", help="only pages whose name contains this")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.template import base as template_base
    from django.test import Client

    sys.path.insert(0, str(ROOT / "bench"))
    from run_pages import pages

    nodes = [0]
    original = template_base.Node.render_annotated

    def counting(self, context):
        nodes[0] += 1
        return original(self, context)

    client = Client(HTTP_HOST="127.0.0.1")
    for name, url in pages().items():
        if args.page and args.page not in name:
            continue
        for _ in range(5):
            client.get(url)
        times, cpu = [], []
        for _ in range(args.n):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        queries: list[tuple[float, str]] = []

        def timed(execute, sql, params, many, context, queries=queries):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append(((time.perf_counter() - start) * 1000, sql))

        with connection.execute_wrapper(timed):
            client.get(url)
        sql_ms = sum(ms for ms, _ in queries)
        template_base.Node.render_annotated = counting
        nodes[0] = 0
        client.get(url)
        template_base.Node.render_annotated = original
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.n):
            client.get(url)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        print(
            f"\n## {name} ({url}): median {statistics.median(times):.1f} ms in-process "
            f"({statistics.median(cpu):.1f} ms of this process's CPU), "
            f"{len(queries)} queries, SQL {sql_ms:.1f} ms, {nodes[0]} template nodes"
        )
        for ms, sql in queries:
            print(f"    {ms:6.1f} ms  {sql[:150]}")
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


if __name__ == "__main__":
    main()
