"""Browser checks of presentation mode: what a projector would cut off, scroll, shrink or wash out on a slide."""

from __future__ import annotations

# Elements past the window's edge, or out of the slide body into the footer; containers that scroll; the page's
# own scroll size. Hidden elements, the (zero-size) remote and plotly's invisible drag handles are left out.
FIT = """() => {
  const W = window.innerWidth, H = window.innerHeight, problems = [];
  const name = e => `${e.tagName.toLowerCase()}.${String(e.className.baseVal ?? e.className).split(' ')[0]} `
    + `"${(e.textContent || '').trim().slice(0, 40)}"`;
  const shown = e => { const s = getComputedStyle(e); return s.display !== 'none' && s.visibility !== 'hidden'; };
  const body = document.querySelector('.st-key-present_body');
  const box = body && body.getBoundingClientRect();
  for (const e of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (e.closest('.st-key-present_keys, .draglayer, .hoverlayer') || !shown(e)) continue;
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) problems.push(`past the window: ${name(e)}`);
    else if (box && body.contains(e) && (r.bottom > box.bottom + 1 || r.right > box.right + 1))
      problems.push(`out of the slide body: ${name(e)}`);
  }
  for (const e of document.querySelectorAll('*')) {
    const s = getComputedStyle(e);
    if (/(auto|scroll)/.test(s.overflowX + s.overflowY)
        && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)) {
      problems.push(`scrolls: ${name(e)} ${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}`);
    }
  }
  const page = document.scrollingElement;
  if (page.scrollHeight > H || page.scrollWidth > W) {
    problems.push(`page scrolls: ${page.scrollWidth}x${page.scrollHeight}`);
  }
  return problems;
}"""

# Rendered sizes: every text a chart draws (not hover labels), the tiles' headline numbers, the tables' cells.
SIZES = """() => {
  const px = e => parseFloat(getComputedStyle(e).fontSize);
  return {
    chart: [...document.querySelectorAll('.js-plotly-plot .main-svg text')]
      .filter(t => !t.closest('.hoverlayer') && t.textContent.trim()).map(px),
    headline: [...document.querySelectorAll('[data-testid="stMetricValue"]')].map(px),
    table: [...document.querySelectorAll('table.present-table td, table.present-table th')].map(px),
  };
}"""

# HTML text whose colour holds less than 4.5:1 against what it is drawn on (the nearest opaque background,
# translucent ones blended over white; the text faded by its own and its parents' opacity, as Streamlit fades
# captions), as the projector shows it. A disabled button is exempt (WCAG 1.4.3).
CONTRAST = """() => {
  const rgba = text => (text.match(/[\\d.]+/g) || []).map(Number).concat([1]).slice(0, 4);
  const lum = ([r, g, b]) => [r, g, b].map(c => c / 255).map(c => c <= 0.04045 ? c / 12.92
    : ((c + 0.055) / 1.055) ** 2.4).reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const background = e => {
    const layers = [];
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  };
  const problems = [];
  for (const e of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (e.closest('svg') || e.closest('.st-key-present_keys') || e.closest('button:disabled')) continue;
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const s = getComputedStyle(e);
    if (!own || s.display === 'none' || s.visibility === 'hidden' || !e.getBoundingClientRect().width) continue;
    let ink = rgba(s.color);
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) ink[3] *= Number(getComputedStyle(n).opacity);
    const bg = background(e);
    const [a, b] = [lum(over(ink, bg)), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) problems.push(`${e.textContent.trim().slice(0, 30)}: ${ratio.toFixed(2)} (${s.color} on ${bg})`);
  }
  return problems;
}"""


def fit_problems(page) -> list[str]:
    return page.evaluate(FIT)


def sizes(page) -> dict[str, list[float]]:
    return page.evaluate(SIZES)


def contrast_problems(page) -> list[str]:
    return page.evaluate(CONTRAST)


def on_slide(page, number: int, total: int) -> None:
    """Wait until slide ``number`` of ``total`` is drawn and settled (no element of the previous run left, charts
    drawn)."""
    page.wait_for_function("([n, total]) => (document.querySelector('.present-counter') || {}).textContent"
                           "?.endsWith(`· ${n} / ${total}`)", arg=[number, total])
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
    page.wait_for_function("() => { const b = document.querySelector('.st-key-present_body');"
                           "  return b && (b.querySelector('.js-plotly-plot .main-svg text, table, "
                           "  [data-testid=stMetricValue], .present-missing')); }")
    page.wait_for_timeout(400)  # plotly's second layout pass (automargin)
