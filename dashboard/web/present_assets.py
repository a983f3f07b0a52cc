"""What presentation mode sends to the browser: its CSS and the presenter's remote (inline: nothing is fetched)."""

# Streamlit's chrome hidden, the page exactly one screen high: title, body (takes what is left), footer.
CSS = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] {
  max-width: none !important; height: 100vh; box-sizing: border-box; padding: 1.4vh 2.4vw 0.8vh !important;
}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%; gap: 0.8vh; flex-wrap: nowrap; }
/* the body takes what the title and footer leave; its figures stretch to it, its tables size type from it */
[data-testid="stLayoutWrapper"]:has(> .st-key-present_body),
[data-testid="stLayoutWrapper"]:has(> .st-key-present_tiles) { flex: 1 1 0 !important; min-height: 0; }
.st-key-present_body { flex: 1 1 0 !important; min-height: 0; container-type: size; }
.st-key-present_keys, .st-key-auth_cookie { position: absolute !important; width: 0; height: 0; overflow: hidden; }
.present-head h1 { font-size: clamp(28px, 4.8vh, 58px); line-height: 1.15; margin: 0; padding: 0; font-weight: 700; }
.present-head p { font-size: clamp(17px, 2.4vh, 26px); line-height: 1.25; margin: 0.25em 0 0; color: #333333; }
.present-source, .present-scope, .present-counter { font-size: clamp(14px, 1.9vh, 21px); line-height: 1.25;
  margin: 0; color: #333333; }
.present-counter { white-space: nowrap; font-weight: 600; color: #111111; }
.st-key-present_footer { gap: 0.3rem; }
.st-key-present_footer button { min-height: 0; padding: 0 0.5rem; font-size: clamp(16px, 2.2vh, 24px); color: #111111; }
.present-missing { font-size: clamp(22px, 3.8vh, 42px); margin: 0; padding: 1em 0; color: #111111; }
.present-missing code, .present-head code { color: #111111; background: #EEF2F7; padding: 0 0.2em; }
table.present-table { border-collapse: collapse; width: 100%; line-height: 1.25; color: #111111; }
.present-table th { text-align: left; font-weight: 700; border-bottom: 3px solid #111111; }
.present-table th, .present-table td { padding: 0.35em 0.55em; }
.present-table td { border-bottom: 1px solid #B0B0B0; }
.present-table .present-num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.present-table td.present-num { font-weight: 600; }
.present-table .present-word, .present-table .present-rag { white-space: nowrap; }
.present-table tr.present-highlight td { font-weight: 800; border-top: 3px solid #111111;
  border-bottom: 3px solid #111111; }
.st-key-present_tiles { display: grid !important; grid-auto-rows: minmax(0, 1fr); gap: 1.2vh 1.2vw; height: 100%; }
.st-key-present_tiles > [data-testid="stLayoutWrapper"] { min-height: 0; height: 100%; }
.st-key-present_tiles > [data-testid="stLayoutWrapper"] > [data-testid="stVerticalBlock"] { height: 100%; }
.st-key-present_tiles [data-testid="stVerticalBlock"][class*="st-key-present_tile_"] { padding: 1.4vh 1vw;
  gap: 0.6vh; }
.st-key-present_tiles [data-testid="stMetricValue"] { font-size: clamp(48px, min(7.6vh, 4.7vw), 100px);
  line-height: 1.1; }
.st-key-present_tiles [data-testid="stMetricLabel"] p { font-size: clamp(20px, 2.7vh, 30px); font-weight: 600;
  line-height: 1.2; }
.st-key-present_tiles [data-testid="stMetricDelta"] { font-size: clamp(18px, 2.5vh, 28px); }
.st-key-present_tiles [data-testid="stCaptionContainer"] { font-size: clamp(16px, 2vh, 22px); color: #333333;
  line-height: 1.25; opacity: 1; }
.st-key-present_tiles .stMarkdownEllipsis, .st-key-present_tiles .stMarkdownEllipsis p {
  white-space: normal; overflow: visible; text-overflow: clip; }
.st-key-present_tiles div:has(> [data-testid="stMetricDelta"]) { flex-wrap: wrap; row-gap: 0.2em; }
</style>"""

# The presenter's remote and the window's size. A component running in the page itself (no iframe): it hears the
# keys without a click into the page first and sends each as a step to Python, and it reports the window's size,
# which Python cannot otherwise know, so the charts' text grows with the screen. Removed with the slide.
REMOTE_JS = """
export default function(component) {
  const { setStateValue, setTriggerValue } = component;
  const NEXT = ["PageDown", "ArrowRight", " ", "Spacebar"], PREVIOUS = ["PageUp", "ArrowLeft"];
  function press(event) {
    const step = NEXT.includes(event.key) ? 1 : PREVIOUS.includes(event.key) ? -1 : 0;
    if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    setTriggerValue("step", step);
  }
  let pending = null;
  const report = () => setStateValue("screen", [window.innerWidth, window.innerHeight]);
  const resized = () => { clearTimeout(pending); pending = setTimeout(report, 250); };
  document.addEventListener("keydown", press, true);
  window.addEventListener("resize", resized);
  report();
  return () => {
    document.removeEventListener("keydown", press, true);
    window.removeEventListener("resize", resized);
    clearTimeout(pending);
  };
}
"""
