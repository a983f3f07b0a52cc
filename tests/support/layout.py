"""Layout checks run in the browser: what a projector screen would cut off or show overlapping, and screenshots
of it to look at."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

# Cells of a table that end right of its box or of the window: what a narrow screen cuts off (or hides behind a
# scrollbar nobody scrolls on a projector).
CUT_CELLS = """(table) => {
  const right = Math.min(table.getBoundingClientRect().right, window.innerWidth) + 1;
  return [...table.querySelectorAll('th, td')].filter(c => c.getBoundingClientRect().right > right)
    .map(c => c.textContent.trim());
}"""
# Every text a plotly chart draws (title, tick labels, bar labels, notes): any that leaves the chart, which the
# chart clips, and any two that cover each other.
CHART_TEXT_PROBLEMS = """(chart) => {
  const frame = chart.querySelector('.main-svg').getBoundingClientRect();
  const boxes = [...chart.querySelectorAll('.main-svg text')].filter(t => !t.closest('.hoverlayer'))
    .map(t => ({text: t.textContent.trim(), r: t.getBoundingClientRect()})).filter(b => b.text && b.r.width > 0);
  const problems = boxes.filter(b => b.r.left < frame.left - 1 || b.r.right > frame.right + 1
    || b.r.top < frame.top - 1 || b.r.bottom > frame.bottom + 1).map(b => `cut: ${b.text}`);
  const apart = (a, b) => a.right <= b.left + 2 || b.right <= a.left + 2 || a.bottom <= b.top + 2
    || b.bottom <= a.top + 2;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (!apart(a.r, b.r)) problems.push(`overlap: ${a.text} / ${b.text}`);
  }));
  return problems;
}"""

# A st.dataframe draws its cells on a canvas; when its columns are wider than its box the grid scrolls sideways and
# the last columns are out of sight.
GRID_SCROLLS_SIDEWAYS = """(grid) => {
  const scroller = grid.querySelector('.dvn-scroller');
  return scroller.scrollWidth > scroller.clientWidth + 1;
}"""


def cut_cells(page) -> list[str]:
    return [cell for table in page.locator("[data-testid='stTable']").all() for cell in table.evaluate(CUT_CELLS)]


def chart_text_problems(chart) -> list[str]:
    return chart.evaluate(CHART_TEXT_PROBLEMS)


def grid_scrolls_sideways(grid) -> bool:
    return grid.evaluate(GRID_SCROLLS_SIDEWAYS)


def artifact(name: str) -> Path:
    """Where a screenshot for reviewing the layout goes (tests/artifacts, not versioned)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def screenshot_at(page, element, path) -> None:
    """A screenshot of the window with ``element`` scrolled to its top (a full-page screenshot shows only the first
    screen: Streamlit scrolls its main area itself)."""
    element.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)
    page.screenshot(path=str(path))
