"""The one translation table for interface text. Content stays `{en, fr}` as in the YAML; only labels
of the interface (headings, buttons, status names) live here, each in both languages."""

from __future__ import annotations

LANGUAGES = ("en", "fr")

LABELS: dict[str, dict[str, str]] = {
    # --- statuses (shared by every stage)
    "status.open": {"en": "Open", "fr": "Ouverte"},
    "status.closed": {"en": "Closed", "fr": "Fermée"},
    "status.awarded": {"en": "Awarded", "fr": "Attribuée"},
    "status.completed": {"en": "Completed", "fr": "Terminée"},
    "status.cancelled": {"en": "Cancelled", "fr": "Annulée"},
    "status.unsuccessful": {"en": "Unsuccessful", "fr": "Infructueuse"},
    # --- site pages (render/)
    # --- open data and statistics (export/)
}


def t(key: str, lang: str, **values: object) -> str:
    """The label `key` in `lang`, with `{name}` placeholders filled from `values`."""
    return LABELS[key][lang].format(**values)
