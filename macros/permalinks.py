"""Heading permalinks named for assistive technology, not by a hover title.

Python-Markdown's toc extension gives each permalink ("¶") a title. Material's
content.tooltips feature sets up a tooltip for every element with a title as the page
starts, which on a long page (26 headings on Peer values) kept a phone busy for tens of
milliseconds; the abbreviations' tooltips are the ones readers need. The title becomes
the link's aria-label, so screen readers still announce what the link is.
"""
from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class _NamedPermalinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            if link.get("class") == "headerlink" and link.get("title"):
                link.set("aria-label", link.attrib.pop("title"))


class NamedPermalinksExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # Below the toc extension's treeprocessor (priority 5), which adds the permalinks.
        md.treeprocessors.register(_NamedPermalinks(md), "named_permalinks", 4)
