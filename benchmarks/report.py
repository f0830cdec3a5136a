"""Time and peak memory of `python -m model.report` over a large synthetic scored archive.

    .venv/bin/python benchmarks/report.py                    # 100,000 rows in 100 Parquet parts
    .venv/bin/python benchmarks/report.py --rows 1000000 --keep /tmp/big

Writes synthetic rows with the columns `model.batch` writes (invented
speakers spelled several ways, a year of dates, a dozen sources, quotes of
news length), then builds the report in a fresh process and prints its wall
time and peak RSS (targets: under 60 s and under 1 GB for 100,000 rows).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = ["Aldo", "Berit", "Casimir", "Dagny", "Emeric", "Fenna", "Gusti", "Hedda", "Ivo", "Jorun", "Kasimir", "Liva"]
LAST = ["Varnholt", "Quellberg", "Dravetskyy", "Amirzadeh", "Sollenby", "Kaanberg", "Teeveson", "Orvik", "Mindrescu",
        "Pellerin", "Ostrava", "Brannock"]
BODIES = ["Norvian Foreign Ministry", "Estrelan Delegation", "Hollan Group", "the Kestrel Union", "the mediators"]
WORDS = ("talks progress deal ceasefire framework round sides pressure agreement guarantees prisoners exchange "
         "withdrawal sanctions trust proposal offer deadline border security future").split()
LABELS = ("optimistic", "sceptical", "hostile")


def synthetic_rows(n: int, seed: int = 7):
    """n scored rows: doc ids of about three quotes each, speakers with spelling variants."""
    rng = random.Random(seed)
    people = [(f, l) for f in FIRST for l in LAST][:120]
    for i in range(n):
        doc = i // 3
        if rng.random() < 0.1:
            speaker = rng.choice(BODIES)
        elif rng.random() < 0.05:
            speaker = None
        else:
            first, last = people[min(int(rng.expovariate(1 / 12)), len(people) - 1)]
            speaker = rng.choice([f"{first} {last}", f"{first} {last}", last, last + "e" if last[-1] != "e" else last])
        probabilities = [rng.random() for _ in LABELS]
        total = sum(probabilities)
        probabilities = [p / total for p in probabilities]
        best = max(range(3), key=probabilities.__getitem__)
        day = 1 + (doc * 365) // max(n // 3, 1)
        yield {
            "doc_id": f"doc-{doc:07d}", "start": 100 + i % 3 * 200, "end": 250 + i % 3 * 200,
            "quote": " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))).capitalize() + ".",
            "speaker": speaker, "speaker_mention": speaker, "stance": LABELS[best], "confidence": probabilities[best],
            **{f"p_{label}": p for label, p in zip(LABELS, probabilities)},
            "speaker_id": None, "speaker_name": None,
            "date": (f"2025-{1 + (day - 1) // 31 % 12:02d}-{1 + (day - 1) % 28:02d}"),
            "source": f"Outlet {doc % 12 + 1}",
        }


def write_archive(folder: Path, rows: int, per_part: int = 1000, identities: bool = True) -> Path:
    """The synthetic rows as Parquet parts (with identities filled, as model.batch leaves them)."""
    import pandas as pd

    from model.batch import add_identities

    folder.mkdir(parents=True, exist_ok=True)
    batch, index = [], 0
    for row in synthetic_rows(rows):
        batch.append(row)
        if len(batch) == per_part:
            pd.DataFrame(batch).to_parquet(folder / f"part-{index:06d}.parquet", index=False)
            batch, index = [], index + 1
    if batch:
        pd.DataFrame(batch).to_parquet(folder / f"part-{index:06d}.parquet", index=False)
    if identities:
        add_identities(folder)
    (folder / "_scoring.json").write_text(json.dumps({"model_uri": "synthetic", "model_version": "0", "scored_at": "2026-12-01"}))
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the archive and the report here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        base = args.keep or Path(temporary)
        started = time.perf_counter()
        archive = write_archive(base / "scored", args.rows)
        print(f"wrote {args.rows:,} synthetic rows in {time.perf_counter() - started:.1f} s → {archive}")
        # A fresh process, so its peak RSS is the report's alone.
        code = ("import resource, sys, time; t = time.perf_counter(); from model.report import main; rc = main(sys.argv[1:]); "
                "print(f'REPORT {time.perf_counter() - t:.2f} s, peak RSS '"
                "f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB'); sys.exit(rc)")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code, str(archive), "--out", str(base / "report.html")], cwd=ROOT,
                              capture_output=True, text=True)
        wall = time.perf_counter() - started
        print(done.stdout.strip())
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = (base / "report.html").stat().st_size / 1024
        print(f"{args.rows:,} rows: report built in {wall:.1f} s (process wall, imports included), peak RSS {peak:.0f} MB, "
              f"HTML {size:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
