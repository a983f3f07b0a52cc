"""A ``Chart`` as a native PowerPoint chart the office can restyle and edit (its data sit in the chart's sheet).

Bars run top to bottom in the deck's order: PowerPoint draws bar categories bottom-up, so the category axis is
reversed (the chart's sheet keeps the deck's order) and the value axis crosses at the last category, staying at
the bottom. Every point is labelled with exactly the deck's text (``Series.labels``), not PowerPoint's own format.

Reference lines: on a line chart a reference is one more series, constant and dashed, so it moves with the axis
when the chart is edited. PowerPoint and LibreOffice cannot mix a vertical line into horizontal bars natively,
so on a bar chart the line is drawn over the chart: the plot area gets a fixed place (manual inner layout) and
a fixed axis, which puts the line exactly on its value, and chart, line and label are grouped so they move and
scale together.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_MARK
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from dashboard.exports import textfit
from dashboard.exports.pptx_draw import DARK, FONT, GRID, SMALL_PT, Box, add_text, rgb, style
from dashboard.exports.slidetext import LOCALE, NUMBER_FORMATS, number, reference_text
from dashboard.slides.model import PCT, RUPIAH, Chart

AXIS_PT = 16
LINE_LABEL_MIN_PT = 14
REFERENCE_ROW = 0.4     # inches above the plot per reference label
_RUPIAH_SCALES = ((1e12, ",,,,", "T"), (1e9, ",,,", "M"), (1e6, ",,", "jt"), (1e3, ",", "rb"))


@dataclass(frozen=True)
class Axis:
    minimum: float
    maximum: float
    step: float

    def fraction(self, value: float) -> float:
        return (value - self.minimum) / (self.maximum - self.minimum)


def nice_step(span: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about five ticks over ``span``."""
    raw = max(span, 1e-9) / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw * 0.999)


def axis_for(chart: Chart) -> Axis:
    """Round ends that hold every value and reference; ``value_max`` fixes the end (100% for a percentage)."""
    values = [v for s in chart.series for v in map(number, s.values) if v is not None]
    values += [r.value for r in chart.references]
    low, top = min(values, default=0.0), max(values, default=0.0)
    minimum = 0.0 if low >= 0 else low
    if chart.value_max is not None:
        step = nice_step(chart.value_max - minimum)
        maximum = float(chart.value_max)
    else:
        step = nice_step((top - minimum) or 1.0)
        maximum = math.ceil(top * 1.02 / step) * step if top > 0 else step
    if minimum < 0:
        minimum = math.floor(minimum / step) * step
    return Axis(minimum, maximum, step)


def axis_format(unit: str, axis: Axis) -> str:
    """The value axis's number format; rupiah ticks are scaled to the axis end (``Rp 2,5 M``) by Excel's trailing
    commas, with a decimal only when a tick needs one."""
    return LOCALE + _axis_format(unit, axis)


def _axis_format(unit: str, axis: Axis) -> str:
    whole = float(axis.step).is_integer()
    if unit == PCT:
        return '0"%"' if whole else '0.0"%"'
    if unit == RUPIAH:
        for scale, commas, suffix in _RUPIAH_SCALES:
            if axis.maximum >= scale:
                digits = "#,##0" if float(axis.step / scale).is_integer() else "#,##0.0"
                return f'"Rp "{digits}{commas}" {suffix}"'
        return '"Rp "#,##0'
    return "#,##0" if whole else "#,##0.0"


def add_chart(shapes, chart: Chart, box: Box) -> None:
    """A bar or line chart filling ``box``."""
    if chart.kind == "bar":
        _bar(shapes, chart, box)
    else:
        _line(shapes, chart, box)


# ---- bars ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BarLayout:
    plot: Box                # the inner plot area, relative to the chart's box
    pt: float                # category and value labels
    rows: list[int]          # the label row of each reference (0 = top)


def _bar_layout(chart: Chart, box: Box, axis: Axis) -> BarLayout:
    """The plot area inside ``box`` and the type size, from the labels it must hold.

    Categories get at least 10 pt and at most 18 pt, whatever fits their slot: more than about 14 bars should be
    split by the agenda, as long tables are. Reference labels share a row above the plot where they do not meet."""
    legend = 0.5 if len(chart.series) > 1 else 0.0
    bottom = 0.5 + (0.45 if chart.value_title else 0.0)
    worst = box.height - 0.15 - legend - REFERENCE_ROW * len(chart.references) - bottom
    pt = max(10.0, min(float(SMALL_PT), round(0.7 * worst * 72 / max(len(chart.categories), 1))))
    left = max((textfit.width_in(c, pt) for c in chart.categories), default=1.0) + 0.3
    left = min(left, 0.4 * box.width)
    labels = [label for s in chart.series for label in s.labels]
    right = max((textfit.width_in(label, pt, bold=True) for label in labels), default=0.5) + 0.35
    rows = _reference_rows(chart, axis, left, box.width - left - right)
    top = 0.15 + legend + REFERENCE_ROW * (max(rows, default=-1) + 1)
    return BarLayout(Box(left, top, box.width - left - right, box.height - top - bottom), pt, rows)


