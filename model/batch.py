"""Score a file of articles on one machine: streamed in bounded batches, resumable.

    python -m model.batch articles.jsonl quotes/              # Parquet parts in quotes/
    python -m model.batch articles.csv quotes/ --format csv --batch-size 64
    python -m model.batch articles.parquet quotes/ --model-uri models:/negotiation-stance@champion

Input rows need `doc_id` and `text` (JSONL, CSV or Parquet; `date` and
`source` are carried through when present). Each batch of input rows becomes
one output part, written to a temporary name and renamed when complete, so
memory stays flat however large the input, and a re-run after an
interruption skips the parts already written: no row is lost or duplicated.
When every part is written, `speaker_id` / `speaker_name` are filled from
speaker identities fitted over the whole folder (`identity.py`), and
`_scoring.json` records the model URI, its version when known, and the date
(`python -m model.report quotes/` reads both).
Read the output with `pandas.read_parquet("quotes/")` (or Spark).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Iterator

import pandas as pd

from .predict import load_pipeline
from .serving import OUTPUT_COLUMNS, quote_rows

CARRIED = ("date", "source")
FORMATS = ("parquet", "csv")


class BatchInputError(ValueError):
    """An input file is unreadable or lacks a needed column; says which file and row."""


def read_articles(path: Path, batch_size: int) -> Iterator[list[dict]]:
    """Batches of input rows, read lazily so only one batch is in memory."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json"):
        batch = []
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise BatchInputError(f"{path}:{number}: not valid JSON ({error.msg})") from error
                batch.append(_checked(row, f"{path}:{number}"))
                if len(batch) == batch_size:
                    yield batch
                    batch = []
        if batch:
            yield batch
    elif suffix == ".csv":
        csv.field_size_limit(sys.maxsize)
        for chunk_number, chunk in enumerate(pd.read_csv(path, chunksize=batch_size, dtype=str, keep_default_na=False)):
            yield [_checked(row, f"{path}: row {chunk_number * batch_size + i + 1}") for i, row in enumerate(chunk.to_dict("records"))]
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        seen = 0
        for record_batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
            rows = record_batch.to_pylist()
            yield [_checked(row, f"{path}: row {seen + i + 1}") for i, row in enumerate(rows)]
            seen += len(rows)
    else:
        raise BatchInputError(f"{path}: unknown input format {suffix!r}; use .jsonl, .csv or .parquet")


def _checked(row: dict, where: str) -> dict:
    if not isinstance(row, dict) or "doc_id" not in row or "text" not in row:
        raise BatchInputError(f"{where}: each article needs 'doc_id' and 'text'")
    if not isinstance(row["text"], str):
        raise BatchInputError(f"{where}: 'text' must be a string, got {type(row['text']).__name__}")
    return row


def _part_name(index: int, output_format: str) -> str:
    return f"part-{index:06d}.{output_format}"


def _check_settings(out_dir: Path, settings: dict) -> None:
    """A resumed run must cut the input the same way, or parts would overlap."""
    stamp = out_dir / "_batch.json"
    if stamp.exists():
        previous = json.loads(stamp.read_text(encoding="utf-8"))
        if previous != settings:
            raise BatchInputError(
                f"{out_dir} holds parts written with {previous}; this run asks for {settings}. "
                "Use the same input, batch size and format to resume, or a new output folder."
            )
    else:
        stamp.write_text(json.dumps(settings), encoding="utf-8")


def score_file(
    input_path: str | Path,
    out_dir: str | Path,
    model_uri: str | None = None,
    batch_size: int = 32,
    output_format: str = "parquet",
    progress: bool = True,
) -> dict[str, float]:
    """Score every article of `input_path` into parts under `out_dir`; returns counts and speed."""
    from tqdm import tqdm

    input_path, out_dir = Path(input_path), Path(out_dir)
    if output_format not in FORMATS:
        raise ValueError(f"output format must be one of {FORMATS}, got {output_format!r}")
    if not input_path.is_file():
        raise BatchInputError(f"no such input file: {input_path}")
    out_dir.mkdir(parents=True, exist_ok=True)
    _check_settings(out_dir, {"input": input_path.name, "batch_size": batch_size, "format": output_format})
    for leftover in out_dir.glob("*.writing"):
        leftover.unlink()  # a part that an interrupted run did not finish
    pipeline = load_pipeline(model_uri)
    _write_scoring_stamp(out_dir, model_uri)
    counts = {"articles": 0, "quotes": 0, "skipped": 0}
    started = time.perf_counter()
    bar = tqdm(unit=" articles", disable=not progress, smoothing=0.1)

    def pending_articles() -> Iterator[tuple[int, dict]]:
        """(part number, article) of the parts not written yet."""
        for index, batch in enumerate(read_articles(input_path, batch_size)):
            if (out_dir / _part_name(index, output_format)).exists():
                counts["skipped"] += len(batch)
                bar.update(len(batch))
                continue
            yield from ((index, article) for article in batch)

    # One stream over all parts, so parsing the next part overlaps encoding this one; chunks no
    # larger than a part, so each part is written as soon as it is scored.
    stream = dataclasses.replace(pipeline, chunk_size=min(pipeline.chunk_size, batch_size)).stream
    feed, kept = itertools.tee(pending_articles())
    scored = zip(kept, stream(article["text"] for _, article in feed))
    for index, part_rows in itertools.groupby(scored, key=lambda pair: pair[0][0]):
        rows = []
        for (_, article), found in part_rows:
            extra = {name: article.get(name) for name in CARRIED}
            rows.extend({**row, **extra} for row in quote_rows(str(article["doc_id"]), found))
            counts["articles"] += 1
            bar.update(1)
        _write_part(out_dir / _part_name(index, output_format), rows, output_format)
        counts["quotes"] += len(rows)
        bar.set_postfix(quotes=counts["quotes"])
    bar.close()
    add_identities(out_dir, output_format)
    seconds = time.perf_counter() - started
    return {**counts, "seconds": seconds, "articles_per_s": counts["articles"] / seconds if seconds else 0.0}


