"""Bar and line charts in the shared look, drawn with reportlab.graphics (vector, fonts embedded).

Labels are the code's own short words (month names); user text never goes into a chart, because
chart strings cannot switch to a fallback font part-way through.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm

from .fonts import BOLD, REGULAR
from .look import ACCENT, CONTENT_WIDTH, INK, MUTED, RULE

SECOND = colors.HexColor("#d08c3c")


def _nice_top(largest: float) -> int:
    """A round top for the value axis so the gridlines fall on whole numbers."""
    if largest <= 5:
        return 5
    step = 10 ** (len(str(int(largest))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        top = int(step * factor)
        if top >= largest:
            return top
    return int(step * 10)


def _axes(chart: VerticalBarChart | HorizontalLineChart, labels: Sequence[str], largest: float) -> None:
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_top(largest)
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3


def _drawing(title: str, height: float) -> Drawing:
    drawing = Drawing(CONTENT_WIDTH, height)
    drawing.initialFontName = REGULAR  # else the chart starts in Helvetica, and the PDF lists it unembedded
    drawing.add(String(0, height - 12, title, fontName=BOLD, fontSize=10, fillColor=INK))
    return drawing


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Sequence[int]],
    *,
    series_names: Sequence[str] = (),
    height: float = 62 * mm,
    value_labels: bool = True,
) -> Drawing:
    """Vertical bars, one group per label; with two series a small legend names them."""
    drawing = _drawing(title, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 22
    chart.width, chart.height = CONTENT_WIDTH - 40 - (115 if series_names else 0), height - 48
    chart.data = [list(values) for values in series] or [[0] * len(labels)]
    largest = max((max(values) for values in chart.data if values), default=0)
    _axes(chart, labels, largest)
    chart.groupSpacing = 6
    chart.barSpacing = 1
    for index, colour in enumerate((ACCENT, SECOND)):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    if value_labels and len(chart.data) == 1:
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = REGULAR
        chart.barLabels.fontSize = 7.5
        chart.barLabels.nudge = 6
        chart.barLabels.fillColor = INK
    drawing.add(chart)
    if series_names:
        drawing.add(_legend(series_names, CONTENT_WIDTH - 100, height - 30))
    return drawing


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Sequence[int | None]],
    *,
    series_names: Sequence[str] = (),
    height: float = 62 * mm,
) -> Drawing:
    """One or two lines over the same labels (months), with a dot at every point; ``None`` leaves a gap."""
    drawing = _drawing(title, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 40, 22
    chart.width, chart.height = CONTENT_WIDTH - 52 - (115 if series_names else 0), height - 48
    chart.data = [list(values) for values in series] or [[0] * len(labels)]
    largest = max((value for values in chart.data for value in values if value is not None), default=0)
    _axes(chart, labels, largest)
    chart.joinedLines = 1
    for index, colour in enumerate((ACCENT, SECOND)):
        chart.lines[index].strokeColor = colour
        chart.lines[index].strokeWidth = 1.8
        chart.lines[index].symbol = makeMarker("FilledCircle", size=4, fillColor=colour)
    drawing.add(chart)
    if series_names:
        drawing.add(_legend(series_names, CONTENT_WIDTH - 100, height - 30))
    return drawing


def _legend(names: Sequence[str], x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = REGULAR
    legend.fontSize = 8
    legend.alignment = "right"
    legend.deltay = 12
    legend.dx = legend.dy = 7
    legend.columnMaximum = 4
    legend.colorNamePairs = list(zip((ACCENT, SECOND), names, strict=False))
    return legend