def _reference_rows(chart: Chart, axis: Axis, left: float, width: float) -> list[int]:
    """A label row per reference, left to right: a label goes on the first row where it clears the one before."""
    ends: list[float] = []
    rows = [0] * len(chart.references)
    for index in sorted(range(len(chart.references)), key=lambda i: chart.references[i].value):
        reference = chart.references[index]
        half = (textfit.width_in(reference_text(reference, chart.unit), SMALL_PT, bold=True) + 0.2) / 2
        x = left + axis.fraction(reference.value) * width
        row = next((r for r, end in enumerate(ends) if x - half >= end + 0.1), len(ends))
        ends[row:row + 1] = [x + half]
        rows[index] = row
    return rows


def _bar(shapes, chart: Chart, box: Box) -> None:
    axis = axis_for(chart)
    layout = _bar_layout(chart, box, axis)
    target = shapes.add_group_shape().shapes if chart.references else shapes
    frame = target.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box.emu(), _data(chart))
    graph = frame.chart
    _common(graph, chart, layout.pt, legend=len(chart.series) > 1)
    graph.category_axis.reverse_order = True
    # the value axis crosses at the last category, which the reversal puts at the bottom
    graph.value_axis._element.find(qn("c:crosses")).set("val", "max")
    _value_axis(graph, chart, axis)
    plot = graph.plots[0]
    plot.gap_width = 40
    plot.overlap = 0
    plot.vary_by_categories = False
    for series, drawn in zip(chart.series, plot.series, strict=True):
        drawn.invert_if_negative = False
        drawn.format.fill.solid()
        drawn.format.fill.fore_color.rgb = rgb(series.colour)
    _labels(graph, chart, XL_LABEL_POSITION.OUTSIDE_END, layout.pt)
    _manual_layout(graph, layout.plot, box)
    for reference, row in zip(chart.references, layout.rows, strict=True):
        _reference_line(target, chart, reference, row, axis, layout, box)


def _manual_layout(graph, plot: Box, box: Box) -> None:
    """Pin the inner plot area (without tick labels) to ``plot``, as fractions of the chart."""
    area = graph._chartSpace.chart.plotArea
    layout = area.find(qn("c:layout"))
    if layout is None:
        layout = etree.SubElement(area, qn("c:layout"))
        area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    values = (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
              ("x", plot.left / box.width), ("y", plot.top / box.height),
              ("w", plot.width / box.width), ("h", plot.height / box.height))
    for name, value in values:
        etree.SubElement(manual, qn(f"c:{name}")).set("val", value if isinstance(value, str) else f"{value:.4f}")


def _reference_line(shapes, chart: Chart, reference, row: int, axis: Axis, layout: BarLayout, box: Box) -> None:
    """A dashed vertical line at the reference's value over the whole plot, its label in its row above the plot."""
    fraction = axis.fraction(reference.value)
    if not 0 <= fraction <= 1:
        return
    plot = layout.plot
    x = box.left + plot.left + fraction * plot.width
    label_top = box.top + plot.top - REFERENCE_ROW * (max(layout.rows) + 1 - row)
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(x), Inches(label_top + REFERENCE_ROW - 0.04),
                                Inches(x), Inches(box.top + plot.bottom))
    line.line.color.rgb = rgb(DARK)
    line.line.width = Pt(2.5)
    line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    text = reference_text(reference, chart.unit)
    width = textfit.width_in(text, SMALL_PT, bold=True) + 0.2
    left = min(max(x - width / 2, box.left), box.right - width)
    add_text(shapes, Box(left, label_top, width, REFERENCE_ROW), text, SMALL_PT, bold=True, align=PP_ALIGN.CENTER)


# ---- lines ---------------------------------------------------------------------------------------------------

def _line(shapes, chart: Chart, box: Box) -> None:
    frame = shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *box.emu(), _data(chart, references=True))
    graph = frame.chart
    _common(graph, chart, SMALL_PT, legend=len(chart.series) + len(chart.references) > 1)
    _value_axis(graph, chart, axis_for(chart))
    drawn = graph.plots[0].series
    for series, line in zip(chart.series, drawn, strict=False):
        line.smooth = False
        line.format.line.color.rgb = rgb(series.colour)
        line.format.line.width = Pt(3.5)
        line.marker.style = XL_MARKER_STYLE.CIRCLE
        line.marker.size = 9
        line.marker.format.fill.solid()
        line.marker.format.fill.fore_color.rgb = rgb(series.colour)
        line.marker.format.line.color.rgb = rgb(series.colour)
    for reference, line in zip(chart.references, list(drawn)[len(chart.series):], strict=True):
        line.smooth = False
        line.format.line.color.rgb = rgb(DARK)
        line.format.line.width = Pt(2.5)
        line.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        line.marker.style = XL_MARKER_STYLE.NONE
        # on the first point, clear of the series' own labels, which a rakor puts on the latest month
        _label(line.points[0], reference_text(reference, chart.unit), XL_LABEL_POSITION.ABOVE, SMALL_PT)
    _labels(graph, chart, XL_LABEL_POSITION.ABOVE, _line_label_pt(chart))


