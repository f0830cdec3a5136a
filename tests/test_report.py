"""The archive report: its contents, one row per person however spelled, offline HTML, bad input, a real browser."""

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from model.batch import add_identities
from model.report import ReportInputError, build_report, main

ROOT = Path(__file__).resolve().parent.parent

# (doc_id, date, source, speaker, mention, stance, confidence, quote) — invented for the test.
ROWS = [
    ("w1", "2026-04-01", "Wire One", "Oleh Dravetskyy", "Ostrian President Oleh Dravetskyy", "optimistic", 0.91, "We are close to a framework."),
    ("w1", "2026-04-01", "Wire One", "Marta Quellberg", "Quellberg", "optimistic", 0.62, "Both sides showed goodwill."),
    ("w2", "2026-04-03", "Wire Two", "Dravetskiy", "Dravetskiy", "sceptical", 0.55, "We doubt they mean it."),
    ("w2", "2026-04-03", "Wire Two", "Tomas Quellberg", "Tomas Quellberg", "hostile", 0.88, "This farce & <sham> will fail."),
    ("w3", "2026-04-10", "Wire One", "Oleh Dravetskiy", "he", "optimistic", 0.77, "A deal by spring is possible."),
    ("w3", "2026-04-10", "Wire One", "the Ostrian president", "the Ostrian president", "hostile", 0.97, "No talks under fire."),
    ("w3", "2026-04-10", "Wire One", None, None, "sceptical", 0.40, "Nobody knows what comes next."),
    ("w4", "2026-04-17", "Gazette", "Kestrel Union", "Kestrel Union", "sceptical", 0.81, "The offer changes nothing."),
]

#: The display name of the person written three ways (either full form: each is written once).
DRAVETSKYY = "Oleh Dravetskiy"


