"""What a change does to the handbook's content, as Markdown a subject expert can read.

Usage: .venv/bin/python scripts/content_diff.py BASE [HEAD] [options]

Compares two revisions of the git repository in the current folder (branches, tags,
commits: anything git names). Without HEAD it compares BASE with the working tree as
it is now, uncommitted changes included, so a contributor can read the report before
committing. The report lists, by collection, the entries added, changed (with a
word-level diff of each changed field: ~~old~~ **new**) and retired, each with its file
and line and a link to where it appears on the site; the pages' own text where it
changed, paragraph by paragraph; citations added, removed or changed; "Sources differ"
notes that gained or lost a side; pages whose reading grade rose by more than one; new
external links; and the own-words check on the changed files
(../shared/tools/copycheck.py beside the clone, when it is there). Untouched entries
are not mentioned.

Exit status 0 with a report, 2 when a revision is unknown or its data does not
validate (the problems are listed, as the build lists them).
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from macros import editions  # noqa: E402
from macros.differences import label, locate  # noqa: E402
from macros.edit_links import sources as page_sources  # noqa: E402
from macros.handbook import Handbook, load_handbook, mappings  # noqa: E402
from macros.placement import Placements, page_url  # noqa: E402
from macros.problems import DataError  # noqa: E402
from readability import page_grades  # noqa: E402

COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"
SITE_URL = "http://127.0.0.1:8000/"
PREVIEW_ARTIFACT, OFFLINE_ARTIFACT = "handbook-preview", "handbook-offline"
# A rise in reading grade a reviewer should look at.
GRADE_RISE = 1.0
LINK = re.compile(r"https?://[^\s<>\"'`)\]]+")
# Words of unchanged text kept on each side of a change in a word-level diff.
CONTEXT = 8
# Below this share of words in common, a text was rewritten: it reads better whole,
# old then new, than as a patchwork of small changes.
REWRITTEN = 0.4


class Refused(Exception):
    """A reason the report cannot be made, said in one message (exit status 2)."""


# Reading a revision -----------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """One thing a reviewer judges on its own: an entry with an id, a collection's other
    lists and blocks, or its header. `value` maps each field to its content."""

    key: str  # "values/mutuality" for an item (as editions name it), "checklists/sections/x"
    collection: str
    path: tuple  # where its fields sit in the collection's data
    value: dict[str, Any]
    label: str
    url: str | None  # page URL and anchor on the site


@dataclass
class Revision:
    name: str  # as the reviewer knows it: a short commit id, or "the working tree"
    root: Path  # a folder holding the project as it is at this revision
    book: Handbook
    placements: Placements
    parts: dict[str, Part]

    def line(self, part: Part, *path) -> int:
        return self.book[part.collection].line_of((*part.path, *path))

    def file(self, part: Part) -> str:
        return self.book[part.collection].file


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True)


def commit_of(repo: Path, revision: str) -> str:
    found = git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise Refused(f"unknown revision '{revision}': it names no commit in {repo}")
    return found.stdout.decode().strip()


def revision_name(revision: str, commit: str) -> str:
    """'main (1a2b3c4d5e)', or the short commit alone when the reviewer named it by its id."""
    return commit[:10] if commit.startswith(revision) else f"{revision} ({commit[:10]})"


def unpack(repo: Path, commit: str, into: Path) -> Path:
    """The project's files at a commit, written out into a folder of their own."""
    archive = git(repo, "archive", "--format=tar", commit)
    if archive.returncode != 0:
        raise Refused(f"git archive {commit[:10]} failed: {archive.stderr.decode().strip()}")
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def read_revision(name: str, root: Path) -> Revision:
    if not (root / "data" / "schema").is_dir():
        raise Refused(f"{name} has no data/schema/ folder, so it holds no handbook data to compare")
    try:
        book = load_handbook(root / "data", root=root)
    except DataError as error:
        raise Refused(f"the data at {name} does not validate.\n{error}") from None
    placements = Placements(root / "docs")
    return Revision(name, root, book, placements, {p.key: p for p in parts(book, placements)})


def _has_ids(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(entry, dict) and isinstance(entry.get("id"), str) for entry in value)


