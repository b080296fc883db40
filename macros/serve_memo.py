"""MkDocs hook: under `mkdocs serve`, a page whose Markdown is unchanged since the last
rebuild is not converted to HTML, nor indexed for search, again.

The server rebuilds every page after any edit, and most of a rebuild is converting
Markdown and Material's search parsing each page's HTML; a data edit changes the
Markdown of a few pages only. MkDocs has no such cache (its `--dirty` mode skips whole
pages, leaving nav titles and the search index stale), so this hook keeps, for each
page, what `Page.render` set and what it logged, under a digest of everything the
conversion reads: the page's Markdown after the macros, its file and address, every
file's address (links are resolved against them), the Markdown extensions with their
settings and code, and the validation settings. The search entries of a page are kept
under a digest of what the index reads. A page whose key differs is converted and
indexed as MkDocs always does. `mkdocs build` is one build per process: nothing is kept.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.pages import Page

_serving = False
# src_uri -> (key, Converted): the latest conversion of each page.
_converted: dict[str, tuple[str, Converted]] = {}
# page URL -> (key, search entries)
_indexed: dict[str, tuple[str, list[dict]]] = {}
# The digest of what every page's conversion reads besides its own file, for this build.
_build_inputs: tuple[object, str] | None = None


@dataclass
class Converted:
    content: str
    toc: object
    title: str | None
    anchor_ids: set[str]
    # src_uri of each linked file -> {anchor: link}; None when MkDocs collected none.
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]


def _digest(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode()
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def _extension(config, extension) -> tuple:
    """A Markdown extension as named in the config, or an instance made by our code (the
    glossary's abbreviations), with its settings and the code that defines it."""
    if isinstance(extension, str):
        return extension, config.mdx_configs.get(extension)
    code = Path(sys.modules[type(extension).__module__].__file__).read_bytes()
    return type(extension).__qualname__, sorted(extension.getConfigs().items()), code


def _inputs(config, files) -> str:
    """What every page's conversion reads besides its own Markdown, once per build."""
    global _build_inputs
    if _build_inputs is None or _build_inputs[0] is not files:
        _build_inputs = files, _digest(
            [_extension(config, e) for e in config.markdown_extensions],
            config.validation, config.use_directory_urls,
            logging.getLogger("mkdocs.structure.pages").getEffectiveLevel(),
            sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files))
    return _build_inputs[1]


class _Recorder(logging.Handler):
    """Keeps the messages logged while a page is converted (broken links, say), so that
    a rebuild that reuses the conversion reports them again."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record not in self.records:
            self.records.append(record)


def _render(page: Page, original, config, files) -> None:
    key = _digest(page.markdown, page.file.src_uri, page.file.url, _inputs(config, files))
    kept = _converted.get(page.file.src_uri)
    if kept and kept[0] == key:
        done = kept[1]
        for record in done.records:
            logging.getLogger(record.name).handle(record)
        page.content, page.toc = done.content, copy.deepcopy(done.toc)
        page._title_from_render = done.title
        page.present_anchor_ids = set(done.anchor_ids)
        if done.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): dict(links)
                                     for uri, links in done.links_to_anchors.items()}
        return
    recorder = _Recorder()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        original(config, files)
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)
    links = page.links_to_anchors
    _converted[page.file.src_uri] = key, Converted(
        page.content, copy.deepcopy(page.toc), page._title_from_render,
        set(page.present_anchor_ids),
        None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
        recorder.records)


def _add_entries(index: SearchIndex, original, page: Page) -> None:
    toc = [(item.id, item.url, item.title, item.level) for item in _walk(page.toc)]
    key = _digest(page.content, page.url, page.title, toc,
                  {name: page.meta.get(name) for name in ("title", "tags", "search")})
    kept = _indexed.get(page.url)
    if kept and kept[0] == key:
        index.entries.extend(copy.deepcopy(kept[1]))
        return
    before = len(index.entries)
    original(page)
    _indexed[page.url] = key, copy.deepcopy(index.entries[before:])


def _walk(toc):
    for item in toc:
        yield item
        yield from _walk(item.children)


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_config(config):
    """Material's search plugin has made this build's index (hooks run after plugins)."""
    if not _serving:
        return
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(index, SearchIndex):
            index.add_entry_from_context = partial(_add_entries, index,
                                                   index.add_entry_from_context)


def on_pre_page(page, config, files):
    if _serving:
        page.render = partial(_render, page, page.render)
    return page
