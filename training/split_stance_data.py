"""Put new stance rows into the splits, reproducibly.

    python -m training.split_stance_data /work/stance_drafts/*.jsonl          # append to data/stance/
    python -m training.split_stance_data drafts/*.jsonl --data data/stance --dry-run

Rules: every row is checked as the split files are (`stance_data`); rows of
the held-out setting (`hostage`) all go to `heldout_setting.jsonl`, which no
model trains or tunes on; the rows of every other setting are split 70 / 15 /
15 into train / validation / test within each (setting, label, on_topic)
group, by a shuffle seeded from the group's name, so the same files always
give the same splits. Rows already in a split (by id) stay where they are and
are not added twice; new rows are appended, so existing rows never move.

A quote is every character between its marks (ANNOTATION.md; what the quote
finder returns): where a row's `quote` leaves out a final comma or full stop
that sits inside the marks in its context (“… midnight,” she said), it is put
back, as the older rows have it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .stance_data import DATA_DIR, SPLITS, StanceDataError, read_split, read_stance_data

HELDOUT_SETTING = "hostage"
SEED = 16
#: Shares of validation and test within each group; the rest trains.
VALIDATION_SHARE = TEST_SHARE = 0.15


def close_quote(row: dict) -> dict:
    """The row with its quote running to the closing mark, when only punctuation was left out before it."""
    quote, context = row["quote"], row["context"]
    if f"“{quote}”" in context:
        return row
    match = re.search("“" + re.escape(quote) + r"([,.;:!?…]{1,2})”", context)
    return {**row, "quote": quote + match.group(1)} if match else row


def assign(rows: list[dict], seed: int = SEED) -> dict[str, list[dict]]:
    """Split → its new rows, by the rules above."""
    out: dict[str, list[dict]] = {split: [] for split in SPLITS}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        if row["setting"] == HELDOUT_SETTING:
            out["heldout_setting"].append(row)
        else:
            groups[(row["setting"], row["label"], row["on_topic"])].append(row)
    for key in sorted(groups, key=str):
        members = sorted(groups[key], key=lambda r: r["id"])
        random.Random(f"{seed}/{key[0]}/{key[1]}/{key[2]}").shuffle(members)
        n_val, n_test = round(len(members) * VALIDATION_SHARE), round(len(members) * TEST_SHARE)
        out["validation"] += members[:n_val]
        out["test"] += members[n_val : n_val + n_test]
        out["train"] += members[n_val + n_test :]
    for split in out:
        out[split].sort(key=lambda r: r["id"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.split_stance_data", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="JSONL files of new rows (the split files' row format)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the folder of split files to append to")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--dry-run", action="store_true", help="print the counts, write nothing")
    args = parser.parse_args(argv)

    existing = read_stance_data(args.data)
    known = {row["id"] for rows in existing.values() for row in rows}
    seen: dict[str, str] = {}
    new = []
    try:
        for path in args.files:
            new += [close_quote(row) for row in read_split(path, seen) if row["id"] not in known]
    except StanceDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    assigned = assign(new, args.seed)
    for split in SPLITS:
        counts = Counter(row["label"] for row in assigned[split])
        print(f"{split:<16} +{len(assigned[split]):>5}  " + "  ".join(f"{label} {n}" for label, n in sorted(counts.items())))
    if args.dry_run:
        return 0
    for split in SPLITS:
        if assigned[split]:
            with open(args.data / f"{split}.jsonl", "a", encoding="utf-8") as handle:
                for row in assigned[split]:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    read_stance_data(args.data)  # the result still passes every check
    return 0


if __name__ == "__main__":
    sys.exit(main())