def parts(book: Handbook, placements: Placements) -> Iterator[Part]:
    for name, collection in book.collections.items():
        header = {k: v for k, v in collection.data.items() if not isinstance(v, (dict, list))}
        yield Part(f"{name}:header", name, (), header, f"{collection['title']} (title and description)",
                   None)
        for key, value in collection.data.items():
            if _has_ids(value):
                for index, entry in enumerate(value):
                    page = locate(placements, name, key, entry)
                    yield Part(f"{name}/{entry['id']}" if key == "items" else f"{name}/{key}/{entry['id']}",
                               name, (key, index), entry, label(entry, entry["id"]),
                               f"{page}#{entry['id']}" if page is not None else None)
            elif isinstance(value, (dict, list)):
                # A block or list without ids is judged whole, as one field.
                yield Part(f"{name}:{key}", name, (), {key: value}, f"{collection['title']}: {key}",
                           locate(placements, name, key, {}))


# Comparing ------------------------------------------------------------------------

def records(revision: Revision) -> dict[str, dict]:
    return {key: editions.record(p.value, p.label, p.url) for key, p in revision.parts.items()}


def plain(value: Any) -> str:
    """A field's content as one line of words, whatever its shape."""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {plain(child)}" for key, child in value.items())
    if isinstance(value, list):
        return " | ".join(plain(child) for child in value)
    return "" if value is None else " ".join(str(value).split())


def escape(text: str) -> str:
    """Text shown as it is written, not read as Markdown by the page showing the report."""
    return re.sub(r"([\\`*_\[\]<>~|])", r"\\\1", text)


def _context(words: list[str], first: bool, last: bool) -> str:
    """Unchanged words between changes, shortened when there are many."""
    keep_before = 0 if first else CONTEXT
    keep_after = 0 if last else CONTEXT
    if len(words) > keep_before + keep_after + 3:
        words = words[:keep_before] + ["…"] + words[len(words) - keep_after:]
    return escape(" ".join(words))


def word_diff(old: str, new: str) -> str:
    """The new text with deleted words struck through and inserted words in bold."""
    a, b = old.split(), new.split()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if a and b and matcher.ratio() < REWRITTEN:
        return f"~~{escape(' '.join(a))}~~ **{escape(' '.join(b))}**"
    opcodes = matcher.get_opcodes()
    out = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            out.append(_context(a[i1:i2], first=index == 0, last=index == len(opcodes) - 1))
            continue
        if i2 > i1:
            out.append(f"~~{escape(' '.join(a[i1:i2]))}~~")
        if j2 > j1:
            out.append(f"**{escape(' '.join(b[j1:j2]))}**")
    return " ".join(w for w in out if w)


def citations(part: Part | None) -> set[tuple[str, str, str]]:
    """Every (source, where, as) the part cites, at any depth."""
    return {(cited["source"], cited.get("where", ""), cited.get("as", ""))
            for node, _ in mappings(part.value if part else {}) if isinstance(node.get("sources"), list)
            for cited in node["sources"]}


def notes(part: Part | None) -> dict[tuple, list[str]]:
    """Each "Sources differ" note in the part (by its path), with the sources it compares."""
    return {(*path, "views"): sorted({str(v.get("source")) for v in node["views"] if isinstance(v, dict)})
            for node, path in mappings(part.value if part else {}) if isinstance(node.get("views"), list)}


# The report -----------------------------------------------------------------------

@dataclass
class Report:
    base: Revision
    head: Revision
    site_url: str

    def link(self, url: str | None) -> str:
        return f"[{escape(url) or 'home page'}]({self.site_url}{url})" if url is not None else "not on any page"

    def title(self, part: Part) -> str:
        short = textwrap.shorten(part.label, 90, placeholder="…")
        return f"**{escape(short)}** (`{part.key}`)"

    def where(self, revision: Revision, part: Part) -> str:
        return f"{revision.file(part)}:{revision.line(part)}"


