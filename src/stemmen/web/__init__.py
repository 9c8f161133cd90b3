"""The web face: a Starlette app over the project API (``create_app``)."""

from stemmen.web.app import create_app
from stemmen.web.settings import WebSettings, is_loopback

__all__ = ["WebSettings", "create_app", "is_loopback"]
