"""The one rule for text in data files: plain text with a small, safe Markdown.

Allowed: *emphasis*, **strong**, `code`, and [links](address) to https:, http: and
mailto: addresses, relative paths and #anchors. Refused: HTML (tags, comments, character
references such as &lt; or &#60;), attribute lists, images, any other kind of address,
and invisible control characters other than tab and newline. Braces are plain text (the
renderers keep them inert). Every check is linear in the text, so hostile input is
refused quickly, before Markdown (slow on some bracket patterns) ever sees it.
"""
from __future__ import annotations

import re
from html.entities import html5
from typing import Any

from .problems import Problem
from .yaml_source import YamlSource

# Far above the longest text in the handbook (under 1,500 characters).
MAX_TEXT = 10_000

ALLOWED = ("text fields allow plain text, *emphasis*, **strong**, `code` and [links](address) "
           "to https:, http: or mailto: addresses, relative paths and #anchors")
SCHEMES = ("http", "https", "mailto")

# Unicode's control (Cc), format (Cf: bidi overrides, zero-width characters...) and
# surrogate (Cs) characters, as listed by Python 3.11's unicodedata, except tab and
# newline; and U+FFFE and U+FFFF, which XML (so a Word file) cannot hold.
# tests/test_hostile_data.py checks the list against unicodedata.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff"
    "\ufff9-\ufffb\ufffe\uffff\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
# A tag, closing tag, comment, declaration or processing instruction.
HTML_TAG = re.compile(r"<[/!?A-Za-z]")
REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*)(;?)")
# Browsers also read these names without the semicolon (&lt as <).
LEGACY_NAMES = tuple(name for name in html5 if not name.endswith(";"))
# Python-Markdown's attr_list: {: ...}, {#id}, {.class} or {key=value}.
ATTR_LIST = re.compile(r"\{\s*[:#.]|\{[^{}\n]*=")
IMAGE = re.compile(r"!\[")
BRACKET = re.compile(r"[\[\]]")
# Where a link's address starts: [text](address) or a reference [label]: address.
ADDRESS_START = re.compile(r"\]\(|\]:")
# A link's address and optional title up to its closing parenthesis; the address may
# hold one level of balanced parentheses, as Wikipedia addresses do.
LINK_TAIL = re.compile(r"""\s*<?[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*>?(?:\s+"[^"\n]*")?\s*\)""")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def text_problems(source: YamlSource) -> list[Problem]:
    """Every text value in the file that breaks the rule, one problem per kind per field."""
    return [source.problem(path, message) for path, text in strings(source.data, ())
            for message in check(text)]


def check(text: str) -> list[str]:
    """What is wrong with one text value, in a contributor's words (empty when it is fine)."""
    if len(text) > MAX_TEXT:
        return [f"is {len(text):,} characters long; a text field holds at most {MAX_TEXT:,}"]
    found = []
    if match := INVISIBLE.search(text):
        found.append(f"contains the invisible character U+{ord(match.group()):04X} at character "
                     f"{match.start() + 1}; text may hold visible characters, spaces, tabs and "
                     "line breaks only")
    if match := HTML_TAG.search(text):
        found.append(f"contains HTML ({_excerpt(text, match.start())}); {ALLOWED}")
    if reference := _character_reference(text):
        found.append(f"contains the HTML character reference '{reference}': type the character "
                     f"itself; {ALLOWED}")
    if match := ATTR_LIST.search(text):
        found.append(f"contains an attribute list ({_excerpt(text, match.start())}); braces are "
                     f"plain text, but '{{' may not be followed by ':', '#' or '.' nor enclose "
                     f"'='; {ALLOWED}")
    if IMAGE.search(text):
        found.append(f"contains an image ('!['); {ALLOWED}")
    found += _link_problems(text)
    return found


def strings(value: Any, path: tuple):
    """Every text in value, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings(child, (*path, index))


def _excerpt(text: str, start: int) -> str:
    return repr(text[start:start + 20] + ("..." if len(text) > start + 20 else ""))


def _character_reference(text: str) -> str | None:
    for match in REFERENCE.finditer(text):
        name, semicolon = match.groups()
        numeric, named = name.startswith("#"), semicolon and name + ";" in html5
        if numeric or named or name.startswith(LEGACY_NAMES):
            return match.group()
    return None


def _link_problems(text: str) -> list[str]:
    depth = 0
    for bracket in BRACKET.finditer(text):
        depth += 1 if bracket.group() == "[" else -1
        if depth not in (0, 1):
            break
    if depth:
        return [f"has square brackets that are unpaired or nested; brackets come in pairs, "
                f"and {ALLOWED}"]
    for start in ADDRESS_START.finditer(text):
        begin = start.end()
        if problem := _address_problem(text[begin:begin + 200]):
            return [f"{problem}; {ALLOWED}"]
        if start.group() == "](" and not LINK_TAIL.match(text, begin):
            return [f"has a link whose address is not closed by ')' "
                    f"({_excerpt(text, start.start())}); {ALLOWED}"]
    return []


def _address_problem(tail: str) -> str | None:
    """Why the address at the start of tail may not be linked to, if it may not.
    Browsers drop tabs and newlines inside an address and read a backslash as a slash
    ('\\\\host' is '//host'); whitespace goes too, to judge the scheme on the safe side."""
    address = re.sub(r"[\s<]", "", tail).replace("\\", "/").lower()
    if address.startswith("/"):
        kind = "another host ('//')" if address.startswith("//") else "an absolute path ('/')"
        return f"links to {kind} are not allowed"
    scheme = SCHEME.match(address)
    if scheme and scheme.group()[:-1] not in SCHEMES:
        return f"links to '{scheme.group()}' addresses are not allowed"
    return None
