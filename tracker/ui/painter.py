"""Turning the style strings of :mod:`tracker.ui.styles` into colours, and keeping a theme readable.

A :class:`Painter` resolves style strings against the theme in force and the
background they are drawn on; :func:`readable` nudges the few theme colours that
would read below WCAG AA (4.5:1), in colour or in grey (``NO_COLOR``).
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.color import Color as RichColor
from rich.style import Style as RichStyle
from rich.text import Span, Text
from textual.color import Color


class Painter:
    """Resolves style strings against one theme and the background they sit on.

    The strings here use a small part of Textual's style language: ``bold``,
    ``italic``, colours as ``$variable``, ``#rrggbb`` or ``auto`` (black or white,
    whichever reads on the background), an optional ``NN%`` after a colour, and
    ``on`` before the background. Read here directly: Textual's full parser costs
    about a millisecond a string, on the way to the first screen.
    """

    def __init__(self, variables: Mapping[str, str], background: RichColor | None) -> None:
        self.variables = variables
        self.background = (
            Color.from_rich_color(background) if background is not None else Color.parse("black")
        )
        self._cache: dict[str, RichStyle] = {}

    def style(self, spec: str | RichStyle) -> RichStyle:
        """The Rich style for a style string; a background only where the string sets one."""
        if isinstance(spec, RichStyle):
            return spec
        cached = self._cache.get(spec)
        if cached is None:
            cached = self._cache[spec] = self._resolve(spec)
        return cached

    def _colour(self, words: list[str], under: Color) -> Color:
        """A colour from its words (``$error``, ``auto``, ``#fff``, then ``NN%``), over ``under``."""
        if words and words[0].startswith("$"):
            words = self.variables[words[0][1:]].split() + words[1:]
        alpha = 1.0
        if len(words) > 1 and words[-1].endswith("%"):
            alpha = float(words[-1][:-1]) / 100
            words = words[:-1]
        if words[0] == "auto":
            return under + under.get_contrast_text(alpha)
        return under + Color.parse(" ".join(words)).multiply_alpha(alpha)

    def _resolve(self, spec: str) -> RichStyle:
        words = spec.split()
        bold = "bold" in words or None
        italic = "italic" in words or None
        words = [word for word in words if word not in ("bold", "italic")]
        foreground, background = words, []
        if "on" in words:
            at = words.index("on")
            foreground, background = words[:at], words[at + 1 :]
        under = self._colour(background, self.background) if background else self.background
        color = self._colour(foreground, under).rich_color if foreground else None
        bgcolor = under.rich_color if background else None  # text alone sits on whatever is under it
        return RichStyle(color=color, bgcolor=bgcolor, bold=bold, italic=italic)

    def text(self, text: Text) -> Text:
        """A copy of ``text`` whose style strings are resolved (Rich cannot read ``$error``)."""
        spans = [Span(s.start, s.end, self.style(s.style)) for s in text.spans]
        return Text(
            text.plain,
            style=self.style(text.style) if text.style else "",
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            spans=spans,
        )


# -- keeping a theme readable ------------------------------------------------------

AA = 4.5
# Text colours of the theme and what they are drawn on.
TEXT_ON: dict[str, tuple[str, ...]] = {
    name: ("background", "surface", "panel")
    for name in (
        "text-primary",
        "text-secondary",
        "text-accent",
        "text-warning",
        "text-error",
        "text-success",
    )
}
TEXT_ON["footer-key-foreground"] = ("footer-background",)


def luminance(color: Color) -> float:
    """WCAG relative luminance of an opaque colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_contrast(foreground: Color, background: Color) -> float:
    """The contrast in colour and in grey, as NO_COLOR shows it (Textual's monochrome filter)."""
    return min(contrast(foreground, background), contrast(foreground.monochrome, background.monochrome))


def readable(variables: dict[str, str], target: float = AA + 0.1) -> dict[str, str]:
    """The theme's variables, with the few that would read below ``target`` nudged until they don't.

    Text colours move towards white on dark backgrounds and black on light ones;
    the block cursor gets black or white text and, if needed, a deeper background.
    Themes that already read well are left exactly as they are.
    """
    out = dict(variables)

    def parsed(name: str) -> Color | None:
        try:
            color = Color.parse(out[name])
        except Exception:  # "auto 87%", "transparent" and the like: nothing to measure
            return None
        return color if color.a == 1 else None

    for name, under in TEXT_ON.items():
        color = parsed(name)
        grounds = [c for c in (parsed(g) for g in under if g in out) if c is not None]
        if color is None or not grounds:
            continue
        toward = Color(255, 255, 255) if luminance(grounds[0]) < 0.18 else Color(0, 0, 0)
        changed = False
        for _step in range(20):
            if min(readable_contrast(color, g) for g in grounds) >= target:
                break
            color = color.blend(toward, 0.1)
            changed = True
        if changed:
            out[name] = color.hex
    cursor = parsed("block-cursor-background")
    if cursor is not None:
        white, black = Color(255, 255, 255), Color(0, 0, 0)
        text = white if readable_contrast(white, cursor) >= readable_contrast(black, cursor) else black
        away = black if text is white else white
        original = cursor
        for _step in range(20):
            if readable_contrast(text, cursor) >= target:
                break
            cursor = cursor.blend(away, 0.1)
        if cursor != original:
            out["block-cursor-background"] = cursor.hex
        out["block-cursor-foreground"] = text.hex
    return out
