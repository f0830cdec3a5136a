"""Damage an article's quotation marks the way scrapers do, carrying gold offsets through.

The real-news yardstick's README (``../shared/eval/realnews/README.md``,
"Damaged") defines the damage, and every yardstick gets the same:

1. straight double quotes are curled per paragraph (a line): the first ``"``
   of a line opens (``“``), the next closes (``”``), and so on;
2. then the whole article gets one of two kinds, chosen by a seed:

   - ``dagger``: every closing ``”`` becomes ``†``, and a space right after it
     is lost (``“Yes,” she said`` → ``“Yes,†she said``);
   - ``mojibake``: UTF-8 read as Windows-1252: ``“`` → ``â€œ``, ``’`` → ``â€™``,
     and ``”`` → ``â€\\x9d`` or, in a second flavour (``mojibake_bare``), a
     bare ``â€`` whose third byte was lost.

`damage` is a pure function of the text, the spans and the seed, so a run is
repeatable and a property test can reuse it. Spans are ``(start, end)``
character offsets; the returned spans index the damaged text, and
``damaged[new_start:new_end]`` is the old slice with the same edits applied.
"""

from __future__ import annotations

import random
from typing import Sequence

#: Mixed into every article's seed, so changing it re-draws every article's kind.
DAMAGE_SEED = 15

KINDS = ("dagger", "mojibake", "mojibake_bare")

_MOJIBAKE = {"“": "â€œ", "’": "â€™"}
_CLOSE_MOJIBAKE = {"mojibake": "â€\x9d", "mojibake_bare": "â€"}


def choose_kind(seed: int | str) -> str:
    """The article's damage: dagger or mojibake with even odds, then the flavour of ``”``."""
    rng = random.Random(f"{DAMAGE_SEED}:{seed}")
    if rng.random() < 0.5:
        return "dagger"
    return "mojibake" if rng.random() < 0.5 else "mojibake_bare"


def curl_straight_quotes(text: str) -> str:
    """Straight double quotes curled per line: they alternate opening and closing, starting over each line."""
    out, opening = [], True
    for ch in text:
        if ch == "\n":
            opening = True
        elif ch == '"':
            ch = "“" if opening else "”"
            opening = not opening
        out.append(ch)
    return "".join(out)


def damage(text: str, spans: Sequence[tuple[int, int]] = (), seed: int | str = 0, kind: str | None = None) -> tuple[str, list[tuple[int, int]]]:
    """`text` with its quotation marks damaged, and `spans` moved onto the damaged text.

    `kind` forces one of `KINDS`; by default `choose_kind(seed)` picks it.
    """
    kind = kind or choose_kind(seed)
    if kind not in KINDS:
        raise ValueError(f"unknown damage kind {kind!r}; expected one of {KINDS}")
    curled = curl_straight_quotes(text)  # one character for one: offsets unchanged
    pieces: list[str] = []
    # new_at[i]: where the damaged text holds what stood at position i (len(text) maps to the end).
    new_at: list[int] = []
    size = 0
    skip_space = False
    for ch in curled:
        new_at.append(size)
        if skip_space and ch == " ":
            skip_space = False
            continue  # the space after a damaged closing mark is lost
        skip_space = False
        if kind == "dagger":
            if ch == "”":
                ch, skip_space = "†", True
        elif ch == "”":
            ch = _CLOSE_MOJIBAKE[kind]
        else:
            ch = _MOJIBAKE.get(ch, ch)
        pieces.append(ch)
        size += len(ch)
    new_at.append(size)
    return "".join(pieces), [(new_at[start], new_at[end]) for start, end in spans]
