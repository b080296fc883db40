"""The handbook's mkdocs-macros module: load the data once, register the renderers."""
from __future__ import annotations

import importlib
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import handbook, problems, render, schemas, yaml_source

# Macro name -> (template, collection). Each macro renders one block of a page.
BLOCKS = {
    "bibliography": ("sources.html", "sources"),
    "values_crosswalk": ("values_crosswalk.html", "values"),
    "values_list": ("values.html", "values"),
    "misconceptions_list": ("misconceptions.html", "misconceptions"),
    "competency_frameworks": ("competencies.html", "competencies"),
    "interview_boundary": ("interview_boundary.html", "interview_questions"),
    "interview_question_bank": ("interview_questions.html", "interview_questions"),
    "ethics_objectives": ("ethics_objectives.html", "ethics"),
    "ethics_principles": ("ethics.html", "ethics"),
}


def _reload_code() -> None:
    """`mkdocs serve` rebuilds in one process; reload our modules so code edits apply."""
    for module in (problems, yaml_source, schemas, handbook, render):
        importlib.reload(module)


def define_env(env) -> None:
    _reload_code()
    config_dir = Path(env.conf["config_file_path"]).parent
    data_dir = config_dir / env.conf["extra"].get("data_dir", "data")
    try:
        book = handbook.load_handbook(data_dir, root=config_dir)
    except problems.DataError as error:
        # PluginError makes MkDocs print the message alone and exit non-zero before
        # any page is written.
        raise PluginError(str(error)) from None

    primary = [s for s in book["sources"].items if s["kind"] == "primary"]
    renderer = render.Renderer(book)

    def register(name: str, template: str, collection: str) -> None:
        def block() -> str:
            return renderer.render(template, collection, env.page.url, primary=primary)
        block.__name__ = name
        env.macro(block, name)

    for name, (template, collection) in BLOCKS.items():
        register(name, template, collection)
