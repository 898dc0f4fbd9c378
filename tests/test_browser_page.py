"""The browser example (examples/browser) in a real browser: Debian's chromium, playwright.

The page is assembled with ``examples/browser/build.py`` from the pinned npm package
``pyodide`` (``npm ci --prefix tests/pyodide``) and the wheels the Pyodide test builds,
served on 127.0.0.1 by ``examples/browser/serve.py`` (``http.server`` with the ``.mjs`` and
``.wasm`` types), and opened headless. No request leaves 127.0.0.1. The answers it shows
must be, byte for byte, what ``evaluate_json`` gives in this interpreter.
"""

from __future__ import annotations

import importlib.resources
import json
import shutil
import subprocess
import sys

import pytest

from _browser import ARGS, CHROMIUM
from _pyodide import HERE, ROOT, dependency_wheels, project_wheel
from creative_city.oracle import evaluate_json

HOW = (
    "install Debian's chromium as root (apt-get update && apt-get install -y chromium), "
    "the python driver (pip install -e '.[test]', which brings playwright) and the "
    "Pyodide package (npm ci --prefix tests/pyodide)"
)
PYODIDE = HERE / "node_modules" / "pyodide"
EXAMPLE = ROOT / "examples" / "browser"
READY_MS = 120_000  # booting Pyodide on a busy machine; a bound, not a measurement

sync_api = pytest.importorskip("playwright.sync_api", reason=f"playwright is missing: {HOW}")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason=f"no chromium browser found: {HOW}"),
    pytest.mark.skipif(
        not (PYODIDE / "pyodide.js").exists(), reason=f"the npm package pyodide is missing: {HOW}"
    ),
]


def _vector(name: str) -> str:
    """The request document of the conformance vector *name*, as the package has it."""
    vectors = importlib.resources.files("creative_city.conformance") / "vectors" / "v1"
    vector = json.loads((vectors / name).read_text(encoding="utf-8"))
    request = {"operation": vector["operation"], "input": vector["input"]}
    return json.dumps(request, ensure_ascii=False, indent=2)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The assembled folder, served on 127.0.0.1; yields its address."""
    folder = tmp_path_factory.mktemp("browser")
    wheels = folder / "wheels-in"
    project_wheel(wheels)
    dependency_wheels(folder / "dependencies", "3.14")
    for wheel in (folder / "dependencies").glob("*.whl"):
        shutil.copyfile(wheel, wheels / wheel.name)
    site = folder / "site"
    subprocess.run(
        [sys.executable, str(EXAMPLE / "build.py"), str(site), "--wheels", str(wheels)],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [sys.executable, str(EXAMPLE / "serve.py"), str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = server.stdout.readline().strip()
        assert address.startswith("http://127.0.0.1:"), address
        yield address
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


@pytest.fixture(scope="module")
def page(served):
    """The page, loaded and ready, with the console errors and every requested address."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            opened = browser.new_page(viewport={"width": 1200, "height": 900})
            problems, requests = [], []
            opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            opened.on("pageerror", lambda error: problems.append(str(error)))
            opened.on("request", lambda request: requests.append(request.url))
            opened.goto(served)
            opened.wait_for_selector("body[data-state=ready]", timeout=READY_MS)
            yield opened, problems, requests, served
        finally:
            browser.close()


def _answer(page, request: str) -> str:
    page.fill("#request", request)
    page.get_by_role("button", name="Answer").click()
    page.wait_for_function("document.getElementById('answer').textContent !== ''")
    return page.text_content("#answer")


def test_the_page_answers_the_example_request_as_cpython_does(page):
    opened, problems, _, _ = page
    assert "Ready: Python 3.14" in opened.text_content("#status")
    request = opened.get_by_label("Request document").input_value()
    assert json.loads(request)["operation"] == "money.allocate"
    opened.get_by_role("button", name="Answer").click()
    opened.wait_for_function("document.getElementById('answer').textContent !== ''")
    shown = opened.text_content("#answer")
    answer, ok = evaluate_json(request)
    assert ok
    assert shown.encode() == answer.encode()
    assert problems == []


@pytest.mark.parametrize(
    "vector",
    [
        "hubs/011-almaty-fold-once.json",  # the zone rules come from tzdata in the page too
        "programme/002-illustrative-progress.json",  # Cyrillic text, the report's arithmetic
    ],
)
def test_a_pasted_vector_gets_cpythons_answer(page, vector):
    opened, problems, _, _ = page
    opened.fill("#request", "")
    opened.evaluate("document.getElementById('answer').textContent = ''")
    request = _vector(vector)
    shown = _answer(opened, request)
    answer, _ = evaluate_json(request)
    assert shown.encode() == answer.encode()
    assert problems == []


def test_the_page_renders_the_programme_report(page):
    opened, problems, requests, served = page
    opened.get_by_label("As of").fill("2026-12-03")
    opened.get_by_label("Format").select_option("html")
    opened.get_by_role("button", name="Render report").click()
    heading = opened.frame_locator("iframe[title='Programme report']").locator("h1")
    assert heading.text_content(timeout=30_000) == (
        "Almaty creative city: briefing as of 2026-12-03"
    )
    assert problems == []
    assert requests
    assert all(url.startswith((served, "data:")) for url in requests), requests
