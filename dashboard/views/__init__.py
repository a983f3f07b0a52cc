"""One module per page: its loader (SQL through the ``run`` callable), figures and display tables; no Streamlit.

The pages, the presentation mode and the exports all draw from these functions, so they cannot disagree.
"""
