"""The Streamlit application: entry point, the one module of shared widgets and caching, and the upload path."""
