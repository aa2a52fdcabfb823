"""Presentation-grade, in Debian's chromium: every page at 1280×720 and 1920×1080, in normal and presenter mode. A
slide (the chart, its finding and its sources) fits the screen, no visible text is a machine name, every chart's
legend gives each entry its own colour, the Regions page draws real region shapes, and axe-core finds no serious or
critical accessibility violation. A presenter steps from chart to chart by button, arrow key and link; a chart's
link and embed code show that chart alone. On every presenter's slide at 1280×720, in each language, no text of the
chart runs into another or out of the chart. Each visit leaves screenshots in test-artefacts/presentation/."""
from __future__ import annotations

import html
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from dashboard.i18n import LANGUAGES
from tests.support import CHART_PATHS, HEADINGS, Visit, drawn_text
from tests.test_browser import real_names
from tests.test_labels import machine_names, warehouse_slugs

pytestmark = pytest.mark.browser

SIZES = ((1280, 720), (1920, 1080))
MODES = {"normal": "", "presenter": "present=1"}
SERIOUS = ("serious", "critical")
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
             "resultTypes": ["violations"]}
# Violations that come from Streamlit's own widgets, by axe rule and the element's selector, each with the upstream
# issue (docs/accessibility.md). Our own content has none: the two that axe found in Streamlit's default styling
# (small print at 3.9:1, a segmented control's chosen option at 4.5:1) are darkened by app.py's stylesheet.
STREAMLIT_OWN: set[tuple[str, str]] = set()
# The Data page's dictionary of tables and columns for analysts: the one place machine names belong.
DICTIONARY = ".st-key-definitions"
VISIBLE_TEXT = """dictionary => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, element = node.parentElement;
        if (!element || !node.textContent.trim()) continue;
        // Material icons are ligatures: their names draw the icon, and are hidden from screen readers
        if (element.closest('style, script, [data-testid="stIconMaterial"], ' + dictionary)) continue;
        if (!element.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        texts.push(node.textContent.trim());
    }
    return texts;
}"""
# Each chart's legend entries and what each is drawn with: its symbol's fill and stroke, a pattern by its own fills.
LEGENDS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot =>
    Array.from(plot.querySelectorAll('g.legend g.traces')).map(entry => {
        const paint = value => {
            const pattern = /url\\("?#([^")]+)"?\\)/.exec(value || '');
            if (!pattern) return value || '';
            const fills = Array.from(document.getElementById(pattern[1])?.querySelectorAll('*') || [])
                .map(e => (e.getAttribute('fill') || e.style.fill || '') + '/' + (e.style.stroke || e.getAttribute('stroke') || ''));
            return 'pattern(' + fills.join(' ') + ')';
        };
        const symbols = Array.from(entry.querySelectorAll('.legendpoints path, .legendlines path, .legendfill path'));
        return {name: entry.querySelector('.legendtext')?.textContent,
                paint: symbols.map(p => paint(p.style.fill) + '|' + paint(p.style.stroke)).join(' ')};
    }))"""
# The regions a map draws as shapes: a choropleth's features, or filled outlines named by their region code.
REGION_SHAPES = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => {
    const traces = plot.data || [];
    const features = traces.filter(t => String(t.type).startsWith('choropleth'))
        .map(t => (t.geojson && t.geojson.features || []).length);
    const outlines = new Set(traces.filter(t => t.fill === 'toself' && /^KZ-/.test(t.meta)).map(t => t.meta));
    return Math.max(outlines.size, ...features);
})"""