def entry_sections(report: Report) -> list[str]:
    base, head = report.base, report.head
    added, changed, retired = editions.compare_records(records(base), records(head))
    by_collection: dict[str, list[str]] = {}

    def section(collection: str) -> list[str]:
        return by_collection.setdefault(collection, [])

    for change in added:
        part = head.parts[change.key]
        section(part.collection).append(
            f"- Added: {report.title(part)}, {report.where(head, part)}, {report.link(part.url)}")
    for change in changed:
        part, old = head.parts[change.key], base.parts[change.key]
        lines = [f"- Changed: {report.title(part)}, {report.where(head, part)}, {report.link(part.url)}"]
        for field in change.fields:
            in_head = field in part.value
            line = head.line(part, field) if in_head else base.line(old, field)
            where = f"line {line}" if in_head else f"line {line} of {base.name}, removed"
            if field == "sources":
                lines.append(f"    - `sources` ({where}): the citations changed; see Citations below")
            else:
                diff = word_diff(plain(old.value.get(field)), plain(part.value.get(field)))
                lines.append(f"    - `{field}` ({where}): {diff}")
        section(part.collection).extend(lines)
    for change in retired:
        part = base.parts[change.key]
        shown = f"was on {escape(part.url)}" if part.url else "was on no page"
        section(part.collection).append(
            f"- Retired: {report.title(part)}, was {report.where(base, part)} in {base.name}, {shown}")

    out = []
    for collection in sorted(by_collection):
        book = head.book if collection in head.book.collections else base.book
        out += [f"### {escape(book[collection]['title'])} ({book[collection].file})", "",
                *by_collection[collection], ""]
    counts = f"{len(added)} added, {len(changed)} changed, {len(retired)} retired"
    return ["## Entries", "", f"{counts}.", "", *out]


def citation_section(report: Report) -> list[str]:
    base, head = report.base, report.head
    lines = []
    for key, part in head.parts.items():
        before, after = citations(base.parts.get(key)), citations(part)
        came, gone = sorted(after - before), sorted(before - after)
        if not came and not gone:
            continue
        said = []
        for cited in came:
            match = next((g for g in gone if g[0] == cited[0]), None)
            if match:
                gone.remove(match)
                said.append(f"changed `{cited[0]}`: {word_diff(describe(match), describe(cited))}")
            else:
                said.append(f"added `{cited[0]}`, {escape(describe(cited))}")
        said += [f"removed `{g[0]}`, {escape(describe(g))}" for g in gone]
        line = head.line(part, "sources") if "sources" in part.value else head.line(part)
        lines.append(f"- {report.title(part)}, {head.file(part)}:{line}: " + "; ".join(said))
    return ["## Citations", "", *(lines or ["No citation was added, removed or changed."]), ""]


def describe(cited: tuple[str, str, str]) -> str:
    source, where, as_ = cited
    return f"where: {where}" + (f", as: {as_}" if as_ else "")


def views_section(report: Report) -> list[str]:
    base, head = report.base, report.head
    lines = []
    for key, part in head.parts.items():
        before, after = notes(base.parts.get(key)), notes(part)
        for path, sides in after.items():
            line = f"{head.file(part)}:{head.line(part, *path)}"
            old = before.get(path)
            if old is None:
                lines.append(f"- {report.title(part)}, {line}: a new note compares {', '.join(sides)}")
                continue
            lost, gained = sorted(set(old) - set(sides)), sorted(set(sides) - set(old))
            said = ([f"lost the side of {', '.join(lost)}"] if lost else []) + (
                [f"gained the side of {', '.join(gained)}"] if gained else [])
            if said:
                lines.append(f"- {report.title(part)}, {line}: {' and '.join(said)}; "
                             f"it now compares {', '.join(sides)}")
        for path, sides in before.items():
            if path not in after:
                lines.append(f"- {report.title(part)}, {base.file(part)}:{base.line(base.parts[key], *path)} "
                             f"in {base.name}: the note comparing {', '.join(sides)} was removed")
    return ['## "Sources differ" notes', "",
            *(lines or ['No "Sources differ" note gained or lost a side.']), ""]


