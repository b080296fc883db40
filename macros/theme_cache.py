"""MkDocs hook: the theme's compiled templates are kept between builds, as Python keeps
__pycache__ and the blocks' own templates are kept (render.py). MkDocs makes a new
template environment for every build and every rebuild under `mkdocs serve` (and
Material's search plugin makes more, to read its translations), which would otherwise
compile Material's templates again each time. Jinja checks each template's source
against what it compiled, so an edited template is compiled again."""
import tempfile
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority

FOLDER = Path(tempfile.gettempdir()) / "peer-roles-handbook-theme"


# First, before the plugins' own on_config (search's reads its translations there).
@event_priority(100)
def on_config(config):
    FOLDER.mkdir(exist_ok=True)
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = FileSystemBytecodeCache(str(FOLDER))
        return env
    config.theme.get_env = get_env
    return config