def _line_label_pt(chart: Chart) -> float:
    """18 pt for a few labels (the latest month); a label on every month of a year steps down so they part."""
    most = max((sum(1 for label in series.labels if label) for series in chart.series), default=0)
    return SMALL_PT if most <= 6 else LINE_LABEL_MIN_PT


# ---- shared --------------------------------------------------------------------------------------------------

class _TextWriter(CategoryWorkbookWriter):
    """python-pptx's writer of a chart's embedded workbook with XlsxWriter's ``strings_to_formulas`` off: a
    category (a wilayah or program name from the data) beginning with ``=`` is stored as text, never a formula,
    as in every other spreadsheet the dashboard writes (``exports.cells``)."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        from xlsxwriter import Workbook

        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False})
        yield workbook, workbook.add_worksheet()
        workbook.close()


class _TextChartData(CategoryChartData):
    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextWriter(self)


def _data(chart: Chart, references: bool = False) -> CategoryChartData:
    """The chart's sheet: the deck's numbers in the deck's order, stored with the unit's display format."""
    data = _TextChartData(number_format=NUMBER_FORMATS.get(chart.unit, "General"))
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, [number(v) for v in series.values])
    if references:
        for reference in chart.references:
            data.add_series(reference.label, [reference.value] * len(chart.categories))
    return data


def _common(graph, chart: Chart, pt: float, legend: bool) -> None:
    graph.has_title = False
    graph.font.name = FONT
    graph.font.size = Pt(pt)
    graph.font.color.rgb = rgb(DARK)
    graph.has_legend = legend
    if legend:
        graph.legend.position = XL_LEGEND_POSITION.TOP
        graph.legend.include_in_layout = False
        graph.legend.font.size = Pt(SMALL_PT)
    categories = graph.category_axis
    categories.has_major_gridlines = False
    categories.major_tick_mark = XL_TICK_MARK.NONE
    categories.tick_labels.font.size = Pt(pt)
    categories.format.line.color.rgb = rgb(DARK)
    if chart.kind == "bar":
        _name_every_category(categories._element)


def _name_every_category(axis) -> None:
    """Every kecamatan named, even where PowerPoint thinks the labels are crowded (``tickLblSkip`` 1, placed
    where the schema wants it: before ``tickMarkSkip``/``noMultiLvlLbl``)."""
    skip = axis.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = axis.makeelement(qn("c:tickLblSkip"), {})
        later = [axis.find(qn(f"c:{name}")) for name in ("tickMarkSkip", "noMultiLvlLbl", "extLst")]
        following = next((element for element in later if element is not None), None)
        if following is None:
            axis.append(skip)
        else:
            following.addprevious(skip)
    skip.set("val", "1")


def _value_axis(graph, chart: Chart, axis: Axis) -> None:
    values = graph.value_axis
    values.minimum_scale = axis.minimum
    values.maximum_scale = axis.maximum
    values.major_unit = axis.step
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(GRID)
    values.major_tick_mark = XL_TICK_MARK.NONE
    values.tick_labels.number_format = axis_format(chart.unit, axis)
    values.tick_labels.number_format_is_linked = False
    values.tick_labels.font.size = Pt(AXIS_PT)
    values.format.line.fill.background()
    if chart.value_title:
        values.has_title = True
        text_frame = values.axis_title.text_frame
        text_frame.text = chart.value_title
        style(text_frame.paragraphs[0].runs[0], SMALL_PT)


def _labels(graph, chart: Chart, position, pt: float) -> None:
    """Each point carries the deck's own label text; a missing value or an empty label gets none. On a line chart
    where several series label the same month, the highest label goes above its point and the lowest below."""
    for s_index, (series, drawn) in enumerate(zip(chart.series, graph.plots[0].series, strict=False)):
        for index, (value, label) in enumerate(zip(series.values, series.labels, strict=True)):
            if number(value) is not None and label:
                where = _line_position(chart, s_index, index) if chart.kind == "line" else position
                _label(drawn.points[index], label, where, pt)


def _line_position(chart: Chart, s_index: int, index: int):
    labelled = [(number(s.values[index]), i) for i, s in enumerate(chart.series)
                if number(s.values[index]) is not None and s.labels[index]]
    if len(labelled) < 2:
        return XL_LABEL_POSITION.ABOVE
    ranked = [i for _, i in sorted(labelled)]
    if s_index == ranked[-1]:
        return XL_LABEL_POSITION.ABOVE
    return XL_LABEL_POSITION.BELOW if s_index == ranked[0] else XL_LABEL_POSITION.RIGHT


def _label(point, text: str, position, pt: float) -> None:
    label = point.data_label
    label.position = position
    text_frame = label.text_frame
    text_frame.text = text
    text_frame.word_wrap = False   # LibreOffice otherwise breaks "Pagu: Rp 2,5 M" over three lines
    style(text_frame.paragraphs[0].runs[0], pt, bold=True)
