"""Which files a page is made from, and where to edit them. Contributors change the
YAML behind a block, not the HTML it becomes, so a page's "Edit" link opens the data
file of its first block, and the page lists every file it is made from."""
from __future__ import annotations

from pathlib import Path

from .blocks import BLOCKS
from .handbook import Handbook
from .placement import Placements


def sources(book: Handbook, placements: Placements, url: str, src_uri: str, docs_dir: str,
            edit_url: str) -> list[dict[str, str]]:
    """[{path, url}] for each file the page is made from: its data files in the order its
    blocks appear, then its Markdown."""
    data_files = [book[BLOCKS[name].collection].file for name in placements.calls.get(url, [])
                  if name in BLOCKS]
    docs = Path(docs_dir).name
    paths = list(dict.fromkeys(data_files)) + [f"{docs}/{src_uri}"]
    return [{"path": path, "url": edit_url.format(path=path)} for path in paths]
