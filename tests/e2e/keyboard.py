"""Moving through a page with the keyboard only, as a keyboard user does."""

from playwright.sync_api import Page

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return '';
  return [e.tagName, e.getAttribute('aria-label') || '',
          e.getAttribute('data-testid') || '',
          (e.textContent || '').trim().slice(0, 80)].join('|');
}"""


def focused(page: Page) -> str:
    """What has the focus: tag, label, test id and text, joined by '|'."""
    return str(page.evaluate(FOCUSED))


def tab_to(page: Page, wanted: str, *, back: bool = False, limit: int = 120) -> str:
    """Press Tab (or Shift+Tab) until the focused element's description holds
    `wanted`; fails after `limit` presses."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if wanted in now:
            return now
        path.append(now)
    raise AssertionError(
        f"{wanted!r} was not reached with the keyboard; passed: {path[:25]}"
    )
