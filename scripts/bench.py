"""Benchmark: cold build time of the handbook, and the cost of the data-and-macro layer.

Builds the handbook in a fresh process several times, then builds a plain copy of the
same pages (the Markdown that the macros produced, saved as static files, same theme,
no macros plugin) and prints both times and their ratio. Run: .venv/bin/python scripts/bench.py
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(config: Path, site: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    # Material's notice about its future would be printed on every build.
    quiet = {"NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config),
                             "-d", str(site)], cwd=ROOT, env={**os.environ, **quiet, **(env or {})})
    if result.returncode != 0:
        sys.exit("bench: the build failed; its messages are above")
    return time.perf_counter() - start


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=7, help="builds of each kind (default 7)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        captured = work / "rendered-docs"
        # Configs that inherit mkdocs.yml must sit beside it so its relative paths hold.
        capture_cfg = ROOT / ".bench-capture.yml"
        plain_cfg = ROOT / ".bench-plain.yml"
        capture_cfg.write_text("INHERIT: mkdocs.yml\nhooks:\n  - scripts/bench_capture.py\n")
        plain_cfg.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {captured}\nplugins:\n  - search\n")
        try:
            build(capture_cfg, work / "site-capture", {"BENCH_CAPTURE_DIR": str(captured)})
            # Alternate the two kinds of build so drift in the machine's speed hits both.
            handbook, plain = [], []
            for i in range(args.runs):
                handbook.append(build(ROOT / "mkdocs.yml", work / f"site-mkdocs-{i}"))
                plain.append(build(plain_cfg, work / f"site-plain-{i}"))
        finally:
            capture_cfg.unlink()
            plain_cfg.unlink()
        pages = len(list((work / "site-mkdocs-0").rglob("index.html")))

    full, bare = statistics.median(handbook), statistics.median(plain)
    print(f"pages built:                     {pages}")
    print(f"handbook build, cold (median of {args.runs}): {full:.2f} s  (min {min(handbook):.2f} s)")
    print(f"plain copy, no macros (median):  {bare:.2f} s  (min {min(plain):.2f} s)")
    print(f"data-and-macro overhead ratio:   {full / bare:.2f} (medians), "
          f"{min(handbook) / min(plain):.2f} (fastest runs)")


if __name__ == "__main__":
    main()
