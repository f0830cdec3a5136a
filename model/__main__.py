"""Print the quotes of an article, who said them and their stance.

    python -m model article.txt          # a table
    python -m model article.txt --json   # one JSON object per quote
    python -m model article.txt --model-uri models:/negotiation-stance@champion
    cat article.txt | python -m model -
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from .predict import predict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model", description=__doc__.splitlines()[0])
    parser.add_argument("article", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    parser.add_argument("--model-uri", help="an MLflow model URI (default: the model shipped in model/default_model)")
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
    quotes = predict(text, model_uri=args.model_uri)
    if args.json:
        for quote in quotes:
            print(json.dumps({**asdict(quote), "probabilities": dict(quote.probabilities)}, ensure_ascii=False))
        return 0
    print(f"{'speaker':<24} {'mention':<22} {'stance':<10} {'conf':>4} {'topic':>5}  quote")
    for quote in quotes:
        one_line = " ".join(quote.text.split())
        if len(one_line) > 64:
            one_line = one_line[:61] + "..."
        print(
            f"{quote.speaker or '?':<24.24} {quote.speaker_mention or '':<22.22} "
            f"{quote.stance or '':<10} {quote.confidence or 0:>4.2f} "
            f"{'' if quote.on_topic is None else format(quote.on_topic, '.2f'):>5}  “{one_line}”"
        )
    print(f"\n{len(quotes)} quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
