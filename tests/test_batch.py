"""Batch scoring: streamed parts, every input format, and a real interruption resumed without duplicates."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from model.batch import BatchInputError, score_file
from training.gold import load_gold

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def articles():
    return [{"doc_id": a.id, "text": a.text, "source": "gold", "date": "2026-11-01"} for a in load_gold()][:12]


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def read_parts(folder: Path) -> pd.DataFrame:
    frames = [pd.read_parquet(p) for p in sorted(folder.glob("part-*.parquet"))]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def reference(articles, tmp_path_factory):
    folder = tmp_path_factory.mktemp("reference")
    summary = score_file(write_jsonl(folder / "in.jsonl", articles), folder / "out", batch_size=5, progress=False)
    assert summary["articles"] == len(articles)
    return read_parts(folder / "out")


def test_rows_carry_doc_id_date_source_and_every_article_is_scored(reference, articles):
    assert set(reference["doc_id"]) == {a["doc_id"] for a in articles}
    assert set(reference["source"]) == {"gold"} and set(reference["date"]) == {"2026-11-01"}
    assert not reference.duplicated(["doc_id", "start"]).any()
    texts = {a["doc_id"]: a["text"] for a in articles}
    assert all(texts[r.doc_id][r.start : r.end] == r.quote for r in reference.itertuples())


def test_csv_and_parquet_inputs_give_the_same_rows(articles, reference, tmp_path):
    pd.DataFrame(articles).to_csv(tmp_path / "in.csv", index=False)
    pd.DataFrame(articles).to_parquet(tmp_path / "in.parquet", index=False)
    for name in ("in.csv", "in.parquet"):
        score_file(tmp_path / name, tmp_path / f"out-{name}", batch_size=7, progress=False)
        rows = read_parts(tmp_path / f"out-{name}")
        assert list(rows["quote"]) == list(reference["quote"]) and list(rows["stance"]) == list(reference["stance"])


def test_an_interrupted_run_resumes_without_losing_or_duplicating_rows(articles, reference, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", articles)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "model.batch", str(source), str(out), "--batch-size", "1"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while not (out / "part-000002.parquet").exists() and time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)  # Ctrl-C, mid-run
    process.wait(timeout=60)
    done_before = len(list(out.glob("part-*.parquet")))
    assert 3 <= done_before < len(articles), "the run should have been cut off part-way"

    summary = score_file(source, out, batch_size=1, progress=False)
    assert summary["skipped"] == done_before and summary["articles"] == len(articles) - done_before
    resumed = read_parts(out)
    assert not list(out.glob("*.writing"))
    assert not resumed.duplicated(["doc_id", "start"]).any()
    pd.testing.assert_frame_equal(resumed[["doc_id", "start", "end", "quote", "speaker", "stance"]],
                                  reference[["doc_id", "start", "end", "quote", "speaker", "stance"]])


def test_resuming_with_other_settings_is_refused(articles, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", articles[:2])
    score_file(source, tmp_path / "out", batch_size=2, progress=False)
    with pytest.raises(BatchInputError, match="batch_size"):
        score_file(source, tmp_path / "out", batch_size=3, progress=False)


def test_bad_input_names_file_and_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"doc_id": "a", "text": "x"}\n{"doc_id": "b"}\n', encoding="utf-8")
    with pytest.raises(BatchInputError, match=r"in.jsonl:2: each article needs 'doc_id' and 'text'"):
        score_file(path, tmp_path / "out", progress=False)
