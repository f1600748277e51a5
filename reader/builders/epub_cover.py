"""The EPUB's cover: an image made from the title, subtitle, editors and publisher.

A plain typographic design (dark red field, the title in large serif type, a rule,
the rest below) at the 1600x2560 px that e-book shops ask for.  The words come
from the edition's settings, so a new title or edition changes the cover too.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1600, 2560)
FIELD = (122, 22, 25)  # a deep red
INK = (250, 244, 232)  # off-white
FONT_DIRS = (Path("/usr/share/fonts/opentype/freefont"), Path("/usr/share/fonts/truetype/freefont"))


def _font(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """FreeSerif (the PDF's face) where installed, else Pillow's own scalable face."""
    for folder in FONT_DIRS:
        for suffix in (".otf", ".ttf"):
            path = folder / f"{name}{suffix}"
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font: object, width: int) -> list[str]:
    """*text* in lines no wider than *width* pixels."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:  # type: ignore[arg-type]
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def _block(draw: ImageDraw.ImageDraw, text: str, font: object, top: int, leading: float) -> int:
    """Draw *text* centred from *top*; return the y below it."""
    width = SIZE[0] - 2 * 180
    size = getattr(font, "size", 40)
    for line in _wrapped(draw, text, font, width):
        draw.text((SIZE[0] / 2, top), line, font=font, fill=INK, anchor="ma")  # type: ignore[arg-type]
        top += int(size * leading)
    return top


def make_cover(
    path: Path, *, title: str, subtitle: str, editors: str, publisher: str, edition: str
) -> Path:
    """Write the cover PNG to *path*."""
    image = Image.new("RGB", SIZE, FIELD)
    draw = ImageDraw.Draw(image)
    y = _block(draw, title, _font("FreeSerifItalic", 150), 520, 1.15)
    y += 60
    draw.line([(SIZE[0] / 2 - 160, y), (SIZE[0] / 2 + 160, y)], fill=INK, width=4)
    y += 100
    if subtitle:
        y = _block(draw, subtitle, _font("FreeSerif", 76), y, 1.3)
    if editors:
        _block(draw, f"Edited by {editors}", _font("FreeSerif", 64), y + 120, 1.3)
    bottom = SIZE[1] - 330
    if edition:
        _block(draw, edition, _font("FreeSerif", 58), bottom, 1.3)
    _block(draw, publisher, _font("FreeSerif", 58), bottom + 100, 1.3)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path
