"""MkDocs hook: in an organisation's edition, links to the pages it leaves out
(page_choice.py) go to the shared handbook's copy, keeping their anchors. Run on each
page's HTML, it sees every link alike: prose links (which MkDocs has resolved to the
address the page would have had), the blocks' links and the tools list.
"""
from __future__ import annotations

import posixpath
import re


# Addresses in the HTML MkDocs and the templates write (always double-quoted): links,
# and the pages the tools' scripts link to (data-language-page...).
_ADDRESS = re.compile(r'\b(href|data-[a-z-]+)="([^"#?:]*)((?:[?#][^"]*)?)"')


def link_upstream(html: str, here: str, targets: dict[str, str]) -> str:
    """html, from the page at URL `here`, with each link to a page left out (targets:
    the URL the build would give it -> its upstream address) going upstream, keeping
    any anchor."""
    base = "/" + (here if here.endswith("/") or not here else posixpath.dirname(here) + "/")

    def rewrite(match: re.Match) -> str:
        name, path, rest = match.groups()
        if not path:
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(base, path)).lstrip("/")
        target = targets.get(resolved + "/" if path.endswith("/") else resolved)
        return f'{name}="{target}{rest}"' if target else match.group(0)
    return _ADDRESS.sub(rewrite, html)


def on_page_content(html, page, config, files):
    left_out = config["extra"].get("left_out")
    if not left_out:
        return html
    targets = {files.get_file_from_path(src).url: upstream for src, upstream in left_out.items()}
    return link_upstream(html, page.url, targets)
