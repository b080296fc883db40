"""MkDocs hook: the theme's compiled templates are kept between builds, as Python keeps
__pycache__ and the blocks' own templates are kept (render.py). MkDocs makes a new
template environment for every build and every rebuild under `mkdocs serve`, which
would otherwise compile Material's templates again each time. Jinja checks each
template's source against what it compiled, so an edited template is compiled again."""
import tempfile
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

FOLDER = Path(tempfile.gettempdir()) / "peer-roles-handbook-theme"


def on_env(env, config, files):
    FOLDER.mkdir(exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(FOLDER))
    return env