def build(root: Path, into: Path) -> Path | str:
    """The site built from a revision, or what went wrong."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(into)],
                            cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True)
    if result.returncode != 0:
        return result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "the build failed"
    return into


def reading_section(report: Report, base_site: Path | str, head_site: Path | str) -> list[str]:
    heading = ["## Reading level", ""]
    for name, site in ((report.base.name, base_site), (report.head.name, head_site)):
        if isinstance(site, str):
            return [*heading, f"Not compared: the build of {name} failed ({escape(site)}).", ""]
    before = {url: grade for url, grade, _ in page_grades(base_site)}
    sources = {page_url(p.relative_to(report.head.root / "docs").as_posix()): p.relative_to(report.head.root / "docs").as_posix()
               for p in (report.head.root / "docs").rglob("*.md")}
    lines = []
    for url, grade, _ in page_grades(head_site):
        if url in before and grade - before[url] > GRADE_RISE:
            files = [f["path"] for f in page_sources(report.head.book, report.head.placements, url,
                                                     sources.get(url, ""), "docs", "{path}")]
            title = report.head.placements.titles.get(url, url)
            lines.append(f"- {escape(title)}, {report.link(url)}: grade {before[url]:.1f} → {grade:.1f} "
                         f"(Flesch-Kincaid); made from {', '.join(files)}")
    return [*heading, *(lines or ["No page's reading grade rose by more than one."]), ""]


def text_files(root: Path) -> dict[str, bytes]:
    """The data and page files a reader's text comes from, by path."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for folder in ("data", "docs") for p in sorted((root / folder).rglob("*"))
            if p.is_file() and p.suffix in {".yml", ".md"}}


def paragraphs(content: bytes) -> list[tuple[int, str]]:
    """Each paragraph of a Markdown file, as one line, with the line it starts on."""
    found, lines = [], content.decode("utf-8", "replace").splitlines()
    start = None
    for number, line in enumerate([*lines, ""], 1):
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            found.append((start, " ".join(part.strip() for part in lines[start - 1:number - 1])))
            start = None
    return found


