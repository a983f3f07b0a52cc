"""Text from data (names, file names, cell values) shown as written, wherever it goes.

Streamlit's tables and dataframes show strings literally, but two places interpret them: Markdown (``st.markdown``,
``st.caption``, ``st.success``, expander labels: ``**tebal**`` turns bold, ``[x](url)`` a link) and plotly's
text, hover and axis labels (a subset of HTML: ``<b>``, ``<a href>``, ``<br>``). Data text put into either goes
through these; the presentation mode's HTML uses ``html.escape`` already.
"""

from __future__ import annotations

import html
import re

# every ASCII punctuation CommonMark lets a backslash escape that Markdown or Streamlit's directives could use
MARKDOWN_SPECIAL = r"\`*_{}[]()#+-.!|~<>$:="
_SPECIAL = re.compile("([" + re.escape(MARKDOWN_SPECIAL) + "])")


def markdown_text(text: object) -> str:
    """``**tebal**`` -> ``\\*\\*tebal\\*\\*``: shown by Markdown exactly as written."""
    return _SPECIAL.sub(r"\\\1", str(text))


def plotly_text(text: object) -> str:
    """``<b>x</b>`` -> ``&lt;b&gt;x&lt;/b&gt;``: plotly shows the entities as the characters, never as markup."""
    return html.escape(str(text), quote=False)
