"""Benchmark: how long a YAML edit takes to show in the browser under `mkdocs serve`.

Starts `mkdocs serve` (what scripts/serve runs) on a free port, opens the values page
in headless Chromium, changes a value's name in data/values.yml and times until the
page, reloaded by MkDocs' live reload, shows the new name; several times, then puts
the file back as it was. Run: .venv/bin/python scripts/reload_time.py [--edits 3]
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import ROOT, load_average
from local_site import CHROMIUM, CHROMIUM_ARGS

DATA_FILE = ROOT / "data" / "values.yml"
PAGE = "foundations/values/"
ORIGINAL = "name: Mutuality\n"
# Checked in the page until it holds; live reload replaces the page when the build is done.
SHOWN = "name => document.body && document.body.innerText.includes(name)"


def processor_seconds(pid: int) -> float:
    """Processor time a process has used so far (Linux): how much work a rebuild is,
    which, unlike the clock, other work on a shared machine changes little."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=3, help="edits to time (default 3)")
    args = parser.parse_args()
    original = DATA_FILE.read_bytes()
    assert ORIGINAL.encode() in original, f"{DATA_FILE} no longer names the value 'Mutuality'"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times, work = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            url = f"http://127.0.0.1:{port}/{PAGE}"
            deadline = time.monotonic() + 180
            while True:
                try:
                    page.goto(url)
                    page.wait_for_function(SHOWN, arg="Mutuality", timeout=5000)
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(1)
            for edit in range(1, args.edits + 1):
                name = f"Mutuality edit {edit}"
                # Let the server settle after the previous rebuild before editing again.
                time.sleep(2)
                start, used = time.perf_counter(), processor_seconds(server.pid)
                edited = original.replace(ORIGINAL.encode(), f"name: {name}\n".encode(), 1)
                DATA_FILE.write_bytes(edited)
                page.wait_for_function(SHOWN, arg=name, timeout=60000, polling=20)
                times.append(time.perf_counter() - start)
                # The rebuild is over once the page shows the edit.
                work.append(processor_seconds(server.pid) - used)
                print(f"edit {edit}: shown after {times[-1]:.2f} s; the server's rebuild took "
                      f"{work[-1]:.2f} s of processor time", file=sys.stderr)
            browser.close()
    finally:
        DATA_FILE.write_bytes(original)
        server.terminate()
        server.wait(timeout=30)
    print(f"YAML edit to new text in the browser (median of {len(times)}): "
          f"{statistics.median(times):.2f} s  (fastest {min(times):.2f} s, "
          f"slowest {max(times):.2f} s)")
    print(f"processor time of the rebuild (median): {statistics.median(work):.2f} s")
    print(load_average())


if __name__ == "__main__":
    main()
