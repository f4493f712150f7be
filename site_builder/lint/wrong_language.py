"""Error: a text in the wrong language, such as an English title in `title.fr` or an English sentence in the
French description.

The `untranslated` rule catches an exact copy; this one catches a text written (or left) in the other language.
Which language a text is in is decided by lingua (lingua-language-detector, compiled, its English and French
models only), never by word lists of ours. A detector can be wrong on short texts, names and code, so the rule
only speaks when it is sure: a sentence of at least MIN_WORDS words, and the other language at least
CONFIDENCE likely. It reads the texts suppliers read first (title, teaser, description, criteria) of open
opportunities: the others are frozen, and their texts were read when they were posted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from site_builder.lint.texts import field_name, normalized, position_in
from site_builder.model import ERROR, Opportunity, Problem, Settings, format_path

RULE = "wrong-language"
SEVERITY = ERROR
FIX = "write this text in the field's language (the other language has its own field)"
FIELDS = ("title", "teaser", "description", "acceptance_criteria", "evaluation_criteria")
MIN_WORDS = 5
CONFIDENCE = 0.9
NAMES = {"en": "English", "fr": "French"}
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_CODE = re.compile(r"`[^`]*`|https?://\S+|\[[^\]]*\]\([^)]*\)|<[^>]*>|\{[^}]*\}")
_WORD = re.compile(r"\w{3,}")


@cache
def detector(exact: bool = False) -> LanguageDetector:
    """English and French only, built once per process each. The quick one is lingua's low accuracy mode
    (trigrams: its models load in a few milliseconds) and screens every sentence; the exact one (every n-gram,
    half a second to load) confirms what the quick one flags, since the quick one is sure of itself on short
    titles that mix the languages ("Corriger le focus du Date Picker": 0.996 English, 0.648 exactly). A valid
    marketplace never loads the exact models."""
    builder = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH)
    return (builder if exact else builder.with_low_accuracy_mode()).build()


def check(opp: Opportunity, settings: Settings) -> Iterator[Problem]:
    if opp.status != "open":
        return
    candidates = list(_sentences(opp))
    if not candidates:
        return
    scores = detector().compute_language_confidence_values_in_parallel([prose for *_, prose in candidates])
    reported: set[tuple] = set()
    for (path, lang, text, offset, sentence, prose), values in zip(candidates, scores, strict=True):
        other = "fr" if lang == "en" else "en"
        quick = next(v.value for v in values if v.language == _LANGUAGES[other])
        if path in reported or quick < CONFIDENCE:
            continue
        if detector(exact=True).compute_language_confidence(prose, _LANGUAGES[other]) < CONFIDENCE:
            continue
        reported.add(path)
        message = f'{field_name(path)} holds {NAMES[other]} text, not {NAMES[lang]}: "{sentence[:80]}"'
        line, col = position_in(opp.document, path, text, offset)
        yield Problem(opp.document.file, line, col, message, format_path(path), RULE, SEVERITY, FIX)


_LANGUAGES = {"en": Language.ENGLISH, "fr": Language.FRENCH}


def _sentences(opp: Opportunity) -> Iterator[tuple[tuple, str, str, int, str, str]]:
    """(path, language, the field's text, the sentence's offset in it, the sentence as written, its prose) for
    every sentence long enough to judge."""
    for name in FIELDS:
        value = opp.data.get(name)
        if not isinstance(value, dict):
            continue
        for lang in ("en", "fr"):
            texts = value.get(lang)
            items = [(None, texts)] if isinstance(texts, str) else list(enumerate(texts or []))
            others = value.get("fr" if lang == "en" else "en")
            for index, text in items:
                path = (name, lang) if index is None else (name, lang, index)
                twin = (
                    others
                    if index is None
                    else (others[index] if isinstance(others, list) and index < len(others) else None)
                )
                if isinstance(twin, str) and normalized(twin) == normalized(text):
                    continue  # a copy of the other language: `untranslated` says so, once
                for offset, sentence, prose in _prose(text, lang):
                    yield path, lang, text, offset, sentence, prose


def _prose(text: str, lang: str) -> Iterator[tuple[int, str, str]]:
    """Each sentence of `text` with at least MIN_WORDS different words (three letters or more, letters only)
    once code, addresses, links and markup are left out, but those plainly in `lang` (the detector would only
    agree: a cheap pass over most). Fewer words, names and symbols are not prose the detector can judge."""
    at = 0
    for sentence in _SENTENCES.split(text):
        offset = text.find(sentence, at)
        at = offset + len(sentence)
        prose = _CODE.sub(" ", sentence)
        words = {word.casefold() for word in _WORD.findall(prose) if word.isalpha()}
        if len(words) >= MIN_WORDS and not _plainly_in(prose, lang):
            yield offset, " ".join(sentence.split()), prose


_ACCENTS = re.compile(r"[éèêëàâçùûüîïôœ]", re.IGNORECASE)
_ENGLISH_ONLY = re.compile(r"\b(?:the|and|with|which|should)\b", re.IGNORECASE)


def _plainly_in(prose: str, lang: str) -> bool:
    """Letters and words no sentence of the other language holds: two French accented letters for French; for
    English, no accent and one of a few words French never uses. Only ever skips asking the detector about a
    sentence it would find in its own field's language; never decides that a sentence is in the wrong one."""
    if lang == "fr":
        return len(_ACCENTS.findall(prose)) >= 2
    return _ACCENTS.search(prose) is None and _ENGLISH_ONLY.search(prose) is not None