def page_text_section(report: Report, base_files: dict[str, bytes], head_files: dict[str, bytes]) -> list[str]:
    """The pages' own prose (docs/), paragraph by paragraph, where it changed."""
    lines = []
    for path in sorted(base_files.keys() | head_files.keys()):
        if not path.startswith("docs/") or base_files.get(path) == head_files.get(path):
            continue
        url = page_url(path.removeprefix("docs/"))
        if path not in base_files or path not in head_files:
            lines.append(f"- {'New' if path in head_files else 'Removed'} page: {path}"
                         + (f", {report.link(url)}" if path in head_files else ""))
            continue
        old, new = paragraphs(base_files[path]), paragraphs(head_files[path])
        lines.append(f"- {path}, {report.link(url)}")
        matcher = SequenceMatcher(None, [text for _, text in old], [text for _, text in new], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                line = new[j1][0] if j1 < len(new) else f"{old[i1][0]} of {report.base.name}"
                lines.append(f"    - line {line}: " + word_diff(" ".join(t for _, t in old[i1:i2]),
                                                             " ".join(t for _, t in new[j1:j2])))
    return ["## Page text", "", *(lines or ["No page's own text changed."]), ""]


def links_in(files: dict[str, bytes]) -> dict[str, str]:
    """Each external address in the files, with the file and line it first appears on."""
    found: dict[str, str] = {}
    for path, content in files.items():
        for number, line in enumerate(content.decode("utf-8", "replace").splitlines(), 1):
            for match in LINK.finditer(line):
                found.setdefault(match.group().rstrip(".,;:"), f"{path}:{number}")
    return found


def links_section(base_files: dict[str, bytes], head_files: dict[str, bytes]) -> list[str]:
    before, after = links_in(base_files), links_in(head_files)
    lines = [f"- <{url}>, {where}" for url, where in sorted(after.items()) if url not in before]
    return ["## New external links", "", *(lines or ["No new external link."]), ""]


def own_words_section(head: Revision, changed: list[str], tool: Path) -> list[str]:
    heading = ["## Own words", ""]
    if not tool.is_file():
        return [*heading, f"The own-words check was not available: {tool} is not there. Run it where "
                "the source texts are, or see CONTRIBUTING.md.", ""]
    if not changed:
        return [*heading, "No data or page file changed, so there was nothing to check.", ""]
    # Titles of cited works may repeat their sources; the check reads them from these files.
    titles = [p.relative_to(head.root).as_posix() for p in sorted((head.root / "data").glob("*.yml"))
              if p.name.startswith(("sources", "bibliography"))]
    result = subprocess.run([sys.executable, str(tool), *changed, *(t for t in titles if t not in changed)],
                            cwd=head.root, capture_output=True, text=True)
    found = re.findall(r'^(.+?): (\d+) words repeat a source: "(.*)"$', result.stdout, re.M)
    found = [f for f in found if f[0] in changed]
    if result.returncode not in (0, 1):
        return [*heading, f"The own-words check failed to run: {escape(result.stderr.strip()[-300:])}", ""]
    if not found:
        return [*heading, f"The own-words check found no passage that repeats a source in the "
                f"{len(changed)} changed file{'s' if len(changed) != 1 else ''}.", ""]
    words = _tool_words(tool)
    lines = [f"- {path}:{_line_of(head.root / path, run, words)}: {count} words repeat a source: "
             f"\"{escape(run)}\"" for path, count, run in found]
    return [*heading, "These passages repeat a source word for word; they need rewriting in our "
            "own words:", "", *lines, ""]


def _tool_words(tool: Path):
    """The own-words check's way of splitting text into words, to find a passage's line."""
    spec = importlib.util.spec_from_file_location("copycheck", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.words


def _line_of(path: Path, run: str, words) -> int | str:
    wanted = run.split()
    tokens = [(word, number) for number, line in enumerate(path.read_text(errors="ignore").splitlines(), 1)
              for word in words(line)]
    for start in range(len(tokens) - len(wanted) + 1):
        if [w for w, _ in tokens[start:start + len(wanted)]] == wanted:
            return tokens[start][1]
    return "?"


def preview_section() -> list[str]:
    return ["## Preview", "",
            f"This run's artifacts hold the site built from this change. Download "
            f"`{PREVIEW_ARTIFACT}` from the run's Summary page, unzip it, run "
            f"`python3 -m http.server 8000` in the unzipped folder and open {SITE_URL}: the links "
            f"above open there. `{OFFLINE_ARTIFACT}` holds the offline copy, which needs no server: "
            "unzip it and open `peer-roles-handbook/index.html` from the files.", ""]


def content_diff(repo: Path, base: str, head: str | None, site_url: str, tool: Path,
                 head_site: Path | None, preview: bool) -> str:
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        base_commit = commit_of(repo, base)
        head_commit = commit_of(repo, head) if head is not None else None
        old = read_revision(revision_name(base, base_commit), unpack(repo, base_commit, temp / "base"))
        new = read_revision(revision_name(head, head_commit) if head_commit else "the working tree",
                            unpack(repo, head_commit, temp / "head") if head_commit else repo)
        report = Report(old, new, site_url)
        old_files, new_files = text_files(old.root), text_files(new.root)
        changed = sorted(path for path, content in new_files.items() if old_files.get(path) != content)
        base_site = build(old.root, temp / "base-site")
        new_site = head_site or build(new.root, temp / "head-site")
        lines = [f"# What this change does to the handbook's content", "",
                 f"From {old.name} to {new.name}. Entries that did not change are not listed.", "",
                 *entry_sections(report), *page_text_section(report, old_files, new_files),
                 *citation_section(report), *views_section(report),
                 *reading_section(report, base_site, new_site), *links_section(old_files, new_files),
                 *own_words_section(new, changed, tool), *(preview_section() if preview else [])]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", metavar="BASE", help="the revision to compare from")
    parser.add_argument("head", metavar="HEAD", nargs="?",
                        help="the revision to compare to (default: the working tree)")
    parser.add_argument("--site-url", default=SITE_URL,
                        help=f"the address links point to (default: {SITE_URL}, where a served "
                             "preview or ./scripts/serve shows the site)")
    parser.add_argument("--head-site", type=Path,
                        help="a site already built from HEAD, to compare reading levels without "
                             "building it again")
    parser.add_argument("--copycheck", type=Path, default=Path(os.environ.get("HANDBOOK_COPYCHECK", COPYCHECK)),
                        help="the own-words check (default: $HANDBOOK_COPYCHECK, or "
                             "../shared/tools/copycheck.py beside the project)")
    parser.add_argument("--preview", action="store_true",
                        help="end with how to open the preview a pull request's checks upload")
    args = parser.parse_args(argv)
    repo = Path.cwd()
    top = git(repo, "rev-parse", "--show-toplevel")
    try:
        if top.returncode != 0:
            raise Refused(f"{repo} is not inside a git repository")
        print(content_diff(Path(top.stdout.decode().strip()), args.base, args.head,
                           args.site_url.rstrip("/") + "/", args.copycheck, args.head_site,
                           args.preview), end="")
    except Refused as refused:
        print(f"content_diff: {refused}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
