"""MkDocs hook used by bench.py: save each page's Markdown after macros have rendered it."""
import os
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-100)  # after mkdocs-macros has replaced every macro call
def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["BENCH_CAPTURE_DIR"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
