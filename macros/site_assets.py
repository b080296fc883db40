"""The handbook's own scripts and styles as the built site serves them: fewer, smaller
files for readers on slow connections, while overrides/ keeps them as written.

- A stylesheet's `@import "other.css";` lines (at its top, where CSS allows them) are
  replaced by those files' rules, so a page that links it makes one request, not
  several, and gzip finds what the files have in common; the rules tools share (such
  as answers.css) are still written once.
- Then every script and stylesheet is minified: comments and spaces dropped and local
  names shortened by a parser for each language (the Go minifiers of tdewolff/minify),
  never by patterns, so strings, template literals and selectors keep their meaning.
"""
from __future__ import annotations

import re
from pathlib import Path

import minify

_IMPORT = re.compile(r'^@import "([\w.-]+\.css)";\n', re.M)
MEDIA_TYPES = {"assets/js": ("*.js", "application/javascript"), "assets/css": ("*.css", "text/css")}


def _joined(css_dir: Path, name: str, seen: set[str]) -> str:
    """A stylesheet with its @imports replaced by their rules, each file once."""
    seen.add(name)

    def imported(match: re.Match) -> str:
        other = match.group(1)
        return "" if other in seen else _joined(css_dir, other, seen)
    return _IMPORT.sub(imported, (css_dir / name).read_text(encoding="utf-8"))


# Each file's minified text by its text: `mkdocs serve` copies every file anew for each
# rebuild, and only an edited one needs the minifier again.
_minified: dict[tuple[str, str], str] = {}


def _minify(site_dir: Path) -> None:
    for folder, (pattern, media_type) in MEDIA_TYPES.items():
        for path in sorted((site_dir / folder).glob(pattern)):
            key = (media_type, path.read_text(encoding="utf-8"))
            if key not in _minified:
                smaller = path.with_name(path.name + ".min")
                try:
                    minify.file(media_type, str(path), str(smaller))
                except minify.MinifyError as error:
                    smaller.unlink(missing_ok=True)
                    where = path.relative_to(site_dir)
                    raise ValueError(f"{where} could not be minified: {error}") from None
                _minified[key] = smaller.read_text(encoding="utf-8")
                smaller.unlink()
            path.write_text(_minified[key], encoding="utf-8")


def shrink(site_dir: Path) -> None:
    css_dir = site_dir / "assets" / "css"
    joined = {path: _joined(css_dir, path.name, set()) for path in css_dir.glob("*.css")}
    for path, text in joined.items():
        path.write_text(text, encoding="utf-8")
    _minify(site_dir)
