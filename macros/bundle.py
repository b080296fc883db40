"""The tools' ES modules joined into one classic script, for the offline copy.

Browsers refuse module scripts on pages opened from files (file://), so the offline
copy loads this bundle instead. The modules keep to a small subset of the syntax,
which is all this understands: `import * as x from "./m.js"`, `import { a, b } from
"./m.js"`, `import("./m.js")` (a module loaded on demand on served pages, joined in
here and handed over once the whole script has run, so it may import the module that
loads it) and `export` before a top-level function, class or const. Each module
becomes a function scope whose exports are returned as an object.
"""
from __future__ import annotations

import re
from pathlib import Path

_IMPORT = re.compile(r'^import (?:\* as (\w+)|\{([^}]*)\}) from "\./([\w.-]+\.js)";\n', re.M)
_DYNAMIC_IMPORT = re.compile(r'\bimport\("\./([\w.-]+\.js)"\)')
_EXPORT = re.compile(r"^export (?:async )?(?:function|class|const) (\w+)", re.M)


def _ordered(js_dir: Path, entry: str, seen: list[str]) -> list[str]:
    """Modules in dependency order, each after the modules it imports and before those
    it loads on demand."""
    if entry not in seen:
        source = (js_dir / entry).read_text(encoding="utf-8")
        for match in _IMPORT.finditer(source):
            _ordered(js_dir, match.group(3), seen)
        seen.append(entry)
        for match in _DYNAMIC_IMPORT.finditer(source):
            _ordered(js_dir, match.group(1), seen)
    return seen


def _module(name: str, source: str) -> str:
    def importing(match: re.Match) -> str:
        whole, names, module = match.groups()
        return f"const {whole or '{' + names + '}'} = modules[{module!r}];\n"
    body = _IMPORT.sub(importing, source)
    body = _DYNAMIC_IMPORT.sub(
        lambda match: f"Promise.resolve().then(() => modules[{match.group(1)!r}])", body)
    exported = _EXPORT.findall(body)
    body = re.sub(r"^export ", "", body, flags=re.M)
    if re.search(r"^\s*export\b", body, flags=re.M):
        raise ValueError(f"{name}: an export this bundler does not understand")
    if re.search(r"\bimport\(", body):
        raise ValueError(f"{name}: an import() this bundler does not understand")
    return f"modules[{name!r}] = (() => {{\n{body}\nreturn {{ {', '.join(exported)} }};\n}})();\n"


def bundle(js_dir: Path, entry: str) -> str:
    parts = [_module(name, (js_dir / name).read_text(encoding="utf-8"))
             for name in _ordered(js_dir, entry, [])]
    return "(() => {\nconst modules = {};\n" + "".join(parts) + "})();\n"