def _write_part(part: Path, rows: list[dict], output_format: str) -> None:
    """Written under a temporary name and renamed when complete, so a part on disk is always whole."""
    _write_frame(part, pd.DataFrame(rows, columns=OUTPUT_COLUMNS + list(CARRIED)), output_format)


def _write_frame(part: Path, frame: pd.DataFrame, output_format: str) -> None:
    temporary = part.with_name(part.name + ".writing")
    if output_format == "parquet":
        frame.to_parquet(temporary, index=False)
    else:
        frame.to_csv(temporary, index=False)
    temporary.rename(part)


# -- archive-wide speaker identities and the scoring stamp (read by model.report) -------------------

SCORING_STAMP = "_scoring.json"


def _write_scoring_stamp(out_dir: Path, model_uri: str | None) -> None:
    """Which model scored the folder, for the report's header: URI, version when known, date."""
    import datetime

    from .predict import _pinned

    version = None
    if model_uri is None:
        uri = "default (model/default_model, shipped with the package)"
        try:
            from importlib.metadata import version as package_version

            version = f"negotiation-stance {package_version('negotiation-stance')}"
        except Exception:  # not installed, run from a checkout
            version = None
    else:
        uri = model_uri
        try:
            pinned = _pinned(model_uri) or model_uri
            tail = pinned.removeprefix("models:/").split("/")
            if pinned.startswith("models:/") and len(tail) == 2 and tail[1].isdigit():
                version = tail[1]
        except Exception:  # no registry reachable: the URI alone
            version = None
    stamp = {"model_uri": uri, "model_version": version,
             "scored_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
    (out_dir / SCORING_STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")


def add_identities(out_dir: Path, output_format: str = "parquet") -> int:
    """Fill `speaker_id` / `speaker_name` in every part from identities fitted over the whole folder.

    Two passes, one part at a time: the first reads only the speaker columns to
    fit `SpeakerIdentities`, the second rewrites each part (atomically) with the
    two columns. Returns the number of identities.
    """
    from .identity import SpeakerIdentities

    parts = sorted(out_dir.glob(f"part-*.{output_format}"))
    identities = SpeakerIdentities()
    for part in parts:
        frame = _read_part(part, output_format, ["speaker", "speaker_mention"])
        for (speaker, mention), count in frame.value_counts(dropna=False).items():
            identities.add(speaker if isinstance(speaker, str) else None,
                           mention if isinstance(mention, str) else None, int(count))
    identities.build()
    for part in parts:
        frame = _read_part(part, output_format)
        frame["speaker_id"], frame["speaker_name"] = identities.columns(
            s if isinstance(s, str) else None for s in frame["speaker"])
        _write_frame(part, frame, output_format)
    return len(identities.identities)


def _read_part(part: Path, output_format: str, columns: list[str] | None = None) -> pd.DataFrame:
    if output_format == "parquet":
        return pd.read_parquet(part, columns=columns)
    return pd.read_csv(part, usecols=columns, dtype={"doc_id": str, "date": str, "source": str})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model.batch", description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="articles as .jsonl, .csv or .parquet (doc_id, text[, date, source])")
    parser.add_argument("output", type=Path, help="folder for the output parts")
    parser.add_argument("--model-uri", help="an MLflow model URI (default: the shipped model)")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per batch and per output part (default 32)")
    parser.add_argument("--format", choices=FORMATS, default="parquet")
    args = parser.parse_args(argv)
    try:
        summary = score_file(args.input, args.output, args.model_uri, args.batch_size, args.format)
    except BatchInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{summary['articles']} articles scored ({summary['skipped']} already done), {summary['quotes']} quotes, "
          f"{summary['articles_per_s']:.1f} articles/s → {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
