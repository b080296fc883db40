"""MkDocs hook: under `mkdocs serve`, a page whose Markdown is unchanged since the last
rebuild is not converted to HTML, indexed for search, nor laid out in the theme again.

The server rebuilds every page after any edit, and most of a rebuild is converting
Markdown, Material's search parsing each page's HTML and the theme's templates; a data
edit changes the Markdown of a few pages only. MkDocs has no such cache (its `--dirty`
mode skips whole pages, leaving nav titles and the search index stale), so this hook
keeps, for each page:

- what `Page.render` set and what it logged, under a digest of everything the
  conversion reads: the page's Markdown after the macros, its file and address, every
  file's address (links are resolved against them), the Markdown extensions with their
  settings and code, and the validation settings;
- its search entries, under a digest of what the index reads;
- the theme's HTML, under a digest of the page (content, headings, title, metadata,
  addresses), the whole navigation (every title, address and page metadata), the
  configuration with the plugins' settings, and the theme's files;

and, for the whole site, the list of the theme's files (MkDocs lists Material's
thousands of icons in every build to copy the theme's assets), while no theme folder
has gained or lost a file.

A page whose key differs goes through MkDocs as always. `mkdocs build` is one build per
process: nothing is kept.
"""
from __future__ import annotations

import copy
import functools
import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
import mkdocs_macros.context as macros_context
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

_serving = False
# src_uri -> (key, Converted): the latest conversion of each page.
_converted: dict[str, tuple[str, Converted]] = {}
# page URL -> (key, search entries)
_indexed: dict[str, tuple[str, list[dict]]] = {}
# (key, names): the theme's files, as the last build listed them
_theme_listing: tuple[tuple, list[str]] | None = None
# src_uri -> (key, the theme's HTML of the page)
_laid_out: dict[str, tuple[str, str]] = {}
# The digest of what every page's conversion reads besides its own file, for this build.
_build_inputs: tuple[object, str] | None = None
# The digest of what every page's layout reads besides the page, for this build.
_site_inputs: tuple[object, str] | None = None


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


def _nav_item(item) -> tuple:
    if isinstance(item, Section):
        return "section", item.title, [_nav_item(child) for child in item.children]
    if isinstance(item, Link):
        return "link", item.title, item.url
    return "page", item.title, item.url, _plain(item.meta)


def _plain(value) -> str:
    """Metadata as text; what JSON cannot hold, by repr."""
    return json.dumps(value, sort_keys=True, default=repr)


def _theme_files(dirs: list[str]) -> list:
    """Every theme file's name, size and time, but the icons Material ships (they change
    only with the package, that is in a new server process)."""
    found = []
    for folder in dirs:
        for parent, subfolders, names in os.walk(folder):
            subfolders[:] = sorted(d for d in subfolders if d != ".icons")
            for name in sorted(names):
                stat = os.stat(os.path.join(parent, name))
                found.append((parent, name, stat.st_size, stat.st_mtime_ns))
    return found


def _site(nav, config) -> str:
    """What every page's layout reads besides the page itself, once per build."""
    global _site_inputs
    if _site_inputs is None or _site_inputs[0] is not nav:
        # The plugins and the Markdown extensions by name and settings: the objects
        # themselves are new in every build.
        settings = {key: repr(value) for key, value in config.items()
                    if key not in ("plugins", "hooks", "markdown_extensions")}
        settings["plugins"] = [(name, repr(getattr(plugin, "config", None)))
                               for name, plugin in config.plugins.items()]
        settings["markdown_extensions"] = [e if isinstance(e, str) else type(e).__qualname__
                                           for e in config.markdown_extensions]
        _site_inputs = nav, _digest([_nav_item(item) for item in nav.items], settings,
                                    _theme_files(config.theme.dirs))
    return _site_inputs[1]


class _RememberedLayout(jinja2.Template):
    """The theme's templates, which give a page's HTML from what they gave before when
    nothing they read has changed."""

    def render(self, *args, **kwargs) -> str:
        context = dict(*args, **kwargs)
        page = context.get("page")
        if not isinstance(page, Page):
            return super().render(*args, **kwargs)
        toc = [(item.id, item.url, item.title, item.level) for item in _walk(page.toc)]
        # All of the context, but the build's date, which the theme does not show.
        rest = {name: value for name, value in context.items()
                if name not in ("page", "nav", "pages", "config", "build_date_utc")}
        key = _digest(self.name, page.content, toc, page.title, page.url, page.canonical_url,
                      page.edit_url, _plain(page.meta), repr(rest),
                      _site(context["nav"], context["config"]))
        kept = _laid_out.get(page.file.src_uri)
        if kept and kept[0] == key:
            return kept[1]
        output = super().render(*args, **kwargs)
        _laid_out[page.file.src_uri] = key, output
        return output


# mkdocs-macros runs twelve git commands in every build for its `git` variable, which
# no page shows (and no setting turns off): a server runs them once.
_read_git_info = macros_context.get_git_info


@functools.cache
def _git_info_once() -> dict:
    return _read_git_info()


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"
    macros_context.get_git_info = (lambda: dict(_git_info_once())) if _serving else _read_git_info


def _list_templates(list_templates, dirs: list[str], extensions=None, filter_func=None):
    """The theme's files as Jinja lists them for the caller (its filter named in the key),
    kept while every theme folder has the same time: a folder's time changes when a
    file in it is added, removed or renamed."""
    global _theme_listing
    times = [(parent, os.stat(parent).st_mtime_ns)
             for folder in dirs for parent, _, _ in os.walk(folder)]
    key = (getattr(filter_func, "__qualname__", None), extensions, times)
    if _theme_listing is None or _theme_listing[0] != key:
        _theme_listing = key, list_templates(extensions, filter_func)
    return list(_theme_listing[1])


def on_config(config):
    """Under serve, the theme's environments list its files through the memo, and this
    build's search index (Material's plugin has made it: hooks run after plugins) keeps
    its entries."""
    if not _serving:
        return
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        env.list_templates = functools.partial(_list_templates, env.list_templates,
                                               config.theme.dirs)
        return env
    config.theme.get_env = get_env
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(index, SearchIndex):
            index.add_entry_from_context = functools.partial(
                _add_entries, index, index.add_entry_from_context)


def on_env(env, config, files):
    if _serving:
        env.template_class = _RememberedLayout
    return env


def on_pre_page(page, config, files):
    if _serving:
        page.render = functools.partial(_render, page, page.render)
    return page
