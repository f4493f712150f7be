"""The awarded supplier's answer to the offer: which of their comments accepts or declines it, if any.

Pure: comments in, one comment and its verdict out. The rules, each one a way a buyer (or anyone) could
otherwise put words in the supplier's mouth or read an answer the supplier did not give:

- only comments (and replies) by the awarded supplier count, logins compared without case;
- only comments created after the automation's announcement of this contract (strictly later), so nothing
  written before the offer existed, the bids above all, is ever read as an answer;
- the first such comment that is an answer decides; a later one never replaces it;
- a comment is an answer when its text, read in English and French without case or accents, says accept or
  decline and not both. Text the reader does not see or that is not the supplier's own words is left out
  first: HTML comments (`<!-- ... -->`), and quoted lines (`> ...`, for example the announcement quoted back).
  A sentence that asks (holds a `?`), sets a condition or hedges (`if`, `unless`, `maybe`, `yet`, `si`,
  `peut-être`, `pas encore` ...) or negates its accept or decline word ("I cannot accept", "je n'accepte
  pas", "I do not decline") makes the whole comment no answer: such words are never guessed at;
- a comment edited since it was written counts by its text as GitHub shows it now, read by the same rules:
  its creation time says whether it came after the announcement, and GitHub keeps every earlier version
  behind the edit mark, reachable from the link recorded. Once an answer is in award.yaml it is never read
  again, so a later edit changes nothing on record.

Anything else (a question, a thank-you, a comment both accepting and declining) is not an answer and is
simply passed over: the announcement says how to answer, and the supplier can write again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime

from site_builder.github_sync.discussions import Comment

ACCEPTED, DECLINED = "accepted", "declined"

# the words, each matched whole: accept, accepted, acceptance, accepte(e)(s), accepter, acceptons ...
_ACCEPT = re.compile(r"accept(?:s|ed|ing|ance|e|ee|ees|es|er|ons|ent|erai)?")
_DECLINE = re.compile(r"(?:declin|refus)(?:e|es|ed|ing|al|ee|er|ons)?|withdraw(?:s|n|ing)?|desist(?:e|er|ons)")
# phrases that decline without a decline word, matched on whole words ("can't" reads "can not")
_DECLINE_PHRASES = (
    "no longer",
    "can not take on",
    "can not take this",
    "unable to take on",
    "unable to take this",
    "ne peux plus prendre",
    "ne suis plus disponible",
)
_NEGATIONS = frozenset(
    ["not", "never", "ne", "pas", "jamais", "unable", "longer"]
)  # before the word, at most _WINDOW words
_AFTER_NEGATIONS = frozenset(["pas", "jamais"])  # after it, as in "je n'accepte pas" (and "plus" with "ne")
_HEDGES = frozenset(["if", "whether", "unless", "maybe", "perhaps", "probably", "yet", "before", "si", "avant"])
_HEDGE_PHRASES = ("peut etre", "pas encore")
_WINDOW = 4

_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_SENTENCE = re.compile(r"[^.!?;:\n]+[.!?;:\n]*")
_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b|\bcannot\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(qu|[nljdmst])'"), r"\1e "),  # French elision: n' -> ne, j' -> je, qu' -> que
)


def normalised(text: str) -> str:
    """What the answer rules read: the visible, unquoted text, without case or accents, elisions spelled out."""
    text = _HTML_COMMENT.sub(" ", text or "")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    text = text.casefold().translate(_APOSTROPHES)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def verdict(text: str) -> str | None:
    """`accepted`, `declined`, or None when the text is not an unambiguous answer (see the module's rules)."""
    said: set[str] = set()
    for sentence in _SENTENCE.finditer(normalised(text)):
        found, hedged = _sentence(sentence.group())
        if found and hedged:
            return None
        said |= found
    return said.pop() if len(said) == 1 else None


def _sentence(sentence: str) -> tuple[set[str], bool]:
    """The answers a sentence gives, and whether it asks, hedges or negates one (then it decides nothing)."""
    words = re.findall(r"[a-z0-9]+", sentence)
    joined = f" {' '.join(words)} "
    hedged = "?" in sentence or bool(_HEDGES & set(words)) or any(f" {p} " in joined for p in _HEDGE_PHRASES)
    after_negations = _AFTER_NEGATIONS | ({"plus"} if "ne" in words else set())
    found = {DECLINED} if any(f" {phrase} " in joined for phrase in _DECLINE_PHRASES) else set()
    for index, word in enumerate(words):
        accepts = bool(_ACCEPT.fullmatch(word))
        if accepts or _DECLINE.fullmatch(word):
            found.add(ACCEPTED if accepts else DECLINED)
            before, after = set(words[max(0, index - _WINDOW) : index]), set(words[index + 1 : index + 3])
            # "I cannot accept", "je n'accepte pas", "I do not decline": read as no answer rather than guessed
            hedged = hedged or bool(before & _NEGATIONS) or bool(after & after_negations)
    return found, hedged


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def first_answer(comments: Iterable[Comment], supplier: str, announced: str) -> tuple[Comment, str] | None:
    """The supplier's first comment created after `announced` (the announcement's `createdAt`) that is an
    answer, with its verdict; None while there is none."""
    after = _at(announced)
    mine = [c for c in comments if c.author.lower() == supplier.lower() and _at(c.created) > after]
    for comment in sorted(mine, key=lambda c: (_at(c.created), c.id)):
        found = verdict(comment.body)
        if found:
            return comment, found
    return None
