"""User text in the charts: plotly draws tags and entities, so names come escaped."""

from datetime import UTC, date, datetime

import pandas as pd

from dashboard.analytics import figures

LINK = "<a href='http://evil.example'>Alpha</a> & <b>co</b>"
SHOWN = (
    "&lt;a href='http://evil.example'&gt;Alpha&lt;/a&gt; &amp; &lt;b&gt;co&lt;/b&gt;"
)


def test_an_ldc_name_shows_as_text_on_the_heatmap_and_in_its_hover() -> None:
    frame = pd.DataFrame(
        {
            "row_key": ["7"],
            "row": [LINK],
            "period": [date(2026, 3, 1)],
            "met": [1],
            "decided": [2],
            "compliance": [0.5],
        }
    )
    heat, cells = figures.compliance_heatmap(frame, target=0.95, grain="month").data
    assert list(heat.y) == [SHOWN]
    assert list(cells.y) == [SHOWN]
    assert cells.hovertext[0].startswith(SHOWN)


def test_a_release_name_shows_as_text_on_the_weekly_chart_and_the_bars() -> None:
    weeks = pd.DataFrame({"week": [date(2026, 3, 2)], "n": [3]})
    releases = pd.DataFrame(
        {"name": [LINK], "deployed_at": [datetime(2026, 3, 9, 8, 0, tzinfo=UTC)]}
    )
    weekly = figures.incidents_with_releases(weeks, releases)
    assert [a.text for a in weekly.layout.annotations] == [SHOWN]
    impact = pd.DataFrame({"name": [LINK], "before": [3], "after": [1]})
    bars = figures.release_impact_bars(impact, days=14)
    assert [list(bar.x) for bar in bars.data] == [[SHOWN], [SHOWN]]
