"""axe-core in the page: the WCAG 2.0 A and AA rules, as Chromium renders the page."""

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa"]
# Beyond the WCAG tags: headings in order, one h1 per page (axe files them under
# best practice; WCAG 1.3.1 is what they serve).
RULES = ["heading-order", "page-has-heading-one"]


def violations(page: Page) -> list[dict[str, Any]]:
    """What axe finds against WCAG 2.0 A and AA on the page as it stands."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async ([tags, rules]) => {
          const only = (type, values) => ({runOnly: {type, values}});
          const wcag = await axe.run(document, only('tag', tags));
          const more = await axe.run(document, only('rule', rules));
          return [...wcag.violations, ...more.violations].map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
            html: v.nodes.map(n => n.html.slice(0, 160)).slice(0, 3),
          }));
        }""",
        [TAGS, RULES],
    )
    return list(found)


def report(found: list[dict[str, Any]]) -> str:
    """The violations as lines a person can act on."""
    return "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']}; at {v['targets']} {v['html']}"
        for v in found
    )
