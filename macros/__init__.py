"""The handbook's mkdocs-macros module: load the data once, register the renderers."""
from __future__ import annotations

import importlib
import logging
import time
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import (abbreviations, blocks, branding, bundle, cache, colours, differences, edit_links,
               editions, embeds, exports, feed, handbook, local_items, local_notes, overlay,
               page_choice, permalinks, placement, problems, publish, reads, render, safe_text,
               schemas, site_assets, terminology, word, works, yaml_source)


LOG = logging.getLogger("mkdocs.plugins.macros")
_loaded_at = time.time()
# Our copy of the search shim that Material's offline plugin would load from a CDN.
OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"


def _reload_changed_code() -> None:
    """`mkdocs serve` rebuilds in one process: after an edit to our modules, reload them
    (in dependency order) so the change applies without restarting the server."""
    global _loaded_at
    if max(p.stat().st_mtime for p in Path(__file__).parent.glob("*.py")) <= _loaded_at:
        return
    _loaded_at = time.time()
    for module in (reads, problems, yaml_source, safe_text, schemas, cache, handbook, colours,
                   placement, page_choice, local_notes, local_items, terminology, overlay,
                   abbreviations, blocks, differences, works, word, publish, render, editions,
                   feed, edit_links, exports, embeds, bundle, site_assets, branding):
        importlib.reload(module)


