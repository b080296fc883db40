"""The handbook's own scripts and styles as the built site serves them: fewer, smaller
files for readers on slow connections, while overrides/ keeps them as written.

- A stylesheet's `@import "other.css";` lines (at its top, where CSS allows them) are
  replaced by those files' rules, so a page that links it makes one request, not
  several, and gzip finds what the files have in common; the rules tools share (such
  as answers.css) are still written once.
- Then every script and stylesheet is minified: comments and spaces dropped and local
  names shortened by a parser for each language (the Go minifiers of tdewolff/minify),
  never by patterns, so strings, template literals and selectors keep their meaning.
  The results are kept in the system's temporary folder for the next build.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil
import tempfile
from pathlib import Path

_IMPORT = re.compile(r'^@import "([\w.-]+\.css)";\n', re.M)
MEDIA_TYPES = {"assets/js": ("*.js", "application/javascript"), "assets/css": ("*.css", "text/css"),
               # Our part of the search worker (search_split.py); Material's are minified.
               "assets/javascripts/workers": ("handbook-*.js", "application/javascript")}


def _joined(css_dir: Path, name: str, seen: set[str]) -> str:
    """A stylesheet with its @imports replaced by their rules, each file once."""
    seen.add(name)

    def imported(match: re.Match) -> str:
        other = match.group(1)
        return "" if other in seen else _joined(css_dir, other, seen)
    return _IMPORT.sub(imported, (css_dir / name).read_text(encoding="utf-8"))


# Minified files kept between builds, named by the minifier's version, the media type
# and the file's text: a build minifies only files it has not seen before, and loads
# the minifier (a fifth of a second) only then.
FOLDER = Path(tempfile.gettempdir()) / "peer-roles-handbook-minified"


def _minify(site_dir: Path) -> None:
    version = importlib.metadata.version("minify-go")
    for folder, (pattern, media_type) in MEDIA_TYPES.items():
        for path in sorted((site_dir / folder).glob(pattern)):
            key = hashlib.sha256(f"{version}\0{media_type}\0".encode() + path.read_bytes())
            kept = FOLDER / (key.hexdigest() + path.suffix)
            if not kept.exists():
                FOLDER.mkdir(exist_ok=True)
                _minify_file(path, media_type, kept, site_dir)
            shutil.copyfile(kept, path)


def _minify_file(path: Path, media_type: str, kept: Path, site_dir: Path) -> None:
    import minify

    # Written beside, then moved into place whole: builds may run side by side.
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    try:
        minify.file(media_type, str(path), str(partial))
    except minify.MinifyError as error:
        partial.unlink(missing_ok=True)
        where = path.relative_to(site_dir)
        raise ValueError(f"{where} could not be minified: {error}") from None
    os.replace(partial, kept)


def shrink(site_dir: Path) -> None:
    css_dir = site_dir / "assets" / "css"
    joined = {path: _joined(css_dir, path.name, set()) for path in css_dir.glob("*.css")}
    for path, text in joined.items():
        path.write_text(text, encoding="utf-8")
    _minify(site_dir)