# Every text plotly draws in a chart (ticks, titles, legend, notes, numbers on bars), but hover labels: the pairs
# that run into each other by more than a pixel each way, and those reaching out of the chart's box or cut off by a
# clip path (a number above a point at the plot's top edge, a legend's hidden rows). Two boxes, each upright in its
# own text's frame (a rotated tick label's too), meet when each meets the other's box seen in its frame (the
# separating axis test for two rectangles).
TEXT_COLLISIONS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => {
    const frame = plot.getBoundingClientRect();
    const texts = Array.from(plot.querySelectorAll('svg text'))
        .filter(t => t.textContent.trim() && !t.closest('.hoverlayer')
                     && t.checkVisibility({visibilityProperty: true, opacityProperty: true}))
        .map(t => ({element: t, box: t.getBBox(), text: t.textContent.trim()}))
        .filter(t => t.box.width > 0 && t.box.height > 0);
    // a box {x, y, width, height} in the frame `into` maps it to, as the smallest upright box around its corners
    const mapped = (into, {x, y, width, height}) => {
        const corners = [[x, y], [x + width, y], [x, y + height], [x + width, y + height]]
            .map(([cx, cy]) => [into.a * cx + into.c * cy + into.e, into.b * cx + into.d * cy + into.f]);
        const xs = corners.map(c => c[0]), ys = corners.map(c => c[1]);
        return {left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys)};
    };
    const meets = (a, b) => {
        const other = mapped(a.element.getScreenCTM().inverse().multiply(b.element.getScreenCTM()), b.box);
        return Math.min(a.box.x + a.box.width, other.right) - Math.max(a.box.x, other.left) > 1
            && Math.min(a.box.y + a.box.height, other.bottom) - Math.max(a.box.y, other.top) > 1;
    };
    const within = (r, edges) => r.left >= edges.left - 1 && r.right <= edges.right + 1 && r.top >= edges.top - 1
                                 && r.bottom <= edges.bottom + 1;
    const unclipped = t => {
        const holder = t.element.closest('[clip-path]');
        const id = holder && /url\\("?#([^")]+)"?\\)/.exec(holder.getAttribute('clip-path'));
        const rect = id && document.getElementById(id[1])?.querySelector('rect');
        if (!rect) return true;
        const number = name => parseFloat(rect.getAttribute(name)) || 0;
        return within(t.element.getBoundingClientRect(), mapped(holder.getScreenCTM(),
            {x: number('x'), y: number('y'), width: number('width'), height: number('height')}));
    };
    const overlapping = [];
    texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
        if (meets(a, b) && meets(b, a)) overlapping.push(a.text + ' / ' + b.text);
    }));
    const outside = texts.filter(t => !within(t.element.getBoundingClientRect(), frame) || !unclipped(t)).map(t => t.text);
    return {overlapping, outside};
})"""
# Every chart page, and a person's profile: where a presenter's slides are.
SLIDE_PATHS = (*CHART_PATHS, "people?person=yerbol-yeskhozhin")
SLIDE_PARTS = (".st-key-chart_slide h3", ".st-key-chart_slide [data-testid='stPlotlyChart']",
               ".st-key-chart_slide [data-testid='stCaptionContainer']")


@pytest.fixture(scope="module")
def slugs(real_warehouse):
    return warehouse_slugs(real_warehouse)


@pytest.fixture(scope="module")
def tabs(browser):
    """One browser context for the module: its pages share the cache of Streamlit's scripts."""
    context = browser.new_context()
    yield context
    context.close()


def settled(visit: Visit, charted: bool) -> None:
    """Wait for the page's run to end and, on a page with charts, for plotly to have drawn one."""
    visit.page.locator("[data-testid='stMain'] h1, .st-key-chart_slide h3").first.wait_for(state="attached",
                                                                                           timeout=30_000)
    visit.page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"], [data-stale=\"true\"]')",
                                 timeout=30_000)
    if charted:
        visit.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    visit.page.wait_for_timeout(800)


def box(visit: Visit, selector: str) -> dict:
    return visit.page.locator(selector).first.bounding_box()


def inside(outer: tuple[int, int], inner: dict) -> bool:
    return inner["x"] >= 0 and inner["y"] >= 0 and inner["x"] + inner["width"] <= outer[0] + 0.5 \
        and inner["y"] + inner["height"] <= outer[1] + 0.5


def serious_violations(visit: Visit) -> list[str]:
    """axe-core's serious and critical findings, but those of STREAMLIT_OWN. A page caught between two runs of its
    script (elements drawn faded, its stylesheet not yet re-sent) is asked again once it has settled."""
    for attempt in range(2):
        results = Axe().run(visit.page, options=AXE_RULES).response
        found = [f"{v['id']} ({v['impact']}): {node['target'][-1]} — {node['html'][:100]}: {node['failureSummary'][:300]}"
                 for v in results["violations"] if v["impact"] in SERIOUS
                 for node in v["nodes"] if (v["id"], node["target"][-1]) not in STREAMLIT_OWN]
        if not found or attempt:
            return found
        visit.page.wait_for_timeout(2000)
        settled(visit, charted=False)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", list(HEADINGS), ids=[p or "overview" for p in HEADINGS])
