"""Guidance prose reads at about US grade 9 or below (Flesch-Kincaid), page by page."""
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from readability import guidance_median, page_grades, page_prose  # noqa: E402


def test_prose_excludes_citations_headings_and_tables():
    html = """<article><h1>A very long heading with many polysyllabic words indeed</h1>
      <p>Short words here</p><p class="hb-sources">Sources: Organisational documentation.</p>
      <table><tr><td>Extraordinarily complicated tabulation</td></tr></table>
      <ul><li>One item<ul><li>Inner item.</li></ul></li></ul></article>"""
    assert page_prose(html) == "Short words here. Inner item."


def test_median_guidance_grade_is_nine_or_lower(built_site):
    rows = page_grades(built_site)
    assert len(rows) > 40
    assert guidance_median(rows) <= 9, "\n".join(f"{u} {g}" for u, g, _ in rows)
