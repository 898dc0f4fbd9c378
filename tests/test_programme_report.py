"""The report run today: a briefing from the published record, and its options."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from creative_city.cli import main
from creative_city.programme import almaty
from creative_city.programme.charts import svg, svg_files
from creative_city.programme.dataset import builtin_dataset
from creative_city.programme.report import briefing_for, render

SVG = "{http://www.w3.org/2000/svg}"


def run_cli(args, stdin_text=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err, stdin=io.StringIO(stdin_text))
    return code, out.getvalue(), err.getvalue()


def test_run_today_the_report_reads_as_a_briefing():
    code, text, _ = run_cli(["report", "--as-of", "2026-12-03"])
    assert code == 0
    assert text.startswith("Almaty creative city: briefing as of 2026-12-03\n")
    # What was promised and what was revised, in one line.
    assert (
        "20,000,000,000 KZT announced 2022-09-12 (Zakon.kz, 12 September 2022); revised on "
        "2022-12-17 to 10 bn KZT, of which 5 bn private (Kapital.kz, 17 December 2022)"
    ) in text
    # What the published figures say, with their sources.
    assert "534,340 visitors (Sada-e-Rus, 16 January 2025)" in text
    assert "about +15%" in text
    assert "Conflicting figures:" in text
    assert "about 3% above the forecast" in text
    assert "Context, not a measurement: Creative industries' value added in Kazakhstan" in text
    for figure in builtin_dataset().figures:
        assert figure.source.address in text
    # What is unreported, with the dataset's date, never "no data".
    assert "Still unreported (no published figure found as of 2026-02-06):" in text
    assert "no data" not in text
    assert "Summary: 11 no published figure." in text
    # The pointer to more help is one a pip user has, never a path in the repository.
    assert text.rstrip().endswith("creative-city report --help")
    assert "docs/" not in text
    assert ".md" not in text


def test_no_builtin_shows_the_bare_programme():
    code, text, _ = run_cli(["report", "--as-of", "2026-12-03", "--no-builtin"])
    assert code == 0
    assert "status as of 2026-12-03" in text
    assert "Summary: 11 no data." in text
    assert "revised" not in text
    assert "Published figures" not in text
    assert "20,000,000,000 KZT" in text


FIGURE = {
    "id": "fund-capital-2025-h1",
    "about": "City venture fund",
    "place": "Almaty",
    "measure": "venture-fund-capital",
    "universe": "announcement",
    "period": "2025-H1",
    "text": "3 bn KZT",
    "value": "3000000000",
    "unit": "KZT",
    "precision": "exact",
    "kind": "statement",
    "use": "measurement",
    "target": "venture-fund",
    "source": {
        "publisher": "An illustrative source",
        "address": "https://example.org/fund",
        "published": "2025-07-15",
    },
}


def test_your_observations_add_to_the_builtin_ones():
    document = json.dumps({"figures": [FIGURE]})
    code, text, _ = run_cli(["report", "--as-of", "2025-08-01", "--observations", "-"], document)
    assert code == 0
    assert "3 bn KZT" in text
    assert "https://example.org/fund" in text
    assert "Kapital.kz, 17 December 2022" in text  # the built-in record is still there
    bare = run_cli(
        ["report", "--as-of", "2025-08-01", "--no-builtin", "--observations", "-"], document
    )
    assert bare[0] == 2
    assert "not a declared universe" in bare[2]  # "announcement" is a built-in universe


def test_the_same_publication_day_for_the_same_fact_is_an_error():
    twice = [FIGURE, dict(FIGURE, id="fund-again", text="4 bn KZT", value="4000000000")]
    code, out, err = run_cli(
        ["report", "--as-of", "2025-08-01", "--observations", "-"], json.dumps({"figures": twice})
    )
    assert code == 2
    assert out == ""
    assert "published the same day as figure 'fund-capital-2025-h1'" in err


def test_a_later_publication_of_the_same_fact_wins():
    later = dict(
        FIGURE,
        id="fund-later",
        text="4 bn KZT",
        value="4000000000",
        source=dict(FIGURE["source"], published="2025-07-20"),
    )
    document = json.dumps({"figures": [FIGURE, later]})
    code, text, _ = run_cli(["report", "--as-of", "2025-08-01", "--observations", "-"], document)
    assert code == 0
    assert "Superseded by a later publication:" in text
    assert "3 bn KZT (An illustrative source, 15 July 2025) is superseded by 4 bn KZT" in text


def test_old_observation_files_still_work():
    old = json.dumps(
        {"measurements": [{"target": "venture-fund", "on": "2024-12-31", "value": "12000000000"}]}
    )
    briefing = briefing_for(as_of=dt.date(2025, 1, 1), observations_json=old)
    assert briefing.line("venture-fund").state == "achieved"  # 12 bn against 10 bn in force


def test_help_explains_the_observations_format_and_precedence():
    # argparse's --help prints and exits with status 0 (success).
    with pytest.raises(SystemExit, match=r"^0$"), contextlib.redirect_stdout(io.StringIO()) as out:
        main(["report", "--help"])
    text = out.getvalue()
    for word in (
        "--observations",
        "--no-builtin",
        "--charts",
        '"figures"',
        '"universe"',
        "revision | measurement | series",
        "later publication wins",
        "same publication date",
        "conflicting",
    ):
        assert word in text, word
    assert "docs/" not in text


def test_charts_are_written_as_standalone_svg_files(tmp_path):
    folder = tmp_path / "charts"
    code, _, _ = run_cli(
        ["report", "--as-of", "2026-12-03", "--charts", str(folder), "-o", str(tmp_path / "r.txt")]
    )
    assert code == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    briefing = briefing_for(as_of=dt.date(2026, 12, 3))
    assert written == svg_files(briefing)
    kpis = [t.id for t in almaty().targets if t.kind.value == "kpi"]
    assert sorted(written) == sorted([f"{k}.svg" for k in kpis] + ["foreign-visitors.svg"])
    for text in written.values():
        root = ET.fromstring(text.encode())  # noqa: S314 - our own output
        assert root.tag == f"{SVG}svg"
        assert int(root.get("width")) > 0
        assert int(root.get("height")) > 0
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title.text
        assert desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert root.find(f"{SVG}text").text == title.text  # the visible title
        assert not root.findall(f".//{SVG}script")


def test_charts_directory_that_cannot_be_made_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run_cli(["report", "--charts", str(blocker / "sub")])
    assert code == 2
    assert "--charts" in err


def test_the_html_page_inlines_the_same_charts_and_their_tables():
    briefing = briefing_for(as_of=dt.date(2026, 12, 3))
    page = render(as_of=dt.date(2026, 12, 3), fmt="html")
    for chart in briefing.charts:
        assert svg(chart, prefix="chart-") in page  # one drawing code path
        figure = re.search(
            rf'<figure class="chart-figure" id="chart-{chart.id}">(.*?)</figure>', page, re.DOTALL
        ).group(1)
        rows = re.findall(r"<tr>", figure.split("<tbody>")[1])
        assert len(rows) == len(chart.points) + (1 if chart.remark else 0)
    assert "<script" not in page
    assert "@media print" in page


def test_json_report_is_the_data_model():
    data = json.loads(render(as_of=dt.date(2026, 12, 3), fmt="json"))
    assert data["as_of"] == "2026-12-03"
    assert data["published_as_of"] == "2026-02-06"
    assert len(data["figures"]) == 16
    assert data["status"]["targets"][5]["target"] == "10,000,000,000 KZT"
    assert [c["id"] for c in data["charts"]][-1] == "foreign-visitors"