def test_every_page_is_presentable_at_both_sizes(tabs, dashboard_url, slugs, path, mode):
    charted = path in CHART_PATHS
    visit = Visit(tabs, f"{dashboard_url}/{path}?{MODES[mode]}", viewport=SIZES[0])
    settled(visit, charted)
    violations = serious_violations(visit)
    for size in SIZES:
        if size != SIZES[0]:
            visit.page.set_viewport_size({"width": size[0], "height": size[1]})
            visit.page.wait_for_timeout(1000)  # plotly redraws at the new size
        visit.screenshot(f"presentation/{path or 'overview'}-{mode}-{size[0]}x{size[1]}")
        shown = machine_names(visit.page.evaluate(VISIBLE_TEXT, DICTIONARY), slugs)
        assert shown == [], f"machine names on /{path} at {size}: {shown}"
        for legend in visit.page.evaluate(LEGENDS):
            paints = [entry["paint"] for entry in legend]
            assert len(set(paints)) == len(paints), f"two legend entries share a colour on /{path}: {legend}"
        if charted and mode == "presenter":
            assert_slide_fits(visit, size, f"/{path}")
        if path == "regions":
            assert max(visit.page.evaluate(REGION_SHAPES), default=0) >= 14, "no map of the regions' shapes"
    assert violations == [], "\n".join(violations)
    assert visit.outside_hosts() == set() and visit.console_errors == []
    visit.close()


def assert_slide_fits(visit: Visit, size: tuple[int, int], where: str) -> None:
    """The slide's finding, chart and small print on the screen, one under another, nothing to scroll; and on a
    1280×720 screen no text of the chart running into another or out of it."""
    parts = sorted(visit.page.locator(", ".join(SLIDE_PARTS)).evaluate_all(
        "parts => parts.map(p => { const r = p.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height, text: p.innerText.slice(0, 40)}; })"),
        key=lambda part: part["y"])
    assert len(parts) >= len(SLIDE_PARTS), f"the slide of {where} lacks a part: {parts}"
    for part in parts:
        assert inside(size, part), f"{part} of {where} leaves the {size} screen"
    for upper, lower in zip(parts, parts[1:]):
        assert upper["y"] + upper["height"] <= lower["y"] + 1, f"{upper} runs into {lower} on {where}"
    assert visit.page.evaluate("() => { const main = document.querySelector('[data-testid=\"stMain\"]');"
                               " return main.scrollHeight <= main.clientHeight + 1; }"), f"the slide of {where} scrolls"
    if size == SIZES[0]:
        for collisions in visit.page.evaluate(TEXT_COLLISIONS):
            assert collisions["overlapping"] == [], f"texts run into each other on {where}: {collisions['overlapping']}"
            assert collisions["outside"] == [], f"texts leave the chart on {where}: {collisions['outside']}"


def slide_step(bar_text: str) -> tuple[int, int]:
    """'Chart 2 of 3' (in any language): the step and the number of slides."""
    step, total = map(int, re.findall(r"\d+", bar_text)[-2:])
    return step, total


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SLIDE_PATHS, ids=[p.split("?")[0] or "overview" for p in SLIDE_PATHS])
def test_every_slide_fits_1280x720_with_no_text_running_into_another(tabs, dashboard_url, path, language):
    """Each of the page's slides, stepped through by arrow key, in each language (Russian and Kazakh run longer)."""
    joined = "&" if "?" in path else "?"
    visit = Visit(tabs, f"{dashboard_url}/{path}{joined}present=1&lang={language}", viewport=SIZES[0])
    settled(visit, charted=True)
    first, total = slide_step(visit.page.locator(".st-key-presenter_bar").inner_text())
    assert first == 1
    for step in range(1, total + 1):
        if step > 1:
            shown = visit.page.url
            visit.page.keyboard.press("ArrowRight")
            visit.page.wait_for_url(lambda url: url != shown)
            settled(visit, charted=True)
            assert slide_step(visit.page.locator(".st-key-presenter_bar").inner_text()) == (step, total)
        visit.screenshot(f"presentation/slides/{path.split('?')[0] or 'overview'}-{step}-{language}")
        assert_slide_fits(visit, SIZES[0], f"/{path} slide {step} in {language}")
    visit.close()


def slide_heading(visit: Visit) -> str:
    visit.page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    visit.page.wait_for_timeout(500)
    return visit.page.locator(".st-key-chart_slide h3").inner_text()


