"""What an organisation's edition changes in the theme: the site's name (so the header,
every page's title, the print running head, embeds, Word files and PDFs name the
organisation first), the header's logo, the colours (a stylesheet in the site, as
pages allow no inline styles for them), and what the templates show from it: the
contact line and the note that this edition is an adaptation."""
from __future__ import annotations

import shutil
from pathlib import Path

from markupsafe import Markup

from . import colours, local_items
from .overlay import Organisation

ASSET_DIR = "assets/organisation/"
STYLESHEET = ASSET_DIR + "colours.css"
SEPARATOR = " · "


def logo_url(organisation: Organisation) -> str:
    return f"{ASSET_DIR}logo{organisation.logo.suffix}"


def apply(config, organisation: Organisation, *, contact: Markup | None, adaptation: Markup) -> None:
    """Change the MkDocs configuration (loaded afresh for every build) for the
    organisation; the templates read config.extra.organisation. contact and adaptation
    are the contact line and the adaptation note, rendered by the caller."""
    handbook_name = config["site_name"]
    config["site_name"] = f"{organisation.name}{SEPARATOR}{handbook_name}"
    if organisation.logo:
        config["theme"]["logo"] = logo_url(organisation)
    config["extra"]["organisation"] = {
        "name": organisation.name, "handbook_name": handbook_name, "contact": contact,
        "adaptation": adaptation,
        "stylesheet": STYLESHEET if organisation.primary or organisation.accent else None}


def changes(organisation: Organisation) -> list[str]:
    """What the organisation changed, in words, as the licence asks an adaptation to say."""
    notes, own = len(organisation.notes), local_items.added(organisation.local_data)
    return ["its name", *(["its logo"] if organisation.logo else []),
            *(["its colours"] if organisation.primary or organisation.accent else []),
            *(["a contact line"] if organisation.contact else []),
            *([f"notes on {notes} item{'s' if notes != 1 else ''}"] if notes else []),
            *([f"items of its own ({', '.join(own)})"] if own else []),
            *(["its own words for some of the handbook's terms"] if organisation.terms else [])]


def stylesheet(organisation: Organisation) -> str:
    """The custom properties identity.css sets, with the organisation's colours. Material
    reads its own on elements under the root, the handbook's on the root, as there;
    embedded sections read embed.css's on their body."""
    found = colours.custom_properties(organisation.primary, organisation.accent)
    own = {k: v for k, v in found.items() if k.startswith("--hb-")}
    material = {k: v for k, v in found.items() if not k.startswith("--hb-")}

    def rule(selector: str, properties: dict[str, str]) -> str:
        lines = "".join(f"  {name}: {value};\n" for name, value in properties.items())
        return f"{selector} {{\n{lines}}}\n" if properties else ""
    return (f"/* {organisation.name}'s colours, from its organisation.yml. */\n"
            + rule(":root", own) + rule(":root > *", material)
            + rule(".hb-embed", colours.embed_properties(organisation.primary, organisation.accent)))


def write_assets(organisation: Organisation, site_dir: Path) -> None:
    """The logo and the stylesheet, into the built site."""
    folder = site_dir / ASSET_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if organisation.logo:
        shutil.copyfile(organisation.logo, site_dir / logo_url(organisation))
    if organisation.primary or organisation.accent:
        (site_dir / STYLESHEET).write_text(stylesheet(organisation), encoding="utf-8")
