"""Ranking what looks like the same thing by its words: Okapi BM25 over stemmed words.

Words are lower-cased, English stop words dropped and the rest stemmed ("delayed"
and "delays" meet at "delay"). Identifiers that only one ticket carries (SDP numbers,
request IDs) are dropped: they would match nothing else. Error references such as
BQ-1589 are kept whole, since a problem and its incidents share them.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from rank_bm25 import BM25Okapi

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


class _LuceneBM25(BM25Okapi):  # type: ignore[misc]
    """Okapi BM25 with Lucene's inverse document frequency, which stays positive:
    Okapi's own is zero for a word in half the documents, so that in a scope of two
    the one matching document would score nothing."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        n = self.corpus_size
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in nd.items()}


@dataclass(frozen=True)
class Candidate:
    """Something that may be suggested: its words and its category."""

    key: str
    words: tuple[str, ...]
    category: str


class Ranking:
    """The candidates of one scope, indexed once for many queries."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self.candidates = list(candidates)
        # BM25Okapi divides by the corpus size; an empty scope ranks nothing.
        self._bm25 = _LuceneBM25([list(c.words) for c in self.candidates] or [[""]])

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
        scores = self._bm25.get_scores(list(query))
        scored = [
            (c, float(s) * (CATEGORY_BOOST if category == c.category else 1.0))
            for c, s in zip(self.candidates, scores, strict=True)
            if s > 0 and c.key not in leave_out
        ]
        scored.sort(key=lambda pair: pair[1], reverse=True)
        if not scored:
            return []
        floor = scored[0][1] * KEEP_SHARE
        return [pair for pair in scored[:limit] if pair[1] >= floor]
