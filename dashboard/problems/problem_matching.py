"""Ranking what looks like the same thing by its words: BM25 over stemmed words.

Words are lower-cased, English stop words dropped and the rest stemmed ("delayed"
and "delays" meet at "delay"). Identifiers that only one ticket carries (SDP numbers,
request IDs) are dropped: they would match nothing else. Error references such as
BQ-1589 are kept whole, since a problem and its incidents share them.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer

# A word, or an error reference (letters, a hyphen, digits) kept as one.
_WORD = re.compile(r"[a-z][a-z0-9]*-\d+|[a-z0-9]+")
_ID_LENGTH = 6  # a token this long with a digit in it identifies one thing
CATEGORY_BOOST = 1.3  # the same category as the report's counts this much more
KEEP_SHARE = 0.35  # a suggestion scores at least this share of the best one
MIN_WORDS = 2  # fewer meaningful words than this suggest nothing
_STEMMER = Stemmer.Stemmer("english")
STOP_WORDS = frozenset(
    (
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and",
        "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
        "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
        "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no",
        "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
        "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such",
        "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
        "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
        "will", "with", "you", "your", "since", "also", "get", "got", "still", "please",
    )
)  # fmt: skip


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def words(text: str) -> list[str]:
    """The text's meaningful words, stemmed, in order."""
    found = []
    for word in _WORD.findall(text.lower()):
        if word in STOP_WORDS:
            continue
        if "-" not in word and len(word) >= _ID_LENGTH and any(map(str.isdigit, word)):
            continue
        found.append(word if "-" in word else _stem(word))
    return found


@dataclass(frozen=True)
class Candidate:
    """Something that may be suggested: its words and its category."""

    key: str
    words: tuple[str, ...]
    category: str


class Ranking:
    """The candidates of one scope, indexed once for many queries (bm25s: Lucene's
    BM25, whose word weights stay positive in a scope of two)."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self.candidates = list(candidates)
        self._categories = np.array([c.category for c in self.candidates], dtype=object)
        self._keys = np.array([c.key for c in self.candidates], dtype=object)
        self._bm25 = bm25s.BM25()
        if self.candidates:
            self._bm25.index(
                [list(c.words) for c in self.candidates], show_progress=False
            )

    def best(
        self,
        query: Sequence[str],
        *,
        category: str = "",
        limit: int = 5,
        leave_out: frozenset[str] = frozenset(),
    ) -> list[tuple[Candidate, float]]:
        """The candidates most like the query, best first (none for a vague one)."""
        if len(set(query)) < MIN_WORDS or not self.candidates:
            return []
        scores = self._bm25.get_scores(list(query)).astype(np.float64)
        if category:
            scores *= np.where(self._categories == category, CATEGORY_BOOST, 1.0)
        if leave_out:
            scores[np.isin(self._keys, list(leave_out))] = 0.0
        order = np.argsort(-scores, kind="stable")[:limit]
        kept = [int(i) for i in order if scores[i] > 0]
        if not kept:
            return []
        floor = scores[kept[0]] * KEEP_SHARE
        return [
            (self.candidates[i], float(scores[i])) for i in kept if scores[i] >= floor
        ]
