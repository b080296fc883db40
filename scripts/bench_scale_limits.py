"""MkDocs hook used by `bench.py --scale`: let the synthetic data files grow past the size
a contributor's file may have. Ten copies of the largest collection exceed it, though every
copy is valid data; every other check still applies."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The macros plugin imports the package by name, so it finds this module already loaded.
from macros import yaml_source  # noqa: E402

yaml_source.MAX_FILE_BYTES *= 20
