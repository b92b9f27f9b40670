"""axe-core, from node_modules, run inside the page by Playwright."""

from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA is the union of these tags (axe tags each rule with the version that added it).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's best practices add what WCAG leaves to judgement and this site holds to anyway:
# headings in order, one h1, one main landmark, all content inside landmarks, a skip link
# that works.
BEST_PRACTICE = ["best-practice"]


@cache
def axe_source():
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `npm ci --ignore-scripts` (make test does).")
    return AXE.read_text(encoding="utf-8")


def run_axe(page, tags=WCAG_22_AA + BEST_PRACTICE):
    """Violations of the given rule tags on the page as it is now, as axe reports them, and
    the colour-contrast checks axe could not decide ("needs review"), which count as
    violations here: a contrast nobody can vouch for is not sufficient contrast.

    The script goes in through the DevTools protocol (page.evaluate), which the page's
    Content Security Policy does not govern, so the page is tested with its real CSP."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;undefined")
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations", "incomplete"],
            });
            const undecided = results.incomplete.filter(r => r.id === "color-contrast");
            return results.violations.concat(undecided).map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        tags,
    )


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary']}")
    return "\n".join(lines)
