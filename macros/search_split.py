"""MkDocs hook: the search index's documents go to a file of their own, which the search
worker reads when a reader first searches (overrides/assets/javascripts/workers/
handbook-search.js). Material's script reads the whole index on every page and hands it
to its worker, which indexes it at once: on a phone that kept the page busy for
100-190 ms before a reader could use it, and every page load cost the processor the
indexing too. Pages now read an index holding Material's search settings only. Our
worker tells the page at once that search is ready, and answers the empty query Material
sends then with no results, as Material's worker would; at a reader's first query it
loads Material's worker and the documents, and hands them the query. Until then a page
pays for neither Material's search code nor the index. The offline copy keeps
Material's index whole: pages opened from files run the search worker in a frame, which
may not fetch files.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

INDEX = Path("search") / "search_index.json"
DOCUMENTS = Path("search") / "search_docs.json"


@event_priority(-50)  # after the search plugin has written the index
def on_post_build(config):
    index_file = Path(config.site_dir) / INDEX
    if config.extra.get("offline") or not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    (Path(config.site_dir) / DOCUMENTS).write_text(
        json.dumps(index["docs"], separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    index_file.write_text(json.dumps({"config": index["config"], "docs": []},
                                     separators=(",", ":")), encoding="utf-8")
