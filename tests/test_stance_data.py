"""The stance data loader stops on bad rows with the file, line and field, before anything trains."""

import json

import pytest

from model.stance import LABELS
from training.stance_data import SPLITS, StanceDataError, data_version, load_stance_data, read_stance_data


def row(n: int, label: str = "optimistic", **changes) -> dict:
    base = {
        "id": f"t-{n:03d}",
        "quote": f"We are close to a deal number {n}",
        "context": f"“We are close to a deal number {n},” the envoy said.",
        "speaker": "the envoy",
        "setting": "trade",
        "label": label,
        "on_topic": True,
        "hard_case": None,
    }
    return {**base, **changes}


def write_splits(folder, rows_by_split=None):
    """A valid four-split data folder; `rows_by_split` replaces some splits' rows (or raw lines)."""
    rows_by_split = rows_by_split or {}
    n = 0
    for split in SPLITS:
        lines = rows_by_split.get(split)
        if lines is None:
            lines = []
            for label in LABELS:
                n += 1
                lines.append(json.dumps(row(n, label) | {"id": f"{split}-{n}"}))
        (folder / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_shipped_data_meets_the_issue_minimums():
    splits = read_stance_data()
    rows = [r for split in splits.values() for r in split]
    assert len(rows) >= 900
    for label in LABELS:
        assert sum(r["label"] == label for r in rows) >= 250
    assert len({r["setting"] for r in rows}) >= 8
    held_out = {r["setting"] for r in splits["heldout_setting"]}
    assert len(held_out) == 1
    assert not held_out & {r["setting"] for s in ("train", "validation", "test") for r in splits[s]}
    for r in rows:  # the classifier reads the quote inside its sentence
        assert f"“{r['quote']}”" in r["context"], r["id"]


def test_shipped_data_loads_with_datasets():
    data = load_stance_data()
    assert set(data) == set(SPLITS)
    assert set(data["train"].column_names) >= {"id", "quote", "context", "speaker", "setting", "label", "on_topic"}


def test_valid_folder_reads_and_has_a_stable_version(tmp_path):
    write_splits(tmp_path)
    assert {k: len(v) for k, v in read_stance_data(tmp_path).items()} == {s: 3 for s in SPLITS}
    assert data_version(tmp_path) == data_version(tmp_path)


@pytest.mark.parametrize(
    "bad_line, expected",
    [
        ("{not json", "not valid JSON"),
        (json.dumps(row(1, label="hopeful")), "field 'label' is 'hopeful'"),
        (json.dumps(row(1, quote="   ")), "field 'quote' is empty"),
        (json.dumps(row(1, on_topic="yes")), "field 'on_topic' must be bool"),
        (json.dumps(row(1, quote=42)), "field 'quote' must be str"),
        (json.dumps({k: v for k, v in row(1).items() if k != "speaker"}), "field 'speaker' is missing"),
        (json.dumps(row(1, hard_case="irony")), "field 'hard_case' is 'irony'"),
    ],
)
def test_bad_row_names_file_line_and_field(tmp_path, bad_line, expected):
    good = [json.dumps(row(100 + i, label)) for i, label in enumerate(LABELS)]
    write_splits(tmp_path, {"validation": good[:2] + [bad_line] + good[2:]})
    with pytest.raises(StanceDataError) as error:
        read_stance_data(tmp_path)
    message = str(error.value)
    assert f"validation.jsonl:3: {expected}" in message


def test_duplicate_id_across_files_names_both_places(tmp_path):
    duplicate = [json.dumps(row(1, label) | {"id": "same-id" if label == "hostile" else f"x-{label}"}) for label in LABELS]
    first = [json.dumps(row(1, label) | {"id": "same-id" if label == "hostile" else f"y-{label}"}) for label in LABELS]
    write_splits(tmp_path, {"train": first, "test": duplicate})
    with pytest.raises(StanceDataError, match=r"test.jsonl:3: field 'id' 'same-id' duplicates .*train.jsonl:3"):
        read_stance_data(tmp_path)


def test_split_missing_a_label_is_an_error(tmp_path):
    only_two = [json.dumps(row(200 + i, label)) for i, label in enumerate(LABELS[:2])]
    write_splits(tmp_path, {"test": only_two})
    with pytest.raises(StanceDataError, match=r"test.jsonl: split 'test' has no rows labelled hostile"):
        read_stance_data(tmp_path)


def test_missing_split_file_is_an_error(tmp_path):
    write_splits(tmp_path)
    (tmp_path / "heldout_setting.jsonl").unlink()
    with pytest.raises(StanceDataError, match="heldout_setting.jsonl: split file missing"):
        read_stance_data(tmp_path)


def test_shipped_data_meets_issue_16s_minimums():
    from training.stance_data import HARD_CASES, batch_of

    rows = [r for split in read_stance_data().values() for r in split]
    december = [r for r in rows if batch_of(r) == "december"]
    assert len(december) >= 3000
    assert sum(r["label"] == "sceptical" for r in december) >= 800
    assert len({r["setting"] for r in december}) >= 12
    assert {"pressure_for_deal", "ultimatum", "conditional_readiness", "stalling", "pro_deal_attack",
            "conflict_report", "reported_word"} <= {r["hard_case"] for r in december} <= set(HARD_CASES) | {None}


def test_new_rows_split_reproducibly_with_the_held_out_setting_apart(tmp_path):
    from training.split_stance_data import assign, close_quote, main

    def new_row(i, setting, label, on_topic=True):
        return {"id": f"{setting}-n{i:03d}", "quote": f"words {i}", "context": f"“words {i},” she said.", "speaker": "she",
                "setting": setting, "label": label, "on_topic": on_topic, "hard_case": None}

    rows = [new_row(i, setting, LABELS[i % 3]) for setting in ("trade", "hostage") for i in range(60)]
    first, second = assign(rows), assign(list(reversed(rows)))
    assert first == second  # the input order does not matter
    assert {r["setting"] for r in first["heldout_setting"]} == {"hostage"} and len(first["heldout_setting"]) == 60
    assert [len(first[s]) for s in ("train", "validation", "test")] == [42, 9, 9]
    for split in ("validation", "test"):
        assert sorted(r["label"] for r in first[split]) == sorted(LABELS * 3)
    # A quote that stopped short of the punctuation inside its closing mark gets it back.
    assert close_quote({**new_row(1, "trade", "hostile"), "quote": "words 1"})["quote"] == "words 1,"

    # The command appends new rows only once and keeps existing ones where they were.
    data = tmp_path / "data"
    data.mkdir()
    for split in SPLITS:
        (data / f"{split}.jsonl").write_text("".join(json.dumps(new_row(i, "old" if split != "heldout_setting" else "hostage", LABELS[i % 3]) | {"id": f"{split}-{i}"}) + "\n" for i in range(3)), encoding="utf-8")
    drafts = tmp_path / "trade.jsonl"
    drafts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    before = {s: (data / f"{s}.jsonl").read_text() for s in SPLITS}
    assert main([str(drafts), "--data", str(data)]) == 0
    assert main([str(drafts), "--data", str(data)]) == 0
    after = read_stance_data(data)
    assert sum(map(len, after.values())) == 12 + 120
    for split in SPLITS:
        assert (data / f"{split}.jsonl").read_text().startswith(before[split])
