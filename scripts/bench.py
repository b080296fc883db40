"""Benchmark: cold build time of the handbook, and the cost of the data-and-macro layer.

Builds the handbook in a fresh process several times, then builds a plain copy of the
same pages (the Markdown that the macros produced, saved as static files, same theme,
no macros plugin) and prints both times and their ratio. Run: .venv/bin/python scripts/bench.py

With --scale 1 3 10 it builds handbooks with that many times the data instead
(scripts/bench_scale.py) and prints the time and peak memory of each build.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(config: Path, site: Path, env: dict | None = None) -> tuple[float, float]:
    """Seconds the build took, on the clock and of processor time."""
    return measured_build(config, site, env)[:2]


def measured_build(config: Path, site: Path, env: dict | None = None) -> tuple[float, float, int]:
    """Seconds the build took, on the clock and of processor time (which other work on a
    shared machine changes far less), and its peak memory in bytes."""
    start = time.perf_counter()
    # Material's notice about its future would be printed on every build.
    quiet = {"NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site)],
        cwd=ROOT, env={**os.environ, **quiet, **(env or {})})
    # wait4 gives the resource use of this child alone.
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit("bench: the build failed; its messages are above")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


@contextlib.contextmanager
def plain_copy(work: Path, overrides: bool = True) -> Iterator[Path]:
    """Build the handbook once, saving the Markdown its macros produce into work/, and
    yield a config that builds those pages as static files: same theme, no macros, and
    without overrides/ (our templates, scripts and styles) unless overrides is set."""
    captured = work / "rendered-docs"
    # Configs that inherit mkdocs.yml must sit beside it so its relative paths hold;
    # named per process, so that two benchmarks can run at once.
    capture_cfg = ROOT / f".bench-capture-{os.getpid()}.yml"
    plain_cfg = ROOT / f".bench-plain-{os.getpid()}.yml"
    capture_cfg.write_text("INHERIT: mkdocs.yml\nhooks:\n  - macros/theme_cache.py\n"
                           "  - scripts/bench_capture.py\n")
    plain = f"INHERIT: mkdocs.yml\ndocs_dir: {captured}\nplugins:\n  - search\n"
    if not overrides:
        (work / "no-overrides").mkdir()
        plain += f"theme:\n  custom_dir: {work / 'no-overrides'}\n"
    plain_cfg.write_text(plain)
    try:
        build(capture_cfg, work / "site-capture", {"BENCH_CAPTURE_DIR": str(captured)})
        yield plain_cfg
    finally:
        capture_cfg.unlink()
        plain_cfg.unlink()


def compare(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # With empty caches (parsed data, blocks, compiled templates, Word files): as a
        # fresh clone's first build, or the first after a change to the code.
        (work / "empty-cache").mkdir()
        cold = build(ROOT / "mkdocs.yml", work / "site-cold", {"TMPDIR": str(work / "empty-cache")})
        with plain_copy(work) as plain_cfg:
            # Alternate the two kinds of build so drift in the machine's speed hits both.
            handbook, plain = [], []
            for i in range(runs):
                handbook.append(build(ROOT / "mkdocs.yml", work / f"site-mkdocs-{i}"))
                plain.append(build(plain_cfg, work / f"site-plain-{i}"))
        pages = len(list((work / "site-mkdocs-0").rglob("index.html")))

    print(f"pages built:                     {pages}")
    print(f"handbook build with empty caches: {cold[0]:.2f} s, {cold[1]:.2f} s of processor time")
    for kind, index in (("clock", 0), ("processor", 1)):
        ours, theirs = [t[index] for t in handbook], [t[index] for t in plain]
        full, bare = statistics.median(ours), statistics.median(theirs)
        print(f"{kind} time (median of {runs}, fastest): handbook {full:.2f} s ({min(ours):.2f} s), "
              f"plain copy {bare:.2f} s ({min(theirs):.2f} s)")
        print(f"  data-and-macro overhead ratio: {full / bare:.2f} (medians), "
              f"{min(ours) / min(theirs):.2f} (fastest runs)")
    print(load_average())


def scale(factors: list[int], runs: int) -> None:
    from bench_scale import scale_data, scale_docs

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        config = ROOT / f".bench-scale-{os.getpid()}.yml"
        try:
            for factor in factors:
                data, docs = work / f"data-{factor}", work / f"docs-{factor}"
                scale_data(ROOT / "data", data, factor)
                scale_docs(ROOT / "docs", docs, factor)
                # Copied pages are not in the navigation: they are built all the same.
                config.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {docs}\n"
                                  "hooks:\n  - macros/theme_cache.py\n"
                                  "  - scripts/bench_scale_limits.py\n"
                                  "validation:\n  nav:\n    omitted_files: info\n")
                # The first build of each size parses and checks all its data (nothing is
                # cached for it yet); later ones find it in the build cache.
                builds = [measured_build(config, work / f"site-{factor}-{run}",
                                         {"HANDBOOK_DATA_DIR": str(data)}) for run in range(runs)]
                pages = len(list((work / f"site-{factor}-0").rglob("index.html")))
                rows.append((factor, pages, builds))
                for run in range(runs):
                    shutil.rmtree(work / f"site-{factor}-{run}")
        finally:
            config.unlink(missing_ok=True)

    base = rows[0][2][0]
    print(f"| data | pages | first build | ratio to {rows[0][0]}x | processor time | ratio to "
          f"{rows[0][0]}x | later builds (median) | peak memory |")
    print("|---|---|---|---|---|---|---|---|")
    for factor, pages, builds in rows:
        later = f"{statistics.median(t for t, _, _ in builds[1:]):.1f} s" if len(builds) > 1 else "-"
        peak = max(memory for _, _, memory in builds) / 2**20
        print(f"| {factor}x | {pages} | {builds[0][0]:.1f} s | {builds[0][0] / base[0]:.2f} "
              f"| {builds[0][1]:.1f} s | {builds[0][1] / base[1]:.2f} | {later} | {peak:.0f} MB |")


def load_average() -> str:
    """The machine's load, which slows every clock time measured on it."""
    one, five, _ = os.getloadavg()
    return (f"load average: {one:.1f} (last minute), {five:.1f} (last five), "
            f"on {os.cpu_count()} processors")


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, help="builds of each kind (default 7; 1 with --scale)")
    parser.add_argument("--scale", type=positive, nargs="+", metavar="N",
                        help="build with N times the data, for each N given (e.g. 1 3 10)")
    args = parser.parse_args()
    if args.scale:
        scale(args.scale, args.runs or 1)
    else:
        compare(args.runs or 7)


if __name__ == "__main__":
    main()
