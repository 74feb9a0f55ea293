"""What every public page's browser test checks, in one place: axe-core finds no WCAG 2.2 AA
violation, the Content-Security-Policy refuses nothing, and a screenshot is kept in
test-artifacts/ for a person to look at."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                               "wcag22aa", "best-practice"]}}  # fmt: skip


class PageChecker:
    """One browser tab at one width; `refused` collects the policy's console reports."""

    def __init__(self, page, width: int):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page, self.width, self.axe, self.refused = page, width, Axe(), []
        page.on("console", self._console)
        page.set_viewport_size({"width": width, "height": 800})

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)

    def visit(self, url: str, name: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.check(name)

    def check(self, name: str) -> None:
        self.page.screenshot(path=ARTIFACTS / f"{name}-{self.width}.png", full_page=True)
        results = self.axe.run(self.page, options=WCAG)
        assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"