def define_env(env) -> None:
    _reload_changed_code()
    config_dir = Path(env.conf["config_file_path"]).parent
    data_dir = config_dir / env.conf["extra"].get("data_dir", "data")
    # An organisation's edition (./scripts/build --org DIR): its overlay folder.
    org_dir = env.conf["extra"].get("org_dir")
    try:
        book = handbook.load_handbook(data_dir, root=config_dir)
        organisation = (overlay.load_organisation(
            config_dir / org_dir, data_dir / "schema", config_dir,
            handbook_folders=(data_dir, Path(env.conf["docs_dir"])),
            docs_dir=Path(env.conf["docs_dir"])) if org_dir else None)
        shared_book, notes = book, None
        if organisation:
            # Its own items join the collections before anything renders; its notes
            # are checked against them.
            book = local_items.merge(book, organisation.name, organisation.local_data,
                                     data_dir / "schema", config_dir, overlay.SUBJECT)
            notes = local_notes.resolve(book, organisation.name, organisation.notes,
                                        overlay.SUBJECT)
    except problems.DataError as error:
        # PluginError makes MkDocs print the message alone and exit non-zero before
        # any page is written.
        raise PluginError(str(error)) from None

    if env.conf["extra"].get("offline"):
        # A copy opened from files cannot fetch: there is no version list to fetch.
        env.conf["extra"].pop("version", None)
        # Material's offline plugin loads its search shim from a CDN; use our copy.
        env.conf["extra"]["polyfills"] = [
            OFFLINE_SHIM if "iframe-worker" in script else script
            for script in env.conf["extra"].get("polyfills", [])]

    placements = placement.Placements(Path(env.conf["docs_dir"]))
    edition = env.conf["extra"]["edition"]
    # Editions compare the shared handbook in its own words, as their snapshots keep
    # them: an organisation's items and words are in no edition of it.
    changes = editions.history(shared_book, placements, data_dir, edition)
    wording = (_apply_terms(env.conf, book, organisation, placements, changes)
               if organisation and organisation.terms else None)

    # Abbreviations from the glossary are explained on prose pages and in data alike.
    titles = abbreviations.glossary_titles(book["glossary"].items)
    env.conf["markdown_extensions"] += abbreviations.abbreviation_extensions(titles)
    env.conf["markdown_extensions"].append(permalinks.NamedPermalinksExtension())

    primary = [s for s in book["sources"].items if s["kind"] == "primary"]
    noted = differences.collect(book, placements)
    works_cited = works.WorksCited(book, placements)
    # Blocks read these through the renderer, which notes what each block read.
    renderer = render.Renderer(book, titles, updated=editions.updated_in(changes[0]), notes=notes,
                               address=None if env.conf["use_directory_urls"] else placements.files.get,
                               shared={"primary": primary, "noted": noted,
                                       "works_cited": works_cited, "history": changes,
                                       "organisation_says": _says(wording, book)})
    # Every block is made from the code, templates, schemas and these settings, besides
    # what it reads.
    rendered = cache.BlockCache(data_dir, cache.inputs_digest(
        [Path(__file__).parent, data_dir / "schema"], str(env.conf["use_directory_urls"]),
        str(edition), str(env.conf["extra"].get("offline")),
        *([organisation.digest] if organisation else [])), renderer.digest_of)

    left_out = (page_choice.upstream(organisation.leave_out, organisation.upstream_site)
                if organisation else {})
    if organisation:
        # The organisation's name, logo, colours, contact line and adaptation note.
        contact = renderer.env.filters["md"](organisation.contact) if organisation.contact else None
        adaptation = Markup(renderer.render_template(
            "organisation_adaptation.html", "", organisation=organisation,
            handbook_name=env.conf["site_name"]).strip())
        branding.apply(env.conf, organisation, contact=contact, adaptation=adaptation)
        # Pages it leaves out are not built; links to them go to the shared handbook.
        page_choice.exclude(env.conf, left_out)

    def register(name: str, spec: blocks.Block) -> None:
        def block(subset: str | None = None) -> str:
            if spec.subset and not book.has(spec.subset, subset):
                known = ", ".join(sorted(book.ids(spec.subset)))
                raise ValueError(f"{name}({subset!r}) on {env.page.file.src_uri}: "
                                 f"expected one of {known}")
            return rendered.block((name, subset), lambda: renderer.render(
                spec.template, spec.collection, env.page.url, subset=subset))
        block.__name__ = name
        env.macro(block, name)

    for name, spec in blocks.BLOCKS.items():
        register(name, spec)

    def what_changed() -> str:
        return rendered.block(("what_changed",), lambda: renderer.render_template(
            "what_changed.html", env.page.url))
    env.macro(what_changed, "what_changed")

    def schema_index() -> str:
        return rendered.block(("schema_index",), lambda: renderer.render_template(
            "schemas.html", env.page.url))
    env.macro(schema_index, "schema_index")

    def embed_example() -> str:
        root = render.relative_url(env.page.url, "")
        return renderer.render_template(
            "intranet_embed.html", env.page.url, site_url=env.conf["site_url"] or "/",
            root=root if root.endswith("/") else root + "/", edition=edition)
    env.macro(embed_example, "embed_example")

    def data_files() -> str:
        here = env.page.url
        return renderer.render_template(
            "data_files.html", here, data_index=render.relative_url(here, "data/index.json"),
            data_example=render.relative_url(here, "data/values.json"))
    env.macro(data_files, "data_files")

    def organisation_edition() -> str:
        """On the licence page: what an organisation's edition changed (nothing otherwise)."""
        if not organisation:
            return ""
        shown = env.conf["extra"]["organisation"]
        licence = renderer.render_template(
            "organisation_licence.html", env.page.url, organisation=organisation,
            handbook_name=shown["handbook_name"], adaptation=shown["adaptation"],
            changes=branding.changes(organisation))
        if not left_out:
            return licence
        pages = [{"url": upstream, "title": placements.titles[placement.page_url(page)]}
                 for page, upstream in left_out.items()]
        return licence + "\n" + renderer.render_template(
            "organisation_left_out.html", env.page.url, organisation=organisation, pages=pages)
    env.macro(organisation_edition, "organisation_edition")

    def organisation_contact() -> str:
        """On the home page: whom an organisation's staff ask (nothing otherwise)."""
        shown = env.conf["extra"].get("organisation")
        if not (shown and shown["contact"]):
            return ""
        return renderer.render_template("organisation_contact.html", env.page.url,
                                        contact=shown["contact"])
    env.macro(organisation_contact, "organisation_contact")

    env.data_dir = data_dir
    env.handbook = book
    env.changes = changes
    env.placements = placements
    env.renderer = renderer
    env.rendered = rendered
    env.embeddable = set(embeds.embeddable(placements)) - {placement.page_url(p) for p in left_out}
    env.organisation = organisation
    env.wording = wording


def _apply_terms(config, book, organisation, placements, changes) -> terminology.Wording:
    """The organisation's words in the loaded data, the navigation and the site's
    description, and (through a Markdown extension) in the pages' own text."""
    try:
        wording = terminology.apply_to_handbook(organisation, book, Path(config["docs_dir"]))
    except problems.DataError as error:
        raise PluginError(str(error)) from None
    config["nav"] = wording.apply_to_nav(config["nav"])
    if config["site_description"]:
        config["site_description"] = wording.replace(config["site_description"])
    # Words the pages themselves show, counted there.
    placements.titles = {url: wording.replace(title, count=False)
                         for url, title in placements.titles.items()}
    for found in changes:
        for change in (*found.added, *found.changed, *found.retired):
            change.label = wording.replace(change.label, count=False)
    config["markdown_extensions"].append(wording.extension())
    return wording


