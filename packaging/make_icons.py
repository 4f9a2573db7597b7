"""Draw the app icon (a circle of people around a heart) as SVG, PNGs, ICO and ICNS.

One list of shapes feeds both the SVG and the Pillow drawing, so the files cannot drift apart. The
16 and 24 pixel sizes use a simpler drawing (a bigger heart ringed by heads), because six figures
turn to mush that small. Run from the repository root after changing the design and commit what it writes:

    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "coordinator_app" / "resources" / "icons"
NAME = "group-coordinator"
VIEW = 512  # the design grid
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)
SUPERSAMPLE = 4

BACKGROUND = "#0B5563"  # deep teal: white on it has a contrast ratio above 7.5:1
PERSON = "#FFFFFF"
HEART = "#FFB627"  # warm amber


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str


@dataclass(frozen=True)
class HalfDisc:
    """Half of a circle: the curved side faces ``facing_deg`` (0 = right, 90 = down, as on screen)."""

    cx: float
    cy: float
    r: float
    facing_deg: float
    fill: str


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    fill: str


Shape = Circle | HalfDisc | Polygon


def _polar(distance: float, angle_deg: float) -> tuple[float, float]:
    angle = math.radians(angle_deg)
    return VIEW / 2 + distance * math.cos(angle), VIEW / 2 + distance * math.sin(angle)


def _heart(size: float) -> list[Shape]:
    """Two round lobes and a point, centred on the middle of the grid."""
    centre = VIEW / 2
    lobe = size * 0.3
    lobe_y = centre - size * 0.12
    tip_y = centre + size * 0.5
    # The point's sides meet each lobe where the lobe's outline would carry them on, so no notch shows.
    touch = math.radians(35)
    left = (centre - lobe - lobe * math.cos(touch), lobe_y + lobe * math.sin(touch))
    right = (centre + lobe + lobe * math.cos(touch), lobe_y + lobe * math.sin(touch))
    return [
        Circle(centre - lobe, lobe_y, lobe, HEART),
        Circle(centre + lobe, lobe_y, lobe, HEART),
        Polygon((left, (centre, lobe_y), right, (centre, tip_y)), HEART),
    ]


def shapes(*, small: bool = False) -> list[Shape]:
    """The drawing on a 512 grid: people sit round the edge, heads outwards, facing the heart.

    The small drawing keeps only what survives at 16 pixels: a big heart ringed by six heads.
    """
    drawing: list[Shape] = [Circle(VIEW / 2, VIEW / 2, VIEW / 2 - 8, BACKGROUND)]
    for index in range(6):
        angle = -90 + index * 60
        if small:
            drawing.append(Circle(*_polar(186, angle), 44, PERSON))
            continue
        drawing.append(HalfDisc(*_polar(112, angle), 48, angle, PERSON))
        drawing.append(Circle(*_polar(194, angle), 28, PERSON))
    drawing.extend(_heart(220 if small else 120))
    return drawing


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def to_svg(drawing: list[Shape]) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{VIEW}" height="{VIEW}" viewBox="0 0 {VIEW} {VIEW}">',
        "  <title>Group Coordinator</title>",
    ]
    for shape in drawing:
        if isinstance(shape, Circle):
            parts.append(
                f'  <circle cx="{_fmt(shape.cx)}" cy="{_fmt(shape.cy)}" r="{_fmt(shape.r)}" fill="{shape.fill}"/>'
            )
        elif isinstance(shape, HalfDisc):
            start = math.radians(shape.facing_deg - 90)
            end = math.radians(shape.facing_deg + 90)
            x1, y1 = shape.cx + shape.r * math.cos(start), shape.cy + shape.r * math.sin(start)
            x2, y2 = shape.cx + shape.r * math.cos(end), shape.cy + shape.r * math.sin(end)
            parts.append(
                f'  <path d="M{_fmt(x1)} {_fmt(y1)} A{_fmt(shape.r)} {_fmt(shape.r)} 0 0 1 {_fmt(x2)} {_fmt(y2)}Z"'
                f' fill="{shape.fill}"/>'
            )
        else:
            points = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in shape.points)
            parts.append(f'  <polygon points="{points}" fill="{shape.fill}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def to_image(drawing: list[Shape], size: int) -> Image.Image:
    big = size * SUPERSAMPLE
    scale = big / VIEW
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    for shape in drawing:
        if isinstance(shape, Circle):
            box = [(shape.cx - shape.r) * scale, (shape.cy - shape.r) * scale,
                   (shape.cx + shape.r) * scale, (shape.cy + shape.r) * scale]
            pen.ellipse(box, fill=shape.fill)
        elif isinstance(shape, HalfDisc):
            box = [(shape.cx - shape.r) * scale, (shape.cy - shape.r) * scale,
                   (shape.cx + shape.r) * scale, (shape.cy + shape.r) * scale]
            pen.chord(box, shape.facing_deg - 90, shape.facing_deg + 90, fill=shape.fill)
        else:
            pen.polygon([(x * scale, y * scale) for x, y in shape.points], fill=shape.fill)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def render(size: int) -> Image.Image:
    return to_image(shapes(small=size <= 24), size)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{NAME}.svg").write_text(to_svg(shapes()), encoding="utf-8")
    images = {size: render(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        images[size].save(OUT / f"{NAME}-{size}.png", optimize=True)
    largest_ico = max(ICO_SIZES)
    images[largest_ico].save(
        OUT / f"{NAME}.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=[images[s] for s in ICO_SIZES]
    )
    largest_icns = max(ICNS_SIZES)
    images[largest_icns].save(OUT / f"{NAME}.icns", append_images=[images[s] for s in ICNS_SIZES])
    print(f"wrote {NAME}.svg, {len(PNG_SIZES)} PNGs, .ico and .icns to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
