"""The HTML report in a real browser: Debian's chromium, driven by playwright.

The browser is the system's (``apt-get install chromium`` as root); playwright never
downloads one here. Without either, the test skips and says how to install them.
"""

from __future__ import annotations

import io
import json

import pytest

from _browser import ARGS, CHROMIUM, INSTALL
from creative_city.cli import main
from creative_city.programme import TargetKind, almaty

HOW = INSTALL

sync_api = pytest.importorskip("playwright.sync_api", reason=f"playwright is missing: {HOW}")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=f"no chromium browser found: {HOW}")

# One measured value (illustrative), so the page also draws a measurement mark.
MEASURED = json.dumps(
    {"measurements": [{"target": "venture-fund", "on": "2024-12-31", "value": "3000000000"}]}
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "briefing.html"
    code = main(
        [
            "report",
            "--as-of",
            "2026-12-03",
            "--format",
            "html",
            "-o",
            str(path),
            "--observations",
            "-",
        ],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdin=io.StringIO(MEASURED),
    )
    assert code == 0
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser, report, media="screen"):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.emulate_media(media=media)
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    return page, problems, requests


@pytest.mark.parametrize("media", ["screen", "print"])
def test_every_chart_renders_with_a_readable_title_and_no_error(browser, report, media):
    page, problems, requests = open_page(browser, report, media)
    try:
        charts = page.locator("svg.chart")
        kpis = [t for t in almaty().targets if t.kind is TargetKind.KPI]
        assert charts.count() == len(kpis) + 1  # each KPI's path, and the visitor series
        for index in range(charts.count()):
            chart = charts.nth(index)
            box = chart.bounding_box()
            assert box is not None
            assert box["width"] > 100
            assert box["height"] > 100
            heading = chart.locator("text.chart-title")
            assert heading.is_visible()
            words = heading.text_content().strip()
            assert len(words) > 10
            title_box = heading.bounding_box()
            assert title_box["width"] > 50  # drawn, not collapsed
            # The accessible name and description resolve to the <title> and <desc>.
            labels = chart.get_attribute("aria-labelledby").split()
            named = [page.locator(f"[id='{label}']").text_content() for label in labels]
            assert named[0] == words
            assert len(named[1]) > 20
            # The data table beside it has a row per mark.
            figure = page.locator("figure.chart-figure").nth(index)
            assert figure.locator("table.chart-data tbody tr").count() >= 1
            assert figure.locator("table.chart-data caption").text_content().endswith(words)
        assert problems == []
        assert all(url.startswith("file:") for url in requests)  # no network
    finally:
        page.close()


def test_the_measurement_and_the_revision_are_drawn(browser, report):
    page, problems, _ = open_page(browser, report)
    try:
        fund = page.locator("figure#chart-venture-fund svg.chart")
        assert fund.locator("line.path-in-force").count() == 1
        assert fund.locator("line.path-announced").count() == 1
        marks = [t.text_content() for t in fund.locator("circle title, rect title").all()]
        assert any(m.startswith("measurement: 3,000,000,000 KZT") for m in marks)
        assert any(m.startswith("target revised: 10 bn KZT") for m in marks)
        assert problems == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def russian(tmp_path_factory):
    pytest.importorskip("babel", reason="the Russian report needs Babel: pip install -e '.[test]'")
    path = tmp_path_factory.mktemp("report") / "briefing-ru.html"
    args = ["report", "--lang", "ru", "--as-of", "2026-12-01", "--format", "html"]
    code = main(
        [*args, "-o", str(path), "--observations", "-"],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdin=io.StringIO(MEASURED),
    )
    assert code == 0
    return path


def test_the_russian_page_says_it_is_russian_and_keeps_every_word_inside_its_chart(
    browser, russian
):
    page, problems, requests = open_page(browser, russian)
    try:
        assert page.evaluate("document.documentElement.lang") == "ru"
        charts = page.locator("svg.chart")
        assert charts.count() == len([t for t in almaty().targets if t.kind is TargetKind.KPI]) + 1
        for index in range(charts.count()):
            chart = charts.nth(index)
            box = chart.bounding_box()
            for text in chart.locator("text").all():
                words = text.bounding_box()
                assert words["x"] >= box["x"] - 1, text.text_content()
                assert words["x"] + words["width"] <= box["x"] + box["width"] + 1, (
                    text.text_content()
                )
        assert problems == []
        assert all(url.startswith("file:") for url in requests)
    finally:
        page.close()