def _says(wording, book) -> dict:
    """For the glossary: the organisation's name and its word for each entry that
    defines a mapped term (none in the shared handbook)."""
    if not wording:
        return {}
    return {"name": wording.name, "words": wording.glossary_entries(book["glossary"].items)}


def on_pre_page_macros(env) -> None:
    """Blocks give way to the ids the page's own headings hold."""
    # The macros' environment is new in every build and made after define_env.
    if "from_string" not in vars(env.env):
        render.keep_compiled_pages(env.env, lambda: env.page.file.src_uri)
    env.renderer.start_page(env.page.url, env.markdown)
    env.rendered.start_page(env.page.url, env.markdown)


def on_post_page_macros(env) -> None:
    """Each page's "Edit" link opens the file to change: the YAML behind its blocks, or
    its own Markdown; and the page links the stylesheets of its blocks. (env.page is a
    copy, but shares the page's meta.)"""
    env.page.meta["hb_styles"] = blocks.stylesheets(
        env.placements.calls.get(placement.page_url(env.page.file.src_uri), []))
    env.page.meta["hb_sources"] = edit_links.sources(
        env.handbook, env.placements, env.page.url, env.page.file.src_uri,
        env.conf["docs_dir"], env.conf["extra"]["edit_url"])
    if env.page.url in env.embeddable and env.conf["use_directory_urls"]:
        env.page.meta["hb_embed"] = embeds.EMBED_DIR + embeds.section_id(env.page.url) + "/"


def on_post_build(env) -> None:
    """Files made from the same data as the pages, into the built site: the Word
    templates, the feed of changes, the published schemas, each collection as JSON and
    the embeddable sections; then our scripts and styles are minified."""
    env.rendered.save()
    if env.wording:
        LOG.info(env.wording.summary())
    site_url = env.conf["site_url"] or "/"
    site_dir = Path(env.conf["site_dir"])
    # Pages left out of an organisation's edition are read in the shared handbook.
    address = page_choice.address(site_url, env.conf["extra"].get("left_out", {}))
    word.write_templates(env.handbook, site_dir, edition=env.conf["extra"]["edition"],
                         page_url=address("recruit/job-descriptions/"),
                         site_name=env.conf["site_name"], header=bool(env.organisation))
    if env.organisation:
        branding.write_assets(env.organisation, site_dir)
    (site_dir / feed.FEED_FILE).write_text(
        feed.atom(env.changes, site_url, env.conf["site_name"], address), encoding="utf-8")
    publish.publish_schemas(env.handbook, site_dir)
    exports.write_json(env.handbook, site_dir, edition=env.conf["extra"]["edition"],
                       site_url=site_url, schema_dir=publish.SCHEMA_DIR,
                       made=cache.OutputCache(env.data_dir, "json", env.rendered.inputs))
    if env.conf["extra"].get("offline"):
        scripts = site_dir / "assets" / "js"
        (scripts / "handbook.bundle.js").write_text(bundle.bundle(scripts, "handbook.js"),
                                                    encoding="utf-8")
    # Embeds sit two folders below the root, as the directory-style pages they copy do.
    if env.conf["use_directory_urls"]:
        embed_page = env.renderer.env.get_template("embed_page.html")
        embeds.write_embeds(
            site_dir, env.placements, env.embeddable, lambda url, title, article: embed_page.render(
                url=url, title=title, article=article, site_url=site_url,
                site_name=env.conf["site_name"], edition=env.conf["extra"]["edition"],
                styles=blocks.stylesheets(env.placements.calls[url]),
                organisation=env.conf["extra"].get("organisation")),
            made=cache.OutputCache(env.data_dir, "embeds", f"{env.rendered.inputs}\n{site_url}\n"
                                   f"{env.conf['site_name']}\n{env.conf['extra'].get('organisation')}"))
    # Last, once the offline bundle has been joined from the modules as written.
    try:
        site_assets.shrink(site_dir)
    except ValueError as error:
        raise PluginError(str(error)) from None
