"""Ranking by words: what counts as a word, and which candidate comes first."""

from dashboard.problems.problem_matching import Candidate, Ranking, words


def _candidate(key: str, text: str, *, category: str = "") -> Candidate:
    return Candidate(key=key, words=tuple(words(text)), category=category)


def test_words_are_stemmed_and_stop_words_dropped() -> None:
    assert words("The responses were delayed") == words("response delays")


def test_one_tickets_identifiers_are_dropped_and_error_references_kept() -> None:
    found = words("SDP 0481916048 request BQR5550922729 failed with error BQ-1589")
    assert "bq-1589" in found
    assert not any(w.isdigit() or w.startswith("bqr") for w in found)


def test_the_candidate_sharing_the_rare_words_comes_first() -> None:
    ranking = Ranking(
        [
            _candidate("A", "AS2 gateway rejects renewed partner certificates"),
            _candidate("B", "Billing quantity responses delayed at peaks"),
        ]
    )
    best = ranking.best(words("our renewed AS2 certificate is refused"))
    assert [c.key for c, _ in best] == ["A"]


def test_the_same_category_breaks_a_tie() -> None:
    ranking = Ranking(
        [
            _candidate("A", "files rejected by the relay", category="synchronization"),
            _candidate("B", "files rejected by the relay", category="file_transfer"),
        ]
    )
    best = ranking.best(words("files rejected"), category="file_transfer")
    assert best[0][0].key == "B"


def test_a_single_word_suggests_nothing() -> None:
    ranking = Ranking([_candidate("A", "AS2 gateway rejects certificates")])
    assert ranking.best(words("AS2")) == []


def test_an_empty_scope_suggests_nothing() -> None:
    assert Ranking([]).best(words("AS2 certificate refused")) == []


def test_a_candidate_left_out_is_never_suggested() -> None:
    ranking = Ranking(
        [_candidate("A", "AS2 certificate refused"), _candidate("B", "AS2 refused")]
    )
    best = ranking.best(words("AS2 certificate refused"), leave_out=frozenset({"A"}))
    assert [c.key for c, _ in best] == ["B"]
