"""An Atom feed of what changed, item by item, in each edition."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from .editions import EditionChanges

FEED_FILE = "changes.xml"
ATOM = "http://www.w3.org/2005/Atom"


def _entries(changes: EditionChanges):
    for kind, items in (("Added", changes.added), ("Changed", changes.changed),
                        ("Retired", changes.retired)):
        for change in items:
            detail = f" (changed: {', '.join(change.fields)})" if change.fields else ""
            yield kind, change, f"{kind} in edition {changes.edition}: {change.label}{detail}"


def atom(history: list[EditionChanges], site_url: str, site_name: str,
         address: Callable[[str], str] | None = None) -> str:
    """The feed; address(url) gives the full address of a page URL (default: on site_url)."""
    address = address or (lambda url: site_url + url)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")

    def add(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    add(root, "title", f"{site_name}: what changed")
    add(root, "id", site_url + FEED_FILE)
    add(root, "link", rel="self", href=site_url + FEED_FILE)
    add(root, "link", rel="alternate", href=site_url + "reference/changes/")
    add(root, "updated", f"{history[0].released}T00:00:00Z")
    add(add(root, "author"), "name", site_name)
    for changes in history:
        for kind, change, title in _entries(changes):
            entry = add(root, "entry")
            add(entry, "title", title)
            add(entry, "id", f"{site_url}{FEED_FILE}#{changes.edition}/{kind.lower()}/{change.key}")
            add(entry, "updated", f"{changes.released}T00:00:00Z")
            # Retired items are no longer on the site; their entry points at the change list.
            target = change.url if change.url and kind != "Retired" else "reference/changes/"
            add(entry, "link", rel="alternate", href=address(target))
            add(entry, "summary", title)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
