"""Batch output carries archive-wide speaker identities and a scoring stamp (articles written for the test)."""

import json

import pandas as pd
import pytest

from model.batch import score_file

ARTICLES = [
    {"doc_id": "a1", "date": "2026-03-02", "source": "Wire One", "text":
        "Talks resume in Varna\n\n“We are closer to an agreement than at any time this year,” said Ostrian President "
        "Oleh Dravetskyy on Monday. Marta Quellberg, the mediator, said: “Both sides have shown real goodwill.”"},
    {"doc_id": "a2", "date": "2026-03-09", "source": "Wire Two", "text":
        "Ostria hardens its line\n\n“There will be no deal under pressure, and we will not be blackmailed,” Dravetskiy "
        "told reporters on Sunday."},
    {"doc_id": "a3", "date": "2026-03-16", "source": "Wire One", "text":
        "Third round ends\n\n“We will keep talking, and I expect a framework by spring,” said Oleh Dravetskiy. "
        "Tomas Quellberg, a lawmaker, said: “This process is a farce and it will fail.”"},
]


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("identity")
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    score_file(source, folder / "out", batch_size=2, progress=False)
    return folder / "out"


def test_one_person_spelled_three_ways_is_one_speaker_id(scored):
    rows = pd.read_parquet(scored)
    by_speaker = dict(zip(rows["speaker"], rows["speaker_id"]))
    assert {"Oleh Dravetskyy", "Dravetskiy", "Oleh Dravetskiy"} <= set(by_speaker), rows[["doc_id", "speaker"]]
    assert len({by_speaker[s] for s in ("Oleh Dravetskyy", "Dravetskiy", "Oleh Dravetskiy")}) == 1
    names = set(rows.loc[rows["speaker"].str.contains("Dravetsk"), "speaker_name"])
    assert len(names) == 1 and names.pop() in ("Oleh Dravetskyy", "Oleh Dravetskiy")


def test_namesakes_in_different_articles_keep_two_ids(scored):
    rows = pd.read_parquet(scored)
    quellbergs = rows[rows["speaker"].fillna("").str.contains("Quellberg")]
    assert set(quellbergs["speaker"]) == {"Marta Quellberg", "Tomas Quellberg"}
    assert quellbergs["speaker_id"].nunique() == 2


def test_the_folder_records_which_model_scored_it(scored):
    stamp = json.loads((scored / "_scoring.json").read_text(encoding="utf-8"))
    assert stamp["model_uri"].startswith("default") and stamp["scored_at"][:4].isdigit()
    assert list(pd.read_parquet(scored).columns)[-4:] == ["speaker_id", "speaker_name", "date", "source"]


def test_the_pyfunc_output_ends_with_the_identity_columns():
    from model.predict import load_pipeline
    from model.serving import OUTPUT_COLUMNS, NegotiationStanceModel

    model = NegotiationStanceModel()
    model.pipeline = load_pipeline(None)  # what load_context builds, from the shipped model
    frame = pd.DataFrame(ARTICLES)[["doc_id", "text"]]
    rows = model.predict(None, frame)
    assert list(rows.columns) == OUTPUT_COLUMNS and OUTPUT_COLUMNS[-2:] == ["speaker_id", "speaker_name"]
    dravetskyy = rows[rows["speaker"].str.contains("Dravetsk", na=False)]
    assert dravetskyy["speaker_id"].nunique() == 1 and len(dravetskyy) >= 3
    per_article = model.predict(None, frame, params={"output": "per_article"})
    first = json.loads(per_article["quotes"][0])
    assert {"speaker_id", "speaker_name"} <= set(first[0])
