from datetime import UTC, datetime

from dashboard.kernel.rules.change_words import since_seen, what_changed

AT = datetime(2026, 3, 2, 16, tzinfo=UTC)


def event(change: str, kind: str, **values: object) -> dict[str, object]:
    return {
        "change_id": change,
        "event_type": kind,
        "field": None,
        "old_value": None,
        "new_value": None,
        "is_internal": False,
        "actor_name": "Julia Hughes",
        "occurred_at": AT,
    } | values


HISTORY = [
    event("a", "created", new_value="New"),
    event("b", "field_changed", field="assignee", new_value="Sme Agent1"),
    event("b", "status_changed", old_value="New", new_value="Assigned"),
    event("c", "comment"),
    event("d", "field_changed", field="severity", old_value="2", new_value="3"),
    event("d", "notification_queued", is_internal=True),
]


def test_only_the_changes_after_the_version_seen_are_told() -> None:
    told = since_seen(HISTORY, seen=2, current=3)
    assert [[e["event_type"] for e in c] for c in told] == [["field_changed"]]


def test_comments_made_since_the_version_seen_are_told_with_the_changes() -> None:
    told = since_seen(HISTORY, seen=1, current=3)
    assert [c[0]["change_id"] for c in told] == ["b", "c", "d"]


def test_the_refusal_reads_as_words_a_person_says() -> None:
    message = what_changed("INC-012001", since_seen(HISTORY, seen=1, current=3))
    assert "by Julia Hughes at 2026-03-02 11:00 EST (assigned to Sme Agent1, " in (
        message
    )
    assert "status changed to Assigned" in message
    assert "(commented)" in message
    assert "(severity 2 → 3) after you opened it" in message


def test_a_long_text_is_said_to_be_rewritten_not_quoted() -> None:
    long = event("e", "field_changed", field="workaround", new_value="x" * 500)
    assert "(workaround rewritten)" in what_changed("PRB-000045", [[long]])


def test_many_changes_name_the_newest_three() -> None:
    many = [[event(str(i), "status_changed", new_value=f"S{i}")] for i in range(5)]
    message = what_changed("SR-000678", many)
    assert "S1" not in message and "S4" in message
    assert "after 2 earlier changes" in message
