"""The configuration a page of one language renders with: its site name and copyright, and Material's theme
settings in its language, so Material's own labels and `<html lang>` follow the page."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from site_builder.i18n import t
from site_builder.locale import marketplace_name
from site_builder.model import Settings


class ThemeIn(Mapping):
    """Material's theme settings with another `language`; everything else is read from the settings as they are."""

    def __init__(self, theme: Any, language: str) -> None:
        self._theme, self._language = theme, language

    def __getitem__(self, key: str) -> Any:
        return self._language if key == "language" else self._theme[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._theme)

    def __len__(self) -> int:
        return len(self._theme)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._theme, name)


def config_in(config: Any, lang: str, settings: Settings) -> Any:
    """A shallow copy of MkDocs' configuration for the pages of `lang`."""
    localized = copy.copy(config)
    localized["site_name"] = marketplace_name(settings, lang)
    localized["copyright"] = t("site.copyright", lang)
    localized["theme"] = ThemeIn(config.theme, lang)
    return localized
