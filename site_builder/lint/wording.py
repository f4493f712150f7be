"""Every word list the linter reads, in one place and in both languages: edit here to tune the checks.

The verb lists are a heuristic, not a grammar: a criterion passes when one of its words is a known verb
form (or, in English, ends in -ed; in French, is a past participle in -é/-ée not ending in -té). The
scaffold's placeholders are defined here too: `site_builder.scaffold` imports them to write them, so the
linter needs no import of the scaffold (which imports the validator, which imports the linter).

The linter reads every criterion of every open opportunity on every validation, so the matching is done on
the words of a text, split once per text (`_words` is cached), and the vague phrases are looked up by their
first word instead of one regular expression per phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache


def _listed(text: str) -> frozenset[str]:
    """A word list written as words separated by spaces, as easy to edit as a paragraph."""
    return frozenset(text.split())


# The markers `devex new` writes where the buyer must write their own text; any field still holding one is an
# error (rule `placeholder`).
PLACEHOLDER_MARKS: dict[str, str] = {"en": "TODO:", "fr": "À FAIRE :"}

# Words that make a criterion a matter of opinion: a supplier cannot test "good" or "as needed".
VAGUE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "good",
        "great",
        "high quality",
        "high-quality",
        "quality",
        "as needed",
        "as required",
        "as appropriate",
        "appropriate",
        "adequate",
        "sufficient",
        "strong",
        "excellent",
        "user-friendly",
        "best practices",
        "etc",
        "and so on",
        "reasonable",
        "robust",
        "seamless",
    ),
    "fr": (
        "bon",
        "bonne",
        "bons",
        "bonnes",
        "qualité",
        "de qualité",
        "au besoin",
        "selon les besoins",
        "si nécessaire",
        "approprié",
        "appropriée",
        "adéquat",
        "adéquate",
        "suffisant",
        "suffisante",
        "solide",
        "excellent",
        "excellente",
        "convivial",
        "conviviale",
        "bonnes pratiques",
        "etc",
        "raisonnable",
        "robuste",
    ),
}

# Base forms of verbs buyers write in criteria; inflected forms (-s, -es, -ed, -ing) are derived.
EN_VERBS = _listed(
    """
    accept add allow announce appear apply arrive build catch change check choose clean close collect complete
    contain cover create deliver demonstrate describe detect display document explain export fail find finish fix
    follow give handle import include introduce keep know link list load make match meet merge move name open pass
    produce prove provide publish reach read refuse reject remove render reply report reproduce respond return run
    save say score send set show ship sign sort start stay stop submit support take translate update upload
    use validate verify work write contribute develop design implement maintain improve configure migrate
    integrate review deploy resolve reduce increase record refactor remain explain answer own hold
    """
)
EN_IRREGULAR = _listed(
    """
    is are was were be been being has have had do does did can could must shall should will would may might
    wrote written ran shown made gave given kept found took taken sent said says built met read set
    """
)

# French: stems of -er verbs (all forms derived), -ir verbs of the second group, and irregular forms.
FR_ER_STEMS = _listed(
    """
    accept ajout affich annonc apparaî appliqu arriv attach chang charg ferm compt contr décri détect donn
    document échou envoi envoy exécut explor export expliqu fusionn gard install introdu jug lanc livr mesur modifi
    montr nomm pass présent produi prouv publi ramen ramèn reçoi refus rejet rédig relev répar reproduis
    respect réussi sauvegard signal soumet supprim termin test touch traduis travaill trouv utilis valid vérifi
    démontr maîtris contribu particip développ cré corrig amélior automatis configur migr intègr intégr
    accompagn conserv déploi déploy résou répond réduis augment enregistr restructur
    """
)
FR_IR_STEMS = _listed("aboutiss chois fourn réuss rempl garant agiss finiss")
FR_IRREGULAR = _listed(
    """
    est sont était étaient sera seront soit soient a ont avait avaient aura auront peut peuvent pourra doit
    doivent devra fait font fera sait savent connaît connaissent écrit écrivent écrira prend prennent rend
    rendent met mettent vient viennent tient tiennent va vont dit disent lit lisent couvre couvrent ouvre
    ouvrent offre offrent réussit réussissent fournit fournissent remplit finit choisit possède possèdent
    reçoit reçoivent produit produisent traduit traduisent introduit reste restent affiche conçoit conçoivent
    résout résolvent répond répondent réduit réduisent maintient maintiennent détient
    """
)

# A description says why the work matters: fewer sentences than this get a warning.
MIN_DESCRIPTION_SENTENCES = 3
# One language shorter than this share of the other hints at a missing translation (French runs ~15% longer).
MIN_LENGTH_RATIO = 0.5
# Texts shorter than this (in characters, the longer language) are too short to compare lengths.
MIN_LENGTH_COMPARED = 80
# A text with fewer words than this may be the same in both languages (names, acronyms, versions).
MIN_WORDS_TO_TRANSLATE = 3

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-case words of `text`: letters and inner hyphens (an apostrophe ends a word, so l'export -> l, export)."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """`words`, computed once per text: each rule reads the words of the same criteria again."""
    return tuple(match.group(0).lower() for match in WORD.finditer(text))


def vague_words(text: str, lang: str) -> list[str]:
    """The vague words and phrases of `lang` found in `text`, in list order.

    A phrase is found when its words follow each other among the words of `text` (what a search for the
    phrase between spaces in the words joined by single spaces finds), looked up by its first word."""
    phrases = VAGUE_WORDS[lang]
    by_first = _phrases_by_first_word(tuple(phrases))
    found: set[str] = set()
    text_words = _words(text)
    for start, word in enumerate(text_words):
        for phrase, phrase_words in by_first.get(word, ()):
            if text_words[start : start + len(phrase_words)] == phrase_words:
                found.add(phrase)
    return [phrase for phrase in phrases if phrase in found] if found else []


@lru_cache(maxsize=8)
def _phrases_by_first_word(phrases: Sequence[str]) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Each phrase with its words, under its first word; keyed by the list itself, so an edited list (a test
    that tunes it) is read afresh."""
    table: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for phrase in phrases:
        phrase_words = tuple(phrase.split(" "))
        table.setdefault(phrase_words[0], []).append((phrase, phrase_words))
    return table


def has_verb(text: str, lang: str) -> bool:
    is_verb = _is_en_verb if lang == "en" else _is_fr_verb
    return any(is_verb(word) for word in _words(text))


@lru_cache(maxsize=8192)
def _is_en_verb(word: str) -> bool:
    if word in EN_IRREGULAR or word.endswith("ed"):
        return True
    candidates = {word}
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix):
            candidates.add(word[: -len(suffix)] + replacement)
    return bool(candidates & EN_VERBS)


@lru_cache(maxsize=8192)
def _is_fr_verb(word: str) -> bool:
    if word in FR_IRREGULAR or (re.search(r"[^t]ée?s?$", word) is not None):
        return True
    for suffix in ("er", "e", "es", "ent", "é", "ée", "és", "ées", "ant"):
        if word.endswith(suffix) and word[: -len(suffix)] in FR_ER_STEMS:
            return True
    return any(word.endswith(suffix) and word[: -len(suffix)] in FR_IR_STEMS for suffix in ("ir", "it", "is", "issent"))
