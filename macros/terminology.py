"""The organisation's words for the handbook's (organisation.yml `terms:`), such as
`peer worker: lived experience worker`.

A term is replaced in two places, which between them hold every word a reader sees:
the loaded data's text (so blocks, tools, builders, Word files, JSON and embeds need
nothing of their own), right after loading; and the pages' own Markdown, as it is
converted (a Markdown extension that changes only text, never code, addresses or
attributes). The navigation's titles and the site's description are changed once.

A source's own wording stays as the source has it, so readers can check it: citations
(`where`, `as`), sources' and works' titles and names (wherever the text names them),
quoted text ("..."), code, and links to the Sources and Works cited pages.

An organisation's word may not contain one of the map's handbook words, so replacing
twice changes nothing: the same text may safely pass both layers.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.extensions.toc import slugify, unique
from markdown.treeprocessors import Treeprocessor

from .problems import DataError, Problem
from .safe_text import strings
from .yaml_source import YamlSource, field_name

if TYPE_CHECKING:
    from .handbook import Handbook
    from .overlay import Organisation

# One word of the handbook's text.
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A handbook word or an organisation's word: words of letters, joined by spaces,
# hyphens or apostrophes.
WORDS = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")
# The organisation's word given in both forms.
FORMS = ("singular", "plural")
# Fields that hold a source's own wording or a locator in it, wherever they are.
SOURCE_WORDING = {"where", "as", "cited_as"}
# Fields of a source (sources.yml) or a work (bibliography.yml) that name it as published.
PUBLISHED = {"title", "short", "author", "authors", "publisher", "place", "published"}
BIBLIOGRAPHIC = ("sources", "bibliography")
# Ids, references and addresses: never words to replace.
NOT_TEXT = {"id", "source", "list", "links", "doi", "url"}
# Elements of a page whose text is not ours to change: code, quotations.
KEEP_ELEMENTS = {"code", "pre", "kbd", "samp", "script", "style", "blockquote", "q", "cite"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Links to these pages name a source or work: their text is its title.
BIBLIOGRAPHY_LINK = re.compile(r"(?:^|/)reference/(?:sources|works-cited)(?:\.md|/|$|#)")
# Text kept as written, wherever it stands: quotations, code spans and link addresses.
KEPT_SPANS = [r'"[^"]{0,400}"', r"“[^”]{0,400}”", r"`[^`]*`", r"\]\([^)\s]*\)"]


@dataclass(frozen=True)
class Term:
    """One entry of the map: the handbook's word and the organisation's, each in the
    singular and plural, and where the entry is written."""

    word: str
    plural: str
    own: str
    own_plural: str
    file: str
    line: int

    @property
    def field(self) -> str:
        return field_name(("terms", self.word))


def read_terms(source: YamlSource, reported: set[str]) -> tuple[tuple[Term, ...], list[Problem]]:
    """The `terms:` of a checked organisation.yml, and what is wrong with them that its
    schema cannot see: a key that is not words, a key given twice, an organisation's
    word that is the handbook's or holds one of the map's handbook words."""
    given = source.data.get("terms") if isinstance(source.data, dict) else None
    if not isinstance(given, dict) or "terms" in reported:
        return (), []
    terms, problems, seen = [], [], {}
    for key, value in given.items():
        path = ("terms", key)
        if not WORDS.fullmatch(key):
            problems.append(source.problem(path, f"'{key}' is not a word or words of the "
                                          "handbook: use letters, with spaces, hyphens or apostrophes "
                                          "between words, such as 'peer worker'"))
            continue
        if key.lower() in seen:
            problems.append(source.problem(path, f"is given twice: '{seen[key.lower()]}' on line "
                                           f"{source.line_of(('terms', seen[key.lower()]))} is the same "
                                           "word (terms match whatever the case); keep one"))
            continue
        seen[key.lower()] = key
        # A value its schema refused is reported already.
        if any(field == field_name(path) or field.startswith(field_name(path) + ".")
               for field in reported):
            continue
        if isinstance(value, dict) and (missing := [f for f in FORMS if f not in value]):
            # Here rather than in the schema: a misspelt field is then reported once.
            problems.append(source.problem(path, f"gives no {' or '.join(missing)}: give both "
                                           "forms, as {singular: consumer, plural: consumers}, or "
                                           "the singular alone (the plural adds an s)"))
            continue
        own, own_plural = ((value, _plural(value)) if isinstance(value, str)
                           else (value["singular"], value["plural"]))
        if own.lower() in (key.lower(), _plural(key).lower()):
            problems.append(source.problem(path, f"'{own}' is the handbook's word itself; give the "
                                           "organisation's own word, or leave the term out"))
            continue
        terms.append(Term(key.lower(), _plural(key.lower()), own, own_plural,
                          source.label, source.line_of(path)))
    words = {form: term for term in terms for form in (term.word, term.plural)}
    handbook_word = re.compile(_alternatives(words), re.IGNORECASE)
    for term in terms:
        for form in (term.own, term.own_plural):
            if found := handbook_word.search(form):
                problems.append(source.problem(
                    ("terms", next(k for k in given if k.lower() == term.word)),
                    f"the organisation's word '{form}' holds '{found.group()}', a handbook word "
                    "the map replaces: the replaced text would change again on every pass; choose "
                    "a word without it, or leave that term out"))
                break
    return tuple(terms), problems


def apply_to_handbook(organisation: Organisation, book: Handbook, docs_dir: Path) -> Wording:
    """The organisation's words in the loaded handbook's data, in place; raise
    DataError naming each term that neither the data nor the pages in docs_dir use."""
    wording = Wording(organisation.name, organisation.terms, published_names(book.collections))
    pages = [page.read_text(encoding="utf-8") for page in sorted(docs_dir.rglob("*.md"))]
    for page in pages:
        wording.note_uses(page)
    wording.apply_to_data(book.collections)
    # Only a misspelt term needs them, to suggest the handbook's own phrase.
    def texts() -> list[str]:
        return pages + [text for collection in book.collections.values()
                        for _, text in strings(collection.data, ())]
    if problems := wording.unused(texts) + wording.plurals(texts):
        from .overlay import SUBJECT  # overlay.py reads this module's terms
        raise DataError(problems, subject=SUBJECT)
    return wording


def published_names(collections) -> list[str]:
    """How the sources and works are named as published: each title (and its main title,
    before a colon) and short name."""
    names = []
    for name in BIBLIOGRAPHIC:
        for item in collections[name].items:
            for field in ("title", "short"):
                if isinstance(item.get(field), str):
                    names += [item[field], item[field].split(":")[0]]
    return names


def _plural(word: str) -> str:
    """The plural when none is given: an s on the last word."""
    return word + "s"


def _alternatives(words) -> str:
    """Whole words, longest first, any run of spaces or a line break between them; never
    the end of a hyphenated word ('non-peer worker')."""
    forms = sorted(words, key=len, reverse=True)
    return (r"(?<![\w'’-])(?:" + "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
            + r")(?!\w)")


def _cased(found: str, own: str) -> str:
    """The organisation's word in the case of the words it replaces: all capitals, each
    word capitalised, the first capitalised, or as the organisation writes it."""
    if found.isupper() and len(found) > 1:
        return own.upper()
    words = found.split()
    if len(words) > 1 and all(w[0].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in own.split())
    if found[0].isupper():
        return own[:1].upper() + own[1:]
    return own


class Wording:
    """The map, compiled into one expression, with counts of what it did: the terms
    replaced, and the terms left as a source words them."""

    def __init__(self, name: str, terms: tuple[Term, ...], kept_phrases: list[str] = ()):
        self.name = name
        self.terms = terms
        self._forms = {form: (term, own) for term in terms
                       for form, own in ((term.word, term.own), (term.plural, term.own_plural))}
        self._term_only = re.compile(_alternatives(self._forms), re.IGNORECASE)
        self._firsts = {term.word.split()[0] for term in terms}
        self.pattern = re.compile(f"(?P<kept>{'|'.join(KEPT_SPANS)})|(?P<term>"
                                  f"{self._term_only.pattern})", re.IGNORECASE)
        # Titles and names of sources that hold a term are kept whole, wherever they
        # stand. Each holds a term, so each is looked for only around one: in the one
        # expression above, they would make every text several times slower to read.
        self._names = [(re.compile(r"\b" + r"\s+".join(map(re.escape, p.split())) + r"\b",
                                   re.IGNORECASE), len(p))
                       for p in sorted(set(kept_phrases)) if self.uses(p)]
        self.replaced = 0
        self.kept = 0
        # The handbook words found in the handbook's text.
        self.used: set[str] = set()

    def replace(self, text: str, count: bool = True) -> str:
        """text in the organisation's words, but for the parts kept as written."""
        if not self.uses(text):
            return text

        def replacement(match: re.Match) -> str:
            found = match.group()
            if match.group("kept") is not None or self._in_name(text, *match.span()):
                if count:
                    self.keep(found)
                return found
            term, own = self._forms[" ".join(found.split()).lower()]
            if count:
                self.replaced += 1
                self.used.add(term.word)
            return _cased(found, own)
        return self.pattern.sub(replacement, text)

    def _in_name(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is part of a source's or work's name."""
        for name, length in self._names:
            for found in name.finditer(text, max(0, start - 2 * length), end + 2 * length):
                if found.start() <= start and end <= found.end():
                    return True
        return False

    def keep(self, text: str) -> None:
        """Note the terms in text that is kept whole, as a source words it."""
        if self._may_use(text):
            self.kept += len(self._term_only.findall(text))

    def note_uses(self, text: str) -> None:
        """Note the handbook words text uses (a page's Markdown, read before it is converted)."""
        for found in self._term_only.findall(text) if self._may_use(text) else ():
            self.used.add(self._forms[" ".join(found.split()).lower()][0].word)

    def uses(self, text: str) -> bool:
        return self._may_use(text) and bool(self._term_only.search(text))

    def _may_use(self, text: str) -> bool:
        # Most texts hold no term: a search for the terms' first words in C rules them
        # out many times faster than the expression, which tries each position.
        lowered = text.lower()
        return any(first in lowered for first in self._firsts)

    def summary(self) -> str:
        return (f"{self.name}'s terms: {self.replaced} replacements; "
                f"{self.kept} left as the sources word them")

    # --- the data -------------------------------------------------------------------

    def apply_to_data(self, collections) -> None:
        """Every text of every collection, in place, but a source's own wording. A
        glossary entry that defines a mapped term keeps its term: the glossary shows both."""
        for name, collection in collections.items():
            kept = SOURCE_WORDING | (PUBLISHED if name in BIBLIOGRAPHIC else set())
            defined = self.glossary_entries(collection.items) if name == "glossary" else {}
            for key, value in collection.data.items():
                if key == "items":
                    for item in value:
                        self._apply(item, kept | ({"term"} if item.get("id") in defined else set()))
                else:
                    collection.data[key] = self._walk(value, kept)

    def _apply(self, entry: dict, kept: set[str]) -> None:
        for key, value in entry.items():
            if key in kept:
                self._walk(value, kept, keep_all=True)
            elif key not in NOT_TEXT:
                entry[key] = self._walk(value, kept)

    def _walk(self, value, kept: set[str], keep_all: bool = False):
        if isinstance(value, str):
            if keep_all:
                self.keep(value)
                return value
            return self.replace(value)
        if isinstance(value, list):
            for index, child in enumerate(value):
                value[index] = self._walk(child, kept, keep_all)
        elif isinstance(value, dict):
            if keep_all:
                for child in value.values():
                    self._walk(child, kept, keep_all)
            else:
                self._apply(value, kept)
        return value

    def glossary_entries(self, items: list[dict]) -> dict[str, str]:
        """Glossary item id -> the organisation's word, for the entries that define a
        mapped term (one of the names in 'Service user; consumer')."""
        found = {}
        for item in items:
            names = {n.strip().lower() for n in re.split(r"[;,]", item.get("term", ""))}
            for term in self.terms:
                if names & {term.word, term.plural}:
                    found[item["id"]] = term.own
        return found

    # --- the configuration and the check ------------------------------------------

    def apply_to_nav(self, nav):
        """mkdocs.yml's nav with its titles in the organisation's words."""
        if isinstance(nav, list):
            return [self.apply_to_nav(entry) for entry in nav]
        if isinstance(nav, dict):
            return {self.replace(title): self.apply_to_nav(target) for title, target in nav.items()}
        return nav

    def unused(self, texts: Callable[[], list[str]]) -> list[Problem]:
        """A problem for each term the handbook's text never used, suggesting the
        nearest phrase of as many words that texts (the handbook's) do use."""
        problems = []
        for term in self.terms:
            if term.word in self.used:
                continue
            hint = difflib.get_close_matches(term.word, self._phrases(texts(), len(term.word.split())),
                                             n=1, cutoff=0.7)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(Problem(term.file, term.line, term.field,
                                    f"the handbook never uses '{term.word}'{suggestion}; a term is "
                                    "one of the handbook's words, as its pages write it"))
        return problems

    def plurals(self, texts: Callable[[], list[str]]) -> list[Problem]:
        """A problem for each term given in the plural ('peer workers'), which would put
        the organisation's singular where the handbook has a plural: a term ending in s
        whose form without it the handbook also uses."""
        problems = []
        for term in self.terms:
            singular = term.word.removesuffix("s")
            if singular == term.word:
                continue
            if re.search(_alternatives([singular]), "\n".join(texts()), re.IGNORECASE):
                problems.append(Problem(term.file, term.line, term.field, (
                    f"'{term.word}' is the plural of '{singular}', which the handbook uses too: "
                    f"give the singular ('{singular}: ...'); the plural follows from it")))
        return problems

    def _phrases(self, texts: list[str], length: int) -> set[str]:
        """Every run of length words in texts, but those holding an organisation's word."""
        own = {word.lower() for term in self.terms for word in (term.own + " " + term.own_plural).split()}
        found = set()
        for text in texts:
            words = [w.lower() for w in WORD.findall(text)]
            found.update(" ".join(words[i:i + length]) for i in range(len(words) - length + 1)
                         if not own.intersection(words[i:i + length]))
        return found

    # --- the pages' own Markdown ----------------------------------------------------

    def extension(self) -> Extension:
        return _TermsExtension(self)


def slugify_id(words: str) -> str:
    """A heading's id as the toc extension makes it by default."""
    return slugify(words, "-")


class _TermsProcessor(Treeprocessor):
    """The page's text in the organisation's words, after attribute lists are read and
    before headings get their ids, abbreviations their explanations, and the page its
    title. A heading whose words change keeps the id its words gave it before, so links
    to it still work."""

    def __init__(self, md, wording: Wording):
        super().__init__(md)
        self.wording = wording

    def run(self, root: Element) -> None:
        self.ids = {el.get("id") for el in root.iter() if el.get("id")}
        # The ids the toc extension would give, with its settings.
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        self.slug = (lambda words: toc.slugify(words, toc.sep)) if toc else slugify_id
        self._walk(root, keep=False)

    def _walk(self, element: Element, keep: bool) -> None:
        if element.tag in HEADINGS and "id" not in element.attrib:
            words = "".join(element.itertext())
            if self.wording.uses(words):
                element.set("id", unique(self.slug(words), self.ids))
        if element.text:
            element.text = self._text(element.text, keep)
        for child in element:
            self._walk(child, keep or child.tag in KEEP_ELEMENTS
                       or (child.tag == "a" and bool(BIBLIOGRAPHY_LINK.search(child.get("href", "")))))
            if child.tail:
                child.tail = self._text(child.tail, keep)

    def _text(self, text: str, keep: bool) -> str:
        if keep:
            self.wording.keep(text)
            return text
        return self.wording.replace(text)


class _TermsExtension(Extension):
    def __init__(self, wording: Wording):
        # Its setting says what it replaces and keeps (serve_memo.py keys pages on it).
        self.config = {
            "terms": [[(t.word, t.own, t.own_plural) for t in wording.terms], "what replaces what"],
            "pattern": [wording.pattern.pattern, "the terms, and what is kept as written"]}
        super().__init__()
        self.wording = wording

    def extendMarkdown(self, md) -> None:
        # After attr_list (8), before abbr (7) and toc (5).
        md.treeprocessors.register(_TermsProcessor(md, self.wording), "organisation_terms", 7.5)
