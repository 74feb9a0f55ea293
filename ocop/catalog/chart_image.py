"""A statistics chart as an image file for the press: SVG drawn on the server from the same
table the page and the CSV show, with the title and the source line inside the image (a picture
passed on alone still says where it comes from). Horizontal bars, stacked when a chart has
several series, so that long names (product groups, communes) fit."""

from xml.sax.saxutils import escape

from ocop.catalog.statistics import Chart

COLOURS = ["#1b6e3a", "#b7791f", "#2b6cb0", "#6b46c1"]  # as the page's Chart.js bars
WIDTH = 900
LABELS = 300  # the names' column
BARS = WIDTH - LABELS - 80  # room for the number after the longest bar
ROW = 28
LINE = 15
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
CHARS = 40  # of a name on one line of the names' column (at 13 px)


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken at spaces (a longer word alone)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def _text(x, y, content, size=13, anchor="start", weight="normal", fill="#1f2933") -> str:
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}"'
        f' font-weight="{weight}" fill="{fill}">{escape(str(content))}</text>'
    )


def _legend(chart: Chart, y: int) -> tuple[list[str], int]:
    if chart.drawn < 2:
        return [], y
    parts, x = [], LABELS
    for i in range(chart.drawn):
        colour = COLOURS[i % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="{y - 11}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 17, y, chart.columns[1 + i]))
        x += 30 + 8 * len(chart.columns[1 + i])
    return parts, y + 24


def _bars(chart: Chart, y: int) -> tuple[list[str], int]:
    totals = [sum(row[1 : 1 + chart.drawn]) for row in chart.rows]
    scale = BARS / max([*totals, 1])
    parts = []
    for row, total in zip(chart.rows, totals, strict=True):
        names = wrapped(row[0], CHARS)
        height = max(ROW, LINE * len(names) + 10)
        for k, name in enumerate(names):
            parts.append(_text(LABELS - 10, y + 18 + k * LINE, name, anchor="end"))
        x = LABELS
        for i, value in enumerate(row[1 : 1 + chart.drawn]):
            colour = COLOURS[i % len(COLOURS)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 5}" width="{value * scale:.1f}" height="{ROW - 10}"'
                f' fill="{colour}"/>'
            )
            x += value * scale
        parts.append(_text(f"{x + 6:.1f}", y + 18, total, weight="bold"))
        y += height
    return parts, y


def chart_svg(chart: Chart, title: str, source: str) -> str:
    """The chart as a standalone SVG document: title, legend, bars with their numbers, source."""
    parts = [_text(20, 32, title, size=18, weight="bold")]
    legend, y = _legend(chart, 62)
    parts += legend
    bars, y = _bars(chart, y)
    parts += bars
    y += 16
    for line in wrapped(source, 120):
        y += 16
        parts.append(_text(20, y, line, size=11, fill="#52606d"))
    height = y + 20
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" role="img">'
        f"<title>{escape(title)}</title>"
        f'<rect width="100%" height="100%" fill="#ffffff"/>{"".join(parts)}</svg>\n'
    )
