"""The one exception of the GitHub door: a message written for the workflow log, never a traceback."""

from __future__ import annotations

from site_builder.errors import DevexError


class GitHubError(DevexError):
    """GitHub refused, failed or was unreachable; the message says what was being done and what to do."""
