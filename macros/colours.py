"""An organisation's two colours, as the theme uses them, and the contrast they keep.

overrides/assets/css/identity.css gives the handbook's colours to Material's custom
properties. An organisation's edition replaces two of them:

- primary: the header (under white text), buttons and the current page in the
  navigation (text on white), with a darker shade for the header's rule and for
  buttons under the pointer, a lighter one Material uses for its tabs, and a pale
  tint behind the "In short" panels and cards.
- accent: links, and the text Material colours under the pointer or in search
  results, on the white page and on the tint.

Embedded sections (embed.css) use the same two for their buttons and links.

Both are text (or sit under text), so each needs WCAG AA's 4.5:1 for normal text.
"""
from __future__ import annotations

WHITE = "#ffffff"
BLACK = "#000000"
TEXT_CONTRAST = 4.5


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = map(channel, _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio between two #rrggbb colours, from 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """colour with `share` (0 to 1) of other mixed in."""
    return "#" + "".join(f"{round(c + (o - c) * share):02x}" for c, o in zip(_rgb(colour), _rgb(other)))


def tint(primary: str) -> str:
    return mix(primary, WHITE, 0.93)


def custom_properties(primary: str | None, accent: str | None) -> dict[str, str]:
    """identity.css's properties that these colours replace; an organisation may give one
    colour or both."""
    found = {}
    if primary:
        found |= {"--hb-petrol": primary, "--hb-petrol-dark": mix(primary, BLACK, 0.22),
                  "--md-primary-fg-color--light": mix(primary, WHITE, 0.2), "--hb-tint": tint(primary)}
    if accent:
        r, g, b = _rgb(accent)
        found |= {"--md-accent-fg-color": accent, "--md-accent-fg-color--transparent":
                  f"rgba({r}, {g}, {b}, 0.1)", "--hb-link": accent}
    return found


def embed_properties(primary: str | None, accent: str | None) -> dict[str, str]:
    """embed.css's palette (embedded sections have no theme) with these colours."""
    return {**({"--md-primary-fg-color": primary} if primary else {}),
            **({"--md-accent-fg-color": accent, "--md-typeset-a-color": accent} if accent else {})}


def contrast_problems(primary: str | None, accent: str | None) -> dict[str, str]:
    """Field ('primary' or 'accent') -> why the colour is refused, for each colour
    that falls short of AA where the theme uses it."""
    found = {}
    if primary and (ratio := contrast(primary, WHITE)) < TEXT_CONTRAST:
        found["primary"] = (f"{primary} has a contrast of {ratio:.2f}:1 with the white text of the "
                            f"header and buttons; it needs at least {TEXT_CONTRAST}:1 (WCAG AA): "
                            "choose a darker colour")
    if accent:
        page = tint(primary) if primary else "#eef5f6"  # identity.css's --hb-tint
        ratio, behind = min((contrast(accent, WHITE), "the white page"),
                            (contrast(accent, page), f"the pale panels ({page})"))
        if ratio < TEXT_CONTRAST:
            found["accent"] = (f"{accent} has a contrast of {ratio:.2f}:1 with {behind}, where it "
                               f"colours links; it needs at least {TEXT_CONTRAST}:1 (WCAG AA): "
                               "choose a darker colour")
    return found
