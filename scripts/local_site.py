"""A built handbook served on 127.0.0.1, and the system Chromium that opens it.

Shared by scripts/pdf.py and the browser tests (tests/conftest.py).
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path


def find_chromium() -> str | None:
    """The browser to drive: $HANDBOOK_CHROMIUM when set, else Debian's chromium, else
    Google Chrome. A snap (Ubuntu's only chromium) is passed over: this project does not
    drive snaps, but HANDBOOK_CHROMIUM can name one."""
    if os.environ.get("HANDBOOK_CHROMIUM"):
        return os.environ["HANDBOOK_CHROMIUM"]
    for name in ("chromium", "google-chrome-stable", "google-chrome"):
        path = shutil.which(name)
        if path and not os.path.realpath(path).startswith(("/snap/", "/usr/bin/snap")):
            return path
    return None


CHROMIUM = find_chromium() or "/usr/bin/chromium"
# What the tests and the PDFs drive: Chromium's headless shell (Debian's
# chromium-headless-shell), the same engine without the browser's windows, which opens a
# page in under half the processor time; else the browser above. HANDBOOK_CHROMIUM, when
# set, is used for everything.
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM_HEADLESS = (CHROMIUM if os.environ.get("HANDBOOK_CHROMIUM")
                     or not os.access(HEADLESS_SHELL, os.X_OK) else HEADLESS_SHELL)
# Without these, headless Chromium tries to reach Google's services at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# The headers a host should send with every file of the handbook (README, "Hosting",
# shows them for nginx and Apache). The local server sends them too, so the browser
# tests and the PDFs run under the policy intranets apply. `frame-ancestors *` lets
# other sites embed sections; `'unsafe-inline'` styles are the theme's and the print
# stamp's `<style>` blocks and `style` attributes, never scripts.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; frame-ancestors *"
)
HANDBOOK_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                           "serial=(), hid=(), midi=(), display-capture=()"),
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, extra_headers: dict[str, str], **kwargs) -> None:
        self.extra_headers = extra_headers  # before the base class handles the request
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


class GzipHandler(QuietHandler):
    """Sends text files gzipped to browsers that accept it, as a production host would, so
    that measured transfer sizes are those readers get."""

    def do_GET(self) -> None:
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        textual = kind.startswith("text/") or kind.endswith(("javascript", "json", "xml", "+xml"))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (textual and accepted and os.path.isfile(path)):
            super().do_GET()
            return
        with open(path, "rb") as file:
            body = gzip.compress(file.read())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a page while a file is on its way (a test moving on) is
        # no fault of the site's; anything else is still reported.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, port: int = 0, headers: dict[str, str] = HANDBOOK_HEADERS,
          compress: bool = False) -> Iterator[str]:
    """Serve the site folder over HTTP in a background thread (port 0: any free port),
    sending `headers` with every response and gzipping text when compress is set; yields
    its address, ending in a slash."""
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(site),
                                extra_headers=headers)
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    # scripts/setup asks whether a browser is there before installing one, and with
    # --headless-shell whether the tests have the headless shell or no need of it.
    if sys.argv[1:] == ["--headless-shell"]:
        sys.exit(0 if os.environ.get("HANDBOOK_CHROMIUM") or CHROMIUM_HEADLESS == HEADLESS_SHELL
                 else 1)
    found = find_chromium()
    if found is None or not Path(found).exists():
        sys.exit(1)
    print(found)
