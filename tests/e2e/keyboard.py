"""Moving through a page with the keyboard only, as a keyboard user does."""

from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return '';
  return [e.tagName, e.getAttribute('aria-label') || '',
          e.getAttribute('data-testid') || '',
          (e.textContent || '').trim().slice(0, 80)].join('|');
}"""
# More Tab presses than any page of the desk has stops before its last field.
MOST_TABS = 120


def settle(page: Page) -> None:
    """Wait until the page's run has ended and nothing stale stands on it."""
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0)


def focused(page: Page) -> str:
    """What has the focus: tag, label, test id and text, joined by '|'."""
    return str(page.evaluate(FOCUSED))


def tab_to(page: Page, wanted: str, *, back: bool = False) -> str:
    """Press Tab (or Shift+Tab) until the focused element's description holds
    `wanted`; return that description."""
    _press_until(page, lambda: wanted in focused(page), back=back, what=repr(wanted))
    return focused(page)


def tab_onto(page: Page, target: Locator) -> None:
    """Press Tab until the target element has the focus."""
    settle(page)

    def reached() -> bool:
        return bool(target.evaluate("e => e === document.activeElement"))

    if not reached():
        _press_until(page, reached, back=False, what=str(target))


def choose(page: Page, target: Locator, *, option: str) -> None:
    """Tab to a select box, type the start of an option, and take it with Enter."""
    tab_onto(page, target)
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    settle(page)


def _press_until(
    page: Page, reached: Callable[[], bool], *, back: bool, what: str
) -> None:
    passed = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if reached():
            return
        passed.append(focused(page))
    raise AssertionError(
        f"{what} was not reached with the keyboard; passed: {passed[:25]}"
    )
