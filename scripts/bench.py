"""Benchmark: cold build time of the handbook, and the cost of the data-and-macro layer.

Builds the handbook in a fresh process several times, then builds a plain copy of the
same pages (the Markdown that the macros produced, saved as static files, same theme,
no macros plugin) and prints both times and their ratio. Run: .venv/bin/python scripts/bench.py
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(config: Path, site: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    # Material's notice about its future would be printed on every build.
    quiet = {"NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config),
                    "-d", str(site)], cwd=ROOT, check=True, env={**os.environ, **quiet, **(env or {})})
    return time.perf_counter() - start


@contextlib.contextmanager
def plain_copy(work: Path) -> Iterator[Path]:
    """Build the handbook once, saving the Markdown its macros produce into work/, and
    yield a config that builds those pages as static files: same theme, no macros."""
    captured = work / "rendered-docs"
    # Configs that inherit mkdocs.yml must sit beside it so its relative paths hold.
    capture_cfg = ROOT / ".bench-capture.yml"
    plain_cfg = ROOT / ".bench-plain.yml"
    capture_cfg.write_text("INHERIT: mkdocs.yml\nhooks:\n  - scripts/bench_capture.py\n")
    plain_cfg.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {captured}\nplugins:\n  - search\n")
    try:
        build(capture_cfg, work / "site-capture", {"BENCH_CAPTURE_DIR": str(captured)})
        yield plain_cfg
    finally:
        capture_cfg.unlink()
        plain_cfg.unlink()


def compare(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with plain_copy(work) as plain_cfg:
            # Alternate the two kinds of build so drift in the machine's speed hits both.
            handbook, plain = [], []
            for i in range(runs):
                handbook.append(build(ROOT / "mkdocs.yml", work / f"site-mkdocs-{i}"))
                plain.append(build(plain_cfg, work / f"site-plain-{i}"))
        pages = len(list((work / "site-mkdocs-0").rglob("index.html")))

    full, bare = statistics.median(handbook), statistics.median(plain)
    print(f"pages built:                     {pages}")
    print(f"handbook build, cold (median of {runs}): {full:.2f} s  (min {min(handbook):.2f} s)")
    print(f"plain copy, no macros (median):  {bare:.2f} s  (min {min(plain):.2f} s)")
    print(f"data-and-macro overhead ratio:   {full / bare:.2f} (medians), "
          f"{min(handbook) / min(plain):.2f} (fastest runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="builds of each kind (default 7)")
    args = parser.parse_args()
    compare(args.runs)


if __name__ == "__main__":
    main()
