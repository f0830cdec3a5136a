"""Print the quotes of an article and who said them.

    python -m model article.txt          # a table
    python -m model article.txt --json   # one JSON object per quote
    cat article.txt | python -m model -
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from .pipeline import extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model", description=__doc__.splitlines()[0])
    parser.add_argument("article", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = parser.parse_args(argv)
    if args.article == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.article)
        if not path.is_file():
            print(f"error: no such file: {path}", file=sys.stderr)
            return 2
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            text = handle.read()
    quotes = extract(text)
    if args.json:
        for quote in quotes:
            print(json.dumps(asdict(quote), ensure_ascii=False))
        return 0
    print(f"{'speaker':<24} {'mention':<28} {'cue':<12} quote")
    for quote in quotes:
        one_line = " ".join(quote.text.split())
        if len(one_line) > 70:
            one_line = one_line[:67] + "..."
        print(f"{quote.speaker or '?':<24.24} {quote.speaker_mention or '':<28.28} {quote.cue or '':<12.12} “{one_line}”")
    print(f"\n{len(quotes)} quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
