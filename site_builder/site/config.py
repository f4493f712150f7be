"""The `devex` plugin's options in mkdocs.yml, typed so MkDocs checks them before any build starts."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class DevexConfig(Config):
    root = c.Optional(c.Type(str))
    """The marketplace repository (holding opportunities/), relative to mkdocs.yml; default: its folder."""
    page_size = c.Type(int, default=50)
    """Opportunities per page of every listing (home, archive, department, skill)."""
