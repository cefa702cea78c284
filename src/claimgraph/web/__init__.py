"""The web UI and HTTP API over the store (``claimgraph serve``): FastAPI, Jinja2 templates, inline SVG."""

from claimgraph.web.app import create_app

__all__ = ["create_app"]