def write_scored(folder: Path, rows=ROWS, fmt: str = "parquet", identities: bool = True, stamp: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=["doc_id", "date", "source", "speaker", "speaker_mention", "stance", "confidence", "quote"])
    frame["start"], frame["end"] = 0, 10
    halves = (frame.iloc[: len(frame) // 2], frame.iloc[len(frame) // 2:])
    for index, half in enumerate(halves):
        if fmt == "parquet":
            half.to_parquet(folder / f"part-{index:06d}.parquet", index=False)
        else:
            half.to_csv(folder / f"part-{index:06d}.csv", index=False)
    if identities:
        add_identities(folder, fmt)
    if stamp:
        (folder / "_scoring.json").write_text(json.dumps(
            {"model_uri": "models:/negotiation-stance/7", "model_version": "7", "scored_at": "2026-04-20T10:00:00+00:00"}))
    return folder


def speaker_rows(page: str) -> list[str]:
    """The first cell of each row of the per-speaker table."""
    table = page.split("Stance per speaker", 1)[1].split("<h2>", 1)[0]
    return re.findall(r"<tr><td>([^<]*)</td>", table)


@pytest.fixture()
def report(tmp_path):
    out = tmp_path / "report.html"
    summary = build_report(write_scored(tmp_path / "scored"), out, progress=False)
    return summary, out.read_text(encoding="utf-8")


def test_header_counts_articles_quotes_speakers_and_names_the_model(report):
    summary, page = report
    assert (len(summary.articles), summary.quotes) == (4, 8)
    # Dravetskyy (3 spellings + the role tied to him) , two Quellbergs, the union: 4 speakers.
    assert len(summary.speakers) == 4
    assert re.search(r'<div class="v">4</div><div class="k">articles</div>', page)
    assert re.search(r'<div class="v">8</div><div class="k">quotes</div>', page)
    assert re.search(r'<div class="v">4</div><div class="k">speakers</div>', page)
    assert "models:/negotiation-stance/7" in page and "version: <b>7</b>" in page
    assert "quotes with no known speaker: <b>1</b>" in page


def test_one_person_is_one_row_however_spelled_and_namesakes_are_two(report):
    _, page = report
    rows = speaker_rows(page)
    assert [r for r in rows if "Dravetsk" in r or "president" in r] == [DRAVETSKYY]
    assert "Marta Quellberg" in rows and "Tomas Quellberg" in rows
    dravetskyy = page.split(f"<tr><td>{DRAVETSKYY}</td>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'<td class="n">([^<]*)</td>', dravetskyy)
    assert cells[:5] == ["4", "3", "2", "1", "1"]  # quotes, articles, optimistic, sceptical, hostile
    assert cells[5] == f"{(0.91 + 0.55 + 0.77 + 0.97) / 4:.2f}"  # mean confidence


def test_time_source_and_top_quote_sections(report):
    _, page = report
    for heading in ("Stance over time", "Per source", "The most confident quotes per label"):
        assert f"<h2>{heading}</h2>" in page
    assert "Quotes per day" in page and page.count("<svg") >= 4
    sources = page.split("<h2>Per source</h2>", 1)[1].split("<h2>", 1)[0]
    assert [s for s in re.findall(r"<tr><td>([^<]*)</td>", sources)] == ["Wire One", "Wire Two", "Gazette"]
    hostile = page.split(">hostile (", 1)[1].split("</table>", 1)[0]
    assert hostile.index("No talks under fire.") < hostile.index("This farce &amp; &lt;sham&gt; will fail.")  # escaped
    assert 'href="#article-w3"' in hostile and 'id="article-w3"' in page
    assert "2026-04-10" in hostile and f"<td>{DRAVETSKYY}</td>" in hostile  # the role's quote, under the person


def test_the_page_fetches_nothing(report):
    _, page = report
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "url(" not in page


def test_csv_parts_without_identities_are_grouped_in_the_report(tmp_path):
    scored = write_scored(tmp_path / "csv", fmt="csv", identities=False, stamp=False)
    out = tmp_path / "r.html"
    summary = build_report(scored, out, progress=False, article_link="https://archive.example/{doc_id}")
    page = out.read_text(encoding="utf-8")
    assert len(summary.speakers) == 4 and speaker_rows(page).count(DRAVETSKYY) == 1
    assert "Model: <b>unknown</b>" in page and "version: <b>unknown</b>" in page
    assert 'href="https://archive.example/w3"' in page


def test_weeks_when_the_dates_span_months_and_months_over_years(tmp_path):
    rows = [(f"d{i}", f"2026-{1 + i % 6:02d}-{1 + i % 27:02d}", "S", "Ilse Varnholt", None, "optimistic", 0.6, "q")
            for i in range(60)]
    out = tmp_path / "r.html"
    build_report(write_scored(tmp_path / "s", rows), out, progress=False)
    assert "Quotes per week" in out.read_text(encoding="utf-8")
    sparse = [(f"d{i}", f"{2010 + i}-03-0{1 + i % 5}", "S", "Ilse Varnholt", None, "hostile", 0.6, "q") for i in range(14)]
    build_report(write_scored(tmp_path / "years", sparse), out, progress=False)
    page = out.read_text(encoding="utf-8")
    assert "Quotes per month" in page and "only the 14 months that have quotes are shown" in page


def test_off_topic_rows_are_counted_and_left_out_of_the_stance_figures(tmp_path):
    scored = write_scored(tmp_path / "s")
    frame = pd.read_parquet(scored / "part-000000.parquet")
    frame["on_topic"] = [0.2] + [0.9] * (len(frame) - 1)  # the model's probability
    frame.to_parquet(scored / "part-000000.parquet", index=False)
    other = pd.read_parquet(scored / "part-000001.parquet")
    other["on_topic"] = 0.8
    other.to_parquet(scored / "part-000001.parquet", index=False)
    summary = build_report(scored, tmp_path / "r.html", progress=False)
    assert summary.off_topic == 1 and summary.overall.total == 7


def test_bad_input_names_the_folder(tmp_path, capsys):
    with pytest.raises(ReportInputError, match="no-such-folder"):
        build_report(tmp_path / "no-such-folder", tmp_path / "r.html", progress=False)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("an article, not scored")
    assert main([str(tmp_path / "articles"), "--out", str(tmp_path / "r.html"), "--no-progress"]) == 2
    error = capsys.readouterr().err
    assert "articles is not a scored folder" in error and "part-*.parquet" in error
    (tmp_path / "other").mkdir()
    pd.DataFrame({"doc_id": ["a"], "text": ["x"]}).to_parquet(tmp_path / "other" / "part-000000.parquet")
    with pytest.raises(ReportInputError, match=r"other is not a scored folder: its parts lack the column\(s\) quote, speaker"):
        build_report(tmp_path / "other", tmp_path / "r.html", progress=False)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "part-000000.parquet").write_text("not parquet")
    with pytest.raises(ReportInputError, match="broken"):
        build_report(tmp_path / "broken", tmp_path / "r.html", progress=False)
    assert not (tmp_path / "r.html").exists()


def test_the_command_shows_a_progress_bar_and_writes_the_file(tmp_path):
    scored = write_scored(tmp_path / "scored")
    done = subprocess.run([sys.executable, "-m", "model.report", str(scored), "--out", str(tmp_path / "r.html")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "8/8" in done.stderr and "quotes" in done.stderr  # tqdm's bar, on stderr
    assert "4 articles, 8 quotes, 4 speakers" in done.stdout and (tmp_path / "r.html").is_file()


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def screenshot(page: Path, png: Path, height: int = 2400) -> subprocess.CompletedProcess:
    """The page in headless Chromium with networking off, saved as a PNG."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
             "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",  # nothing can be fetched
             f"--screenshot={png}", f"--window-size=1280,{height}", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120,
        )


def test_the_report_renders_in_a_real_browser_offline(report, tmp_path):
    if chromium() is None:
        pytest.skip("no Chromium: apt-get install -y chromium (Debian) to run the browser check")
    _, page = report
    html = tmp_path / "report.html"
    html.write_text(page, encoding="utf-8")
    png = tmp_path / "report.png"
    done = screenshot(html, png)
    assert done.returncode == 0, done.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_parts_with_empty_columns_or_no_rows_are_read_with_the_others(tmp_path):
    scored = write_scored(tmp_path / "s")
    empty = pd.DataFrame({c: [None] for c in pd.read_parquet(scored / "part-000001.parquet").columns})
    empty[["doc_id", "quote", "stance", "confidence"]] = ["w9", "q", "hostile", 0.5]
    empty.to_parquet(scored / "part-000000.parquet", index=False)  # speaker, speaker_id, date, source all null
    pd.read_parquet(scored / "part-000001.parquet").iloc[:0].to_parquet(scored / "part-000002.parquet", index=False)
    summary = build_report(scored, tmp_path / "r.html", progress=False)
    assert summary.quotes == 5 and summary.unattributed == 2  # w9 and the unattributed quote of w3


def test_refitting_ignores_ids_that_hold_only_within_a_batch(tmp_path):
    scored = write_scored(tmp_path / "s")
    for part in sorted(scored.glob("part-*.parquet")):  # as Spark leaves them: ids made per batch
        frame = pd.read_parquet(part)
        frame["speaker_id"] = frame["speaker"].fillna("").str.lower().str.replace(" ", "-").replace("", None)
        frame.to_parquet(part, index=False)
    assert len(build_report(scored, tmp_path / "a.html", progress=False).speakers) > 4
    assert len(build_report(scored, tmp_path / "b.html", progress=False, refit_identities=True).speakers) == 4


def test_dates_given_only_by_month_are_placed_on_its_first_day_and_bad_dates_are_counted(tmp_path):
    rows = [("m1", "2026-04", "S", "Ilse Varnholt", None, "optimistic", 0.6, "q"),
            ("m2", "2026-04-12T08:30:00Z", "S", "Ilse Varnholt", None, "hostile", 0.6, "q"),
            ("m3", "last Tuesday", "S", "Ilse Varnholt", None, "hostile", 0.6, "q")]
    out = tmp_path / "r.html"
    summary = build_report(write_scored(tmp_path / "s", rows), out, progress=False)
    assert set(summary.days) == {"2026-04-01", "2026-04-12"} and (summary.month_only, summary.undated) == (1, 1)
    page = out.read_text(encoding="utf-8")
    assert "1 quotes dated only by month" in page and "1 quotes without a usable date" in page