def test_a_presenter_steps_through_the_charts_by_button_arrow_key_and_link(tabs, dashboard_url):
    visit = Visit(tabs, f"{dashboard_url}/articles?present=1")
    settled(visit, charted=True)
    first = slide_heading(visit)
    assert "Chart 1 of 3" in visit.page.locator(".st-key-presenter_bar").inner_text()
    assert visit.page.get_by_role("button", name="Previous").is_disabled()
    visit.page.get_by_role("button", name="Next").first.click()
    visit.page.wait_for_url(re.compile(r"chart=articles_timing_chart"))
    second = slide_heading(visit)
    visit.page.keyboard.press("ArrowRight")
    visit.page.wait_for_url(re.compile(r"chart=articles_pairs_chart"))
    third = slide_heading(visit)
    assert len({first, second, third}) == 3 and visit.chart_count() == 1
    assert visit.page.get_by_role("button", name="Next").first.is_disabled()
    visit.page.keyboard.press("ArrowLeft")
    visit.page.wait_for_url(re.compile(r"chart=articles_timing_chart"))
    assert slide_heading(visit) == second
    assert visit.page.locator("[data-testid='stMain'] h1").is_hidden()
    visit.page.get_by_text("Controls").click()  # the page's title and options, one click away
    visit.page.locator("[data-testid='stMain'] h1").wait_for()
    assert slide_heading(visit) == second
    link = visit.page.url
    visit.close()

    reopened = Visit(tabs, link)
    settled(reopened, charted=True)
    assert slide_heading(reopened) == second
    reopened.close()


def test_a_charts_link_and_embed_code_show_that_chart_alone_with_its_filters_and_sources(tabs, dashboard_url):
    visit = Visit(tabs, f"{dashboard_url}/articles?region=KZ-47")
    settled(visit, charted=True)
    visit.page.locator(".st-key-articles_chart_share button").first.click()
    codes = visit.page.locator("[data-testid='stPopoverBody'] code")
    codes.first.wait_for()
    codes = codes.all_inner_texts()
    title = drawn_text(visit.page.locator(".js-plotly-plot .gtitle").first)  # a long finding wraps
    visit.close()
    link, embed = codes
    assert link.endswith("/articles?region=KZ-47&lang=en&chart=articles_chart")  # a link keeps its language
    source = html.unescape(re.search(r'<iframe src="([^"]+)"', embed)[1])
    assert source == link.replace("?", "?embed=true&", 1)

    shared = Visit(tabs, link)
    settled(shared, charted=True)
    assert shared.chart_count() == 1 and drawn_text(shared.page.locator(".js-plotly-plot .gtitle")) == title
    assert shared.page.get_by_role("button", name="Show every chart").is_visible()
    shared.close()

    embedded = Visit(tabs, source, viewport=(1000, 620))
    settled(embedded, charted=True)
    assert embedded.chart_count() == 1
    assert embedded.page.locator(".st-key-chart_slide h3").inner_text() == title
    small_print = embedded.page.locator(".st-key-chart_slide [data-testid='stCaptionContainer']").inner_text()
    assert "Mangystau" in small_print and "Source:" in small_print
    assert embedded.page.locator("[data-testid='stSidebar']").is_hidden()
    assert inside((1000, 620), box(embedded, ".st-key-chart_slide [data-testid='stCaptionContainer']"))
    embedded.screenshot("presentation/embedded-articles")
    assert embedded.outside_hosts() == set()
    embedded.close()


def test_the_sidebars_options_are_words(tabs, dashboard_url, slugs):
    visit = Visit(tabs, f"{dashboard_url}/")
    settled(visit, charted=True)
    offered = []
    for key in ("filter_status", "filter_sentence_type", "filter_gender"):
        visit.page.locator(f".st-key-{key} input").click()
        visit.page.keyboard.press("ArrowDown")
        options = visit.page.get_by_role("option")
        options.first.wait_for()
        offered += options.all_inner_texts()
        visit.page.keyboard.press("Escape")
    visit.close()
    assert "Pre-trial detention" in offered and machine_names(offered, slugs) == []


def test_hide_names_works_the_same_in_presenter_mode(tabs, dashboard_url):
    visit = Visit(tabs, f"{dashboard_url}/people?person=yerbol-yeskhozhin&present=1&anonymise=1")
    settled(visit, charted=True)
    visit.page.wait_for_timeout(1000)
    text, wire = visit.page.content(), b"".join(visit.frames).decode("utf-8", errors="ignore")
    visit.screenshot("presentation/anonymised-profile-presenter")
    assert [name for name in real_names() if name in text or name in wire] == []
    assert visit.page.locator(".st-key-chart_slide .js-plotly-plot").count() == 1
    visit.close()
