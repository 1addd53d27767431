"""The dashboard: our own HTML/JS/CSS (``static/``) plus third-party assets served
from installed Python packages (never a CDN). :func:`mount` adds both to an app."""

from __future__ import annotations

from .assets import VENDOR, mount, vendor_dir

__all__ = ["mount", "VENDOR", "vendor_dir"]
