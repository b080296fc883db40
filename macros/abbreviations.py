"""Glossary abbreviations explained where they appear, for prose pages and data alike.

Python-Markdown's abbr extension wraps each abbreviation in <abbr title="...">; Material's
content.tooltips feature turns the title into a tooltip. A small treeprocessor makes each
<abbr> focusable, so the tooltip also opens from the keyboard, except inside a link, which
is focusable already (and may not hold another focusable element).
"""
from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor

_MARKUP = re.compile(r"[*_`\[\]\\<>]")


def glossary_titles(items: list[dict]) -> dict[str, str]:
    """Abbreviation -> tooltip text ('Term: definition'), from the glossary collection."""
    titles = {}
    for item in items:
        if item.get("abbreviation"):
            definition = _MARKUP.sub("", item["definition"]).strip()
            titles[item["abbreviation"]] = f"{item['term']}: {definition}"
    return titles


class _FocusableAbbr(Treeprocessor):
    def run(self, root: Element) -> None:
        in_links = {abbr for link in root.iter("a") for abbr in link.iter("abbr")}
        for abbr in root.iter("abbr"):
            if abbr not in in_links:
                abbr.set("tabindex", "0")


class FocusableAbbrExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # Below the abbr extension's own treeprocessor (priority 7), which creates <abbr>.
        md.treeprocessors.register(_FocusableAbbr(md), "focusable_abbr", 6)


def abbreviation_extensions(titles: dict[str, str]) -> list[Extension]:
    """The Markdown extensions that explain abbreviations, shared by pages and data text."""
    return [AbbrExtension(glossary=titles), FocusableAbbrExtension()]
