"""The project's attribution gold set: loading, validation and offset filling.

Each article is two files in ``data/attribution/``: ``<id>.txt`` holds the
article exactly as a scraper might return it, ``<id>.json`` its annotations::

    {"id": "t01", "split": "tune", "setting": "...", "patterns": [...],
     "quotes": [{"quote": "...", "start": 10, "end": 42, "speaker": "Anna Berg",
                 "mention": "she", "patterns": ["curly", "pronoun"]}]}

``text[start:end] == quote`` always holds; :func:`load_gold` checks it and
names the file and field of any problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent.parent / "data" / "attribution"

QUOTE_PATTERNS = {
    "straight", "curly", "guillemets", "single", "multi_paragraph", "line_wrap",
    "fragment", "damaged", "lost_close", "nested",
}
SPEAKER_PATTERNS = {
    "speaker_before", "speaker_after", "speaker_middle", "colon_line",
    "according_to", "pronoun", "role", "body", "called", "variant",
    "unresolved_role", "continuation", "speech_verb_other",
}
ARTICLE_PATTERNS = {"unbalanced", "non_quote", "many_speakers", "pronoun_chain", "damaged", "line_wrap"}
SPLITS = {"tune", "heldout"}


class GoldError(ValueError):
    """A gold file breaks the format; the message names file and field."""


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    quote: str
    speaker: str
    mention: str
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldArticle:
    id: str
    split: str
    setting: str
    text: str
    quotes: tuple[GoldQuote, ...]
    patterns: tuple[str, ...] = field(default=())


def read_text(path: Path) -> str:
    # newline="" keeps the file's characters exactly, so offsets stay true.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _fail(path: Path, where: str, problem: str) -> GoldError:
    return GoldError(f"{path}: {where}: {problem}")


def load_article(json_path: Path) -> GoldArticle:
    json_path = Path(json_path)
    try:
        meta = json.loads(json_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise _fail(json_path, f"line {err.lineno}", f"not valid JSON ({err.msg})") from err
    txt_path = json_path.with_suffix(".txt")
    if not txt_path.exists():
        raise _fail(json_path, "file", f"no article text {txt_path.name} beside it")
    text = read_text(txt_path)
    for key in ("id", "split", "setting", "quotes"):
        if key not in meta:
            raise _fail(json_path, key, "missing")
    if meta["id"] != json_path.stem:
        raise _fail(json_path, "id", f"{meta['id']!r} differs from the file name {json_path.stem!r}")
    if meta["split"] not in SPLITS:
        raise _fail(json_path, "split", f"{meta['split']!r} is not one of {sorted(SPLITS)}")
    article_patterns = tuple(meta.get("patterns", ()))
    unknown = set(article_patterns) - ARTICLE_PATTERNS
    if unknown:
        raise _fail(json_path, "patterns", f"unknown article pattern(s) {sorted(unknown)}")
    quotes = []
    previous_end = -1
    for i, raw in enumerate(meta["quotes"]):
        where = f"quotes[{i}]"
        for key in ("quote", "start", "end", "speaker", "mention"):
            if key not in raw:
                raise _fail(json_path, f"{where}.{key}", "missing")
        start, end = raw["start"], raw["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise _fail(json_path, where, f"offsets {start}..{end} outside the text (length {len(text)})")
        if text[start:end] != raw["quote"]:
            raise _fail(json_path, f"{where}.quote", f"text[{start}:{end}] is {text[start:end]!r}, not {raw['quote']!r}")
        if start < previous_end:
            raise _fail(json_path, where, "overlaps or precedes the previous quote; list quotes in text order")
        if not raw["speaker"].strip() or not raw["mention"].strip():
            raise _fail(json_path, where, "empty speaker or mention")
        patterns = tuple(raw.get("patterns", ()))
        unknown = set(patterns) - QUOTE_PATTERNS - SPEAKER_PATTERNS
        if unknown:
            raise _fail(json_path, f"{where}.patterns", f"unknown pattern(s) {sorted(unknown)}")
        previous_end = end
        quotes.append(GoldQuote(start, end, raw["quote"], raw["speaker"], raw["mention"], patterns))
    return GoldArticle(meta["id"], meta["split"], meta["setting"], text, tuple(quotes), article_patterns)


def load_gold(directory: Path = GOLD_DIR, split: str | None = None) -> list[GoldArticle]:
    """All gold articles in ``directory`` (optionally one split), sorted by id."""
    articles = [load_article(p) for p in sorted(Path(directory).glob("*.json"))]
    if split is not None:
        articles = [a for a in articles if a.split == split]
    return articles


def fill_offsets(json_path: Path) -> None:
    """Write ``start``/``end`` for each quote by finding its text in order.

    Annotators write quotes in text order; each is searched from the end of
    the previous one, so repeated phrases resolve to the right occurrence.
    """
    json_path = Path(json_path)
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    text = read_text(json_path.with_suffix(".txt"))
    cursor = 0
    for i, raw in enumerate(meta["quotes"]):
        found = text.find(raw["quote"], cursor)
        if found < 0:
            raise _fail(json_path, f"quotes[{i}].quote", f"{raw['quote'][:60]!r} not found after offset {cursor}")
        raw["start"], raw["end"] = found, found + len(raw["quote"])
        cursor = raw["end"]
    ordered = {k: meta[k] for k in ("id", "split", "setting", "patterns") if k in meta}
    ordered["quotes"] = [
        {k: q[k] for k in ("quote", "start", "end", "speaker", "mention", "patterns") if k in q}
        for q in meta["quotes"]
    ]
    json_path.write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    fill = sub.add_parser("fill", help="compute start/end of each quote from its text")
    fill.add_argument("files", nargs="+", type=Path)
    check = sub.add_parser("check", help="validate every gold file")
    check.add_argument("--dir", type=Path, default=GOLD_DIR)
    args = parser.parse_args(argv)
    try:
        if args.command == "fill":
            for path in args.files:
                fill_offsets(path)
                load_article(path)
                print(f"ok {path}")
        else:
            articles = load_gold(args.dir)
            print(f"{len(articles)} articles, {sum(len(a.quotes) for a in articles)} quotes, all valid")
    except GoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
