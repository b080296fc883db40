"""Turn validated collections into page content through the templates in templates/.

Each renderer returns Markdown: item headings are Markdown (so they reach the table of
contents, permanent anchors and search), and everything else is an HTML block rendered
by Jinja with autoescaping on.
"""
from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import reads
from .abbreviations import abbreviation_extensions
from .citations import own_sources, shared_sources
from .handbook import Handbook
from .local_notes import LocalNotes
from .publish import SCHEMA_DIR
from .word import WORD_DIR, blank_draft, sample_draft
from .works import cited_works

TEMPLATES = Path(__file__).parent / "templates"
BIBLIOGRAPHY_URL = "reference/sources/"
WORKS_CITED_URL = "reference/works-cited/"


def relative_url(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link between two page URLs that works on any host and under any sub-path."""
    target = _relative_path(from_page, to_page)
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=4096)
def _relative_path(from_page: str, to_page: str) -> str:
    # Blocks link to the same few pages thousands of times; relpath is slow.
    here = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page) + "/"
    target = posixpath.relpath("/" + to_page, "/" + here)
    if target == ".":
        return "./"
    return target + "/" if to_page.endswith("/") else target


class InlineMarkdown:
    """Markdown for short text fields (the data was checked to hold no HTML), with the
    glossary's abbreviations explained. One converter is reused: building one costs more
    than converting."""

    def __init__(self, abbreviations: dict[str, str]):
        self._markdown = markdown.Markdown(extensions=abbreviation_extensions(abbreviations))
        # Text converted here reads the glossary's abbreviations (see reads.py).
        self.digest = reads.digest(sorted(abbreviations.items()))
        words = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
        # Text with no Markdown character and no abbreviation converts to itself.
        self._needs_markdown = re.compile(r"[*_`\[\]\\<>!\n]|  $" + (rf"|\b(?:{words})\b" if words else ""))

        # The same text (a source's name, a scale label) is converted many times a build.
        self._converted: dict[str, Markup] = {}

    def __call__(self, text: str) -> Markup:
        reads.note(("abbreviations",), self.digest)
        if text not in self._converted:
            self._converted[text] = self._convert(text)
        return self._converted[text]

    def _convert(self, text: str) -> Markup:
        if not self._needs_markdown.search(text):
            return escape(text.strip())
        html = self._markdown.reset().convert(text)
        return Markup(re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.S))


def fingerprint(value) -> str:
    """A short hash of an item's text: saved with a reader's answer, it shows later
    editions whether the item changed since it was answered."""
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:12]


# Braces as character references: Markdown passes them through as text, so braces in
# data can never open an attribute list (attr_list reads only literal braces).
INERT_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
# A line that markdown_heading wrote: the only lines of a block read as Markdown.
HEADING_LINE = re.compile(r"#{1,6} [^\n]* \{#[^\s{}]+\}")


def markdown_heading(level: int, text: str, anchor: str) -> Markup:
    """A Markdown heading with a fixed anchor, so item ids are the permanent links. The
    text stays on one line and its braces stay text, so the anchor is always the id."""
    words = " ".join(str(escape(text)).split()).translate(INERT_BRACES)
    return Markup(f"{'#' * level} {words} {{#{anchor}}}")


def heading_ids(page_markdown: str) -> set[str]:
    """The ids Markdown gives the headings a page writes itself (its title among them)."""
    html = _HEADINGS.reset().convert(page_markdown)
    return set(re.findall(r'<h[1-6] id="([^"]+)"', html))


# One converter for every page: setting one up costs more than a page's conversion.
_HEADINGS = markdown.Markdown(extensions=["toc", "attr_list"])


def _cache_dir() -> str:
    path = Path(tempfile.gettempdir()) / "peer-roles-handbook-templates"
    path.mkdir(exist_ok=True)
    return str(path)


def keep_compiled_pages(jinja: Environment, page_path: Callable[[], str]) -> None:
    """mkdocs-macros compiles each page as a template in every build (Jinja keeps
    nothing from `from_string`): keep each page's compiled code beside the blocks'
    templates, checked against the page's text as Jinja checks a template file."""
    cache = FileSystemBytecodeCache(_cache_dir())
    # The compiled code depends on how the environment reads templates, too.
    settings = hashlib.sha256(repr((
        sorted(jinja.extensions), jinja.autoescape, jinja.optimized,
        [getattr(jinja, name) for name in (
            "block_start_string", "block_end_string", "variable_start_string",
            "variable_end_string", "comment_start_string", "comment_end_string",
            "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
            "newline_sequence", "keep_trailing_newline")])).encode()).hexdigest()

    def from_string(source, globals=None, template_class=None):
        bucket = cache.get_bucket(jinja, f"page {settings} {page_path()}", None, source)
        if bucket.code is None:
            bucket.code = jinja.compile(source)
            cache.set_bucket(bucket)
        return (template_class or jinja.template_class).from_code(
            jinja, bucket.code, jinja.make_globals(globals), None)
    jinja.from_string = from_string


class Renderer:
    """Renders blocks for pages; links are made relative to the page being rendered.

    shared: values made from the whole handbook that every template may use (the list
    of differences, the works cited, the edition history...). Whatever a block reads of
    them, of the data or of the renderer's lookups is noted (reads.py); digest_of gives
    the digest a note would hold now."""

    def __init__(self, handbook: Handbook, abbreviations: dict[str, str] | None = None,
                 updated: dict[tuple[str, str], str] | None = None,
                 address: Callable[[str], str] | None = None,
                 shared: dict[str, object] | None = None, notes: LocalNotes | None = None):
        self.handbook = handbook
        # An organisation's notes on items, shown beside them (its edition only).
        self.notes = notes
        self.updated = updated or {}
        self.shared = shared or {}
        self._shared_digests: dict[str, str] = {}
        # Maps a page's directory URL to the URL the build gives it (offline copies use
        # file names, which work from a file share).
        self.address = address or (lambda url: url)
        self.page_url = ""
        self.page_markdown = ""
        # Ids already on the page being rendered (see claim_id); found when first needed.
        self.page_ids: set[str] | None = None
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            # Compiled templates are kept between builds, as Python keeps __pycache__.
            bytecode_cache=FileSystemBytecodeCache(_cache_dir()),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.context_class = self._noting_context()
        self.env.filters["md"] = InlineMarkdown(abbreviations or {})
        self.env.filters["fingerprint"] = fingerprint
        self.env.globals.update(
            source=self._source, source_url=self._source_url, page_link=self._page_link,
            heading=markdown_heading, word_file=self._word_file, drafts=self._drafts,
            updated=self._updated, schema_file=self._schema_file, claim_id=self._claim_id,
            work=self._work, work_url=self._work_url, cited_works=cited_works,
            local_note=self._local_note,
        )
        self.env.globals.update(shared_sources=shared_sources, own_sources=own_sources)
        self.env.globals.update(self.shared)

    def _noting_context(self) -> type[Context]:
        """Templates look up every name they use in their context: a shared value is
        noted as read when a template uses it."""
        renderer = self

        class NotingContext(Context):
            def resolve_or_missing(self, key: str):
                if key in renderer.shared:
                    reads.note(("shared", key), renderer.digest_of(("shared", key)))
                return super().resolve_or_missing(key)
        return NotingContext

    def digest_of(self, read: tuple) -> str | None:
        """The digest a note of this read would hold now; None for an unknown kind."""
        kind, *what = read
        if kind == "data":
            return self.handbook.digest_of(what[0])
        if kind == "shared":
            if what[0] not in self._shared_digests:
                self._shared_digests[what[0]] = (reads.digest(self.shared[what[0]])
                                                 if what[0] in self.shared else "")
            return self._shared_digests[what[0]]
        if kind == "updated":
            return self.updated.get((what[0], what[1]), "")
        if kind == "address":
            return self.address(what[0])
        if kind == "abbreviations":
            return self.env.filters["md"].digest
        return None

    def _address(self, url: str) -> str:
        address = self.address(url)
        reads.note(("address", url), address)
        return address

    def start_page(self, page_url: str, page_markdown: str = "") -> None:
        """The blocks of another page follow; its own headings already hold their ids."""
        self.page_url = page_url
        self.page_markdown = page_markdown
        self.page_ids = None

    def _claim_id(self, anchor: str) -> bool:
        """Whether an anchor that marks a group (a guidance topic, a checklist) is still
        free on this page, taking it if so. When the page's title or an earlier block
        holds the id already, that element is the anchor: an id appears once per page."""
        if self.page_ids is None:
            # Converting the page to find its headings is costly: only a few blocks ask.
            self.page_ids = heading_ids(self.page_markdown) if self.page_markdown else set()
        if anchor in self.page_ids:
            return False
        self.page_ids.add(anchor)
        return True

    def _source(self, source_id: str) -> dict:
        return self.handbook.lookup("sources", source_id)

    def _source_url(self, source_id: str) -> str:
        return relative_url(self.page_url, self._address(BIBLIOGRAPHY_URL), source_id)

    def _work(self, work_id: str) -> dict:
        return self.handbook.lookup("bibliography", work_id)

    def _work_url(self, work_id: str) -> str:
        return relative_url(self.page_url, self._address(WORKS_CITED_URL), work_id)

    def _page_link(self, page: str, anchor: str) -> str:
        return relative_url(self.page_url, self._address(page), anchor)

    def _updated(self, collection: str, item_id: str) -> Markup:
        """"New in edition X" or "Updated in edition X" under an item, when it is."""
        note = self.updated.get((collection, item_id), "")
        reads.note(("updated", collection, item_id), note)
        return Markup('<p class="hb-updated">{}</p>').format(note) if note else Markup("")

    def _local_note(self, collection: str, item_id: str) -> dict | None:
        """The organisation's note on an item, with its name to label it; None without one."""
        text = self.notes.get(collection, item_id) if self.notes else None
        return {"organisation": self.notes.organisation, "text": text} if text else None

    def _word_file(self, name: str) -> str:
        return relative_url(self.page_url, f"{WORD_DIR}{name}.docx")

    def _schema_file(self, name: str) -> str:
        return relative_url(self.page_url, f"{SCHEMA_DIR}{name}.schema.json")

    def _drafts(self) -> list[dict]:
        """The job description builder's starting points: blank, then each sample."""
        samples = self.handbook["job_descriptions"].data["samples"]
        return [blank_draft(self.handbook)] + [sample_draft(self.handbook, s) for s in samples]

    def render(self, template: str, collection: str, page_url: str, **context) -> str:
        data = self.handbook[collection]
        return self.render_template(template, page_url, collection=data, file=data.file, **context)

    def render_template(self, template: str, page_url: str, **context) -> str:
        if page_url != self.page_url:
            self.start_page(page_url)
        return _tidy(self.env.get_template(template).render(handbook=self.handbook, **context))


def _tidy(text: str) -> str:
    """Keep HTML blocks free of blank lines and indentation, which Markdown would
    otherwise read as paragraph breaks or code; give Markdown headings room."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out: list[str] = []
    for line in lines:
        # Only headings; data text that happens to start a line with '#' stays in its block.
        if HEADING_LINE.fullmatch(line):
            out += ["", line, ""]
        else:
            out.append(line)
    return "\n".join(out).strip() + "\n"
