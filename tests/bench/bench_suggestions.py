"""Benchmark: "is this a known problem?" on a big store, against the naive way.

    python -m tests.bench.bench_suggestions --db PATH   (seeds 1,000,000 tickets when
    missing)

- Accuracy: each incident linked to an open problem is filed again in its own words
  (title and description, as its LDC wrote them); the right problem should be among
  the first three suggested in at least 80% of cases. Measured with the whole text,
  and with the words alone (the error reference the MDM/R gave taken out), which
  cannot tell apart two open problems that the seed logged with the same story.
- Latency: the suggestions for one report (an LDC user's scope: the open problems
  and the LDC's open incidents), and for staff the similar incidents of every LDC,
  as medians; against the naive way (read every open problem and incident into
  pandas and score each by words in common, in Python). Budget: 300 ms.
A benchmark, not a timed test (DESIGN section 8).
"""

import random
import re
import resource
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from dashboard.problems import problem_suggestions
from dashboard.problems.problem_matching import words
from tests.bench.bench_desk import actor
from tests.bench.common import arguments, bench_store, median_ms

BUDGET_MS = 300
ACCURACY_TARGET = 0.8
CASES = 300
_CODE = re.compile(r" The MDM/R answered with error [A-Z0-9]+-\d+\.")


def cases(engine: sa.Engine, *, count: int) -> list[dict[str, Any]]:
    """Incidents linked to a problem still open, with that problem's key."""
    sql = """
        SELECT i.title, i.description, i.category, p.ticket_key AS problem_key,
               o.short_name AS ldc
        FROM problem_links l
        JOIN tickets i ON i.id = l.incident_id
        JOIN tickets p ON p.id = l.problem_id
        JOIN organizations o ON o.id = i.org_id
        WHERE p.status NOT IN ('Resolved', 'Closed')
    """
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.text(sql)).mappings()]
    random.Random(7).shuffle(rows)
    return rows[:count]


def accuracy(engine: sa.Engine, found: list[dict[str, Any]], *, whole: bool) -> float:
    """The share of cases whose problem is among the first three suggested."""
    reporter = actor(engine, "sme.agent1")
    now = datetime.now(UTC)
    hits = 0
    for case in found:
        description = (
            case["description"] if whole else _CODE.sub("", case["description"])
        )
        suggested = problem_suggestions.for_report(
            engine,
            reporter,
            title=case["title"],
            description=description,
            category=case["category"],
            now=now,
        )
        hits += case["problem_key"] in [p.key for p in suggested.problems[:3]]
    return hits / len(found)


def naive(engine: sa.Engine, text: str) -> list[str]:
    """Every open problem read into pandas and scored by shared words in Python."""
    with engine.connect() as conn:
        frame = pd.read_sql(
            sa.text(
                "SELECT ticket_key, title, public_summary, workaround FROM tickets "
                "WHERE kind = 'problem' AND status NOT IN ('Resolved', 'Closed')"
            ),
            conn,
        )
    query = set(words(text))
    scores = [
        (len(query & set(words(f"{r.title} {r.public_summary} {r.workaround}"))), r)
        for r in frame.itertuples()
    ]
    scores.sort(key=lambda pair: pair[0], reverse=True)
    return [str(r.ticket_key) for _s, r in scores[:5]]


def main() -> None:
    """Measure and print."""
    args = arguments(__doc__ or "", runs=20)
    engine = bench_store(args.db, tickets=args.tickets)
    found = cases(engine, count=CASES)
    whole = accuracy(engine, found, whole=True)
    alone = accuracy(engine, found, whole=False)
    print(f"cases: {len(found)} incidents linked to open problems")
    print(f"right problem in the first three, whole text: {whole:.1%}")
    print(f"right problem in the first three, words alone: {alone:.1%}")
    now = datetime.now(UTC)
    sample = found[0]
    text = f"{sample['title']} {sample['description']}"
    ldc = _ldc_user(engine, sample["ldc"])
    problem_suggestions.forget()
    cold = median_ms(lambda: _report(engine, ldc, case=sample, now=now), 1)
    warm = median_ms(lambda: _report(engine, ldc, case=sample, now=now), args.runs)
    key = _recent_incident(engine)
    staff = actor(engine, "sme.agent1")
    wave = median_ms(
        lambda: problem_suggestions.like_incident(
            engine, staff, ticket_key=key, now=now
        ),
        args.runs,
    )
    slow = median_ms(lambda: naive(engine, text), max(3, args.runs // 5))
    print(
        f"report suggestions (LDC user), first after a problem changed: {cold:.1f} ms"
    )
    print(f"report suggestions (LDC user), median: {warm:.1f} ms")
    print(f"similar incidents of every LDC (staff), median: {wave:.1f} ms")
    print(f"naive (pandas, words in common): {slow:.1f} ms ({slow / warm:.0f}x)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    ok = whole >= ACCURACY_TARGET and max(warm, wave) <= BUDGET_MS
    print("within the targets" if ok else "OUTSIDE the targets")


def _report(
    engine: sa.Engine, reporter: Any, *, case: dict[str, Any], now: datetime
) -> object:
    return problem_suggestions.for_report(
        engine,
        reporter,
        title=case["title"],
        description=case["description"],
        category=case["category"],
        now=now,
    )


def _ldc_user(engine: sa.Engine, ldc: str) -> Any:
    sql = """
        SELECT u.username FROM users u JOIN organizations o ON o.id = u.org_id
        WHERE o.short_name = :ldc AND u.role = 'ldc_user' AND u.active
        ORDER BY u.id LIMIT 1
    """
    with engine.connect() as conn:
        username = conn.scalar(sa.text(sql), {"ldc": ldc})
    return actor(engine, str(username))


def _recent_incident(engine: sa.Engine) -> str:
    sql = """
        SELECT ticket_key FROM tickets WHERE kind = 'incident' AND NOT is_mdmr_wide
        ORDER BY created_at DESC LIMIT 1
    """
    with engine.connect() as conn:
        return str(conn.scalar(sa.text(sql)))


if __name__ == "__main__":
    main()
