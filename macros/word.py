"""Job descriptions as Word documents.

A job description is first put into one plain shape (a *draft*): a title, parts named
after the components, each with sections of text and points, and the tasks the role
leaves out. The sample job descriptions become drafts here; the job description
builder in the browser starts from the same drafts (embedded in its page) and writes
its own .docx from them, since a reader's draft never leaves their browser.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .handbook import Handbook

# Where the Word files are published, relative to the site root.
WORD_DIR = "downloads/job-descriptions/"
EXCLUDED_HEADING = "What this role does not include"


def _components(book: Handbook) -> list[dict]:
    return book["job_descriptions"].data["components"]


def sample_draft(book: Handbook, sample: dict) -> dict:
    """A sample job description as a draft: consecutive sections that fill the same
    component share one part, in the sample's own order."""
    names = {c["id"]: c["name"] for c in _components(book)}
    parts: list[dict] = []
    for section in sample["sections"]:
        if not parts or parts[-1]["component"] != section["component"]:
            parts.append({"component": section["component"], "heading": names[section["component"]],
                          "sections": []})
        parts[-1]["sections"].append({"heading": section["heading"], "text": section.get("text", ""),
                                      "points": list(section.get("points", []))})
    return {"id": sample["id"], "title": sample["title"], "parts": parts, "excluded": []}


def blank_draft(book: Handbook, *, prompts: bool = False) -> dict:
    """One part per component, in order: the structure the sources recommend. With
    prompts, each part says what to write there, as the Word template does."""
    parts = []
    for component in _components(book):
        section = {"heading": "", "text": "", "points": []}
        if prompts:
            section = {"heading": "", "text": f"What to write: {component['description']}",
                       "points": list(component["guidance"])}
        parts.append({"component": component["id"], "heading": component["name"], "sections": [section]})
    return {"id": "blank", "title": "Job title" if prompts else "", "parts": parts, "excluded": []}


def excluded_tasks(book: Handbook) -> list[str]:
    return [point["task"] for point in book["job_descriptions"].data["not_included"]["points"]]


def template_drafts(book: Handbook) -> dict[str, dict]:
    """File name (without .docx) -> draft, for every Word template the site offers. Each
    lists all the tasks a peer role leaves out, for HR to keep or delete."""
    drafts = {s["id"]: sample_draft(book, s) for s in book["job_descriptions"].data["samples"]}
    drafts["blank"] = blank_draft(book, prompts=True)
    for draft in drafts.values():
        draft["excluded"] = excluded_tasks(book)
    return drafts


def write_docx(draft: dict, path: Path, *, footer: str, sources: list[str],
               header: str | None = None) -> None:
    """A .docx with real structure: Title, Heading 1 per part, Heading 2 per section,
    bulleted lists for points, so Word's navigation pane and outline work. A header, if
    given, runs at the top of every page."""
    # Imported here: most builds reuse cached files and never need python-docx.
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    document.core_properties.title = draft["title"] or "Job description"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    if header:
        section.header.paragraphs[0].text = header
    document.add_heading(draft["title"] or "Job title", level=0)
    for part in draft["parts"]:
        document.add_heading(part["heading"], level=1)
        for section in part["sections"]:
            if section.get("heading"):
                document.add_heading(section["heading"], level=2)
            if section.get("text"):
                document.add_paragraph(section["text"])
            for point in section.get("points", []):
                document.add_paragraph(point, style="List Bullet")
    if draft["excluded"]:
        document.add_heading(EXCLUDED_HEADING, level=1)
        for task in draft["excluded"]:
            document.add_paragraph(task, style="List Bullet")
    if sources:
        document.add_heading("Sources", level=1)
        for source in sources:
            document.add_paragraph(source, style="List Bullet")
    document.add_paragraph(footer).runs[0].italic = True
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


def _citation(book: Handbook, citation: dict) -> str:
    return f"{book.lookup('sources', citation['source'])['short']}, {citation['where']}"


def _cached(path: Path, key: object, make) -> None:
    """Copy the file made for this key before, or make it and keep a copy. Making the
    Word files takes longer than the rest of a rebuild; they change only with the data
    or this module."""
    source = Path(__file__).read_bytes()
    digest = hashlib.sha256(source + json.dumps(key, sort_keys=True).encode()).hexdigest()[:20]
    cache = Path(tempfile.gettempdir()) / "peer-roles-handbook-word" / f"{digest}.docx"
    if not cache.exists():
        cache.parent.mkdir(exist_ok=True)
        # Made under another name and moved in whole: builds running at once (parallel
        # tests, a build beside `mkdocs serve`) must never copy a file half written.
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        make(partial)
        os.replace(partial, cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cache, path)


def write_templates(book: Handbook, site_dir: Path, *, edition: str, page_url: str,
                    site_name: str, header: bool = False) -> list[Path]:
    """Write every Word template into the built site; returns the files written. With
    header, every page of each file is headed with the site's name (an organisation's
    edition names the organisation first)."""
    data = book["job_descriptions"].data
    citations = {s["id"]: s["sources"] for s in data["samples"]}
    citations["blank"] = [c for component in data["components"] for c in component["sources"]]
    footer = (f"From the {site_name}, edition {edition}: {page_url}. Edit freely for your "
              f"organisation; keep the sources when you share it.")
    running_head = f"{site_name}, edition {edition}" if header else None
    written = []
    for name, draft in template_drafts(book).items():
        path = site_dir / WORD_DIR / f"{name}.docx"
        sources = list(dict.fromkeys(_citation(book, c) for c in
                                     citations[name] + data["not_included"]["sources"]))
        _cached(path, [draft, footer, sources, running_head],
                lambda target: write_docx(draft, target, footer=footer, sources=sources,
                                          header=running_head))
        written.append(path)
    return written
