"""Benchmark: Lighthouse (mobile) on the handbook and on a plain Material copy of it.

Builds the handbook and the plain copy (scripts/bench.py: the same Markdown, no macros,
no scripts of ours), serves both gzipped on 127.0.0.1, runs Lighthouse 12.2.3 with its
default mobile profile and simulated throttling on the pages readers open most, and
prints the medians side by side. Lighthouse is installed with npm into a cache folder
the first time. Run: .venv/bin/python scripts/lighthouse.py [--runs 3] [--pages PAGE ...]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import ROOT, build, plain_copy
from local_site import CHROMIUM, serve

VERSION = "12.2.3"
CACHE = (Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
         / "peer-roles-handbook" / "lighthouse")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
PAGES = ["", None, "foundations/values/", "onboard/onboarding-checklist/",
         "recruit/interview-sheet/", "supervise/role-clarity/", "recruit/job-description-builder/"]
# Our scripts: the tools' modules, and our part of the search worker.
OUR_SCRIPTS = tuple("/" + p.relative_to(ROOT / "overrides").as_posix()
                    for p in [*(ROOT / "overrides" / "assets" / "js").glob("*.js"),
                              *(ROOT / "overrides" / "assets" / "javascripts").rglob("*.js")])


def lighthouse_cli() -> Path:
    """The Lighthouse command line, installed into the cache folder when missing."""
    cli = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if cli.is_file():
        return cli
    if not shutil.which("npm"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "nodejs", "npm"], check=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--exact", f"lighthouse@{VERSION}", "--prefix", str(CACHE),
                    "--no-audit", "--no-fund"], check=True)
    return cli


def longest_guidance_page(site: Path) -> str:
    """The guidance page with the most markup, other than the pages measured anyway: the
    heaviest prose page readers open."""
    pages = [p.relative_to(ROOT / "docs").with_suffix("") for p in (ROOT / "docs").rglob("*.md")
             if "guidance(" in p.read_text(encoding="utf-8")]
    urls = [(str(p.parent) + "/" if p.name == "index" else f"{p}/").removeprefix("./")
            for p in pages]
    urls = [url for url in urls if url not in PAGES]
    return max(urls, key=lambda url: (site / url / "index.html").stat().st_size)


def audit(cli: Path, url: str, report: Path) -> dict:
    subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=performance,best-practices",
                    f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    ours = [r for r in audits["network-requests"]["details"]["items"]
            if r["url"].split("?")[0].endswith(OUR_SCRIPTS)]
    return {
        "performance": round(result["categories"]["performance"]["score"] * 100),
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "script_kb": sum(r.get("transferSize", 0) for r in ours) / 1024,
        "console_errors": len(audits["errors-in-console"].get("details", {}).get("items", [])),
        "best_practices": round(result["categories"]["best-practices"]["score"] * 100),
    }


def table(pages: list[str], results: dict) -> str:
    def med(site, page, key):
        return statistics.median(r[key] for r in results[site, page])

    head = ("| page | perf | plain | TBT ms | plain | CLS | plain | LCP s | plain "
            "| our JS KB gz | plain | console errors | best practices |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for page in pages:
        h = {k: med("handbook", page, k) for k in results["handbook", page][0]}
        p = {k: med("plain", page, k) for k in results["plain", page][0]}
        lines.append(f"| {page or 'home'} | {h['performance']:.0f} | {p['performance']:.0f} "
                     f"| {h['tbt']:.0f} | {p['tbt']:.0f} | {h['cls']:.3f} | {p['cls']:.3f} "
                     f"| {h['lcp'] / 1000:.1f} | {p['lcp'] / 1000:.1f} "
                     f"| {h['script_kb']:.1f} | {p['script_kb']:.1f} "
                     f"| {h['console_errors']:.0f} | {h['best_practices']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3,
                        help="Lighthouse runs per page and site (default 3)")
    parser.add_argument("--pages", nargs="+", metavar="PAGE",
                        help="measure only these pages, as paths from the site root "
                             "(e.g. supervise/role-clarity/; 'home' for the home page); "
                             "default: home, the longest guidance page and the tool pages")
    args = parser.parse_args()
    cli = lighthouse_cli()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sites = {"handbook": work / "site-handbook", "plain": work / "site-plain"}
        # Material alone: none of our templates, scripts or styles.
        with plain_copy(work, overrides=False) as plain_cfg:
            build(ROOT / "mkdocs.yml", sites["handbook"])
            build(plain_cfg, sites["plain"])
        pages = ([page.strip("/") + "/" if page.strip("/") not in ("", "home") else ""
                  for page in args.pages] if args.pages else
                 [page if page is not None else longest_guidance_page(sites["handbook"])
                  for page in PAGES])
        results: dict = {(site, page): [] for site in sites for page in pages}
        with serve(sites["handbook"], compress=True) as handbook_url, \
                serve(sites["plain"], compress=True) as plain_url:
            urls = {"handbook": handbook_url, "plain": plain_url}
            for run in range(args.runs):
                for page in pages:
                    # Alternate the sites so drift in the machine's speed hits both.
                    for site in sites:
                        print(f"run {run + 1}/{args.runs}: {site} /{page}", file=sys.stderr)
                        report = audit(cli, urls[site] + page, work / "report.json")
                        results[site, page].append(report)
    print(f"Lighthouse {VERSION}, mobile, simulated throttling; medians of {args.runs} runs. "
          "'plain' is the same Markdown built by Material alone, without overrides/. "
          "Our JS: gzipped bytes of overrides/assets/js the page loaded.")
    print(table(pages, results))


if __name__ == "__main__":
    main()
