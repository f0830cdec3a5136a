"""The yardsticks: gold quotes and speakers read into `Document`s, one reader per collection.

- the project's own gold set (`data/attribution/`, see `training.gold`),
- PolNeAR (`../shared/eval/polnear`, brat standoff; see its README),
- real news about negotiations (`../shared/eval/realnews/dev`, `<id>.txt` + `<id>.json`; see its README),

and `damaged_documents`, the same documents with their quotation marks damaged
(`training.damage`) and their gold offsets carried onto the damaged text.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .damage import choose_kind, damage
from .gold import GOLD_DIR, load_gold

PRONOUN_SOURCES = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "its", "their", "who", "whom", "which"}
#: PolNeAR sources that are a verb or an adverb, not a speaker (annotation slips): their speaker is not scored.
NOT_A_SOURCE = {"said", "says", "say", "told", "added", "advises", "where"}


@dataclass
class GoldSpan:
    """One gold quote, whichever corpus it came from."""

    start: int
    end: int
    speaker: str | None
    mention: str | None = None
    patterns: tuple[str, ...] = ()
    # For a pronoun source in PolNeAR: the name it most likely refers to.
    referent: str | None = None
    # Real news: other forms of the speaker's name that are also right.
    aliases: tuple[str, ...] = ()


@dataclass
class Document:
    id: str
    text: str
    gold: list[GoldSpan]
    group: str = ""  # publisher or split, for the per-group table
    patterns: tuple[str, ...] = ()
    # How the text was damaged ("" for the text as found; see `damaged_documents`).
    damage: str = ""


# -- the project's gold set ---------------------------------------------------


def project_documents(directory: Path = GOLD_DIR, split: str | None = None) -> list[Document]:
    return [
        Document(
            a.id,
            a.text,
            [GoldSpan(q.start, q.end, q.speaker, q.mention, q.patterns) for q in a.quotes],
            group=a.split,
            patterns=a.patterns,
        )
        for a in load_gold(directory, split)
    ]


# -- PolNeAR ------------------------------------------------------------------

_OPEN_MARKS = "“\"«„"
_CLOSE_MARKS = "”\"»“"


def _quoted_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans between quotation marks inside one Content segment (independent of the project's finder)."""
    parts, open_at = [], None
    i = start - 1
    while i + 1 < end:
        i += 1
        ch = text[i]
        width = 2 if text[i : i + 2] == "''" else 1  # NYT writes quotes as ''…''
        if width == 2:
            ch = '"'
        if ch not in _OPEN_MARKS and ch not in _CLOSE_MARKS:
            continue
        before = text[i - 1] if i > 0 else " "
        if open_at is None and ch in _OPEN_MARKS and (before.isspace() or before in "([—-" or i == start):
            open_at = i + width
        elif open_at is not None and ch in _CLOSE_MARKS:
            if i > open_at:
                parts.append((open_at, i))
            open_at = None
        elif open_at is None and ch in _CLOSE_MARKS and not parts:
            parts.append((start, i))  # content starts inside a quote
        i += width - 1
    if open_at is not None and end > open_at:
        parts.append((open_at, end))
    trimmed = []
    for s, e in parts:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            trimmed.append((s, e))
    return trimmed


def _read_brat(path: Path) -> tuple[dict[str, list[tuple[int, int]]], dict[str, str], list[dict[str, str]]]:
    spans, texts, events = {}, {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, middle, *rest = line.split("\t")
            kind, offsets = middle.split(" ", 1)
            spans[tid] = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            texts[tid] = kind
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            events.append(dict(arg.split(":", 1) for arg in args.split()))
    return spans, texts, events


def _head_word(phrase: str) -> str:
    words = re.findall(r"[\w’'-]+", phrase)
    return words[-1] if words else phrase


def polnear_documents(root: Path, split: str) -> list[Document]:
    """PolNeAR articles with the attributions whose content holds quotation marks."""
    root = Path(root)
    publishers = {}
    metadata = root / "metadata.tsv"
    if metadata.exists():
        lines = metadata.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        for line in lines[1:]:
            row = dict(zip(header, line.split("\t")))
            publishers[row.get("filename")] = row.get("publisher", "")
    documents = []
    for text_path in sorted((root / split / "text").glob("*.txt")):
        name = text_path.stem
        annotations = sorted((root / split / "attributions").glob(f"{name}_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text(encoding="utf-8")
        spans, kinds, events = _read_brat(annotations[0])
        gold: list[GoldSpan] = []
        sources = []  # (offset, source text) of non-pronoun sources, for pronoun referents
        for event in events:
            source_id = event.get("Source")
            if source_id in spans:
                s, e = spans[source_id][0][0], spans[source_id][-1][1]
                if text[s:e].strip().lower() not in PRONOUN_SOURCES:
                    sources.append((s, text[s:e]))
        sources.sort()
        for event in events:
            content_id = event.get("Content")
            if content_id not in spans:
                continue
            source_id = event.get("Source")
            source = None
            referent = None
            if source_id in spans:
                s, e = spans[source_id][0][0], spans[source_id][-1][1]
                source = text[s:e]
                if source.strip().lower() in NOT_A_SOURCE:
                    source = None
                elif source.strip().lower() in PRONOUN_SOURCES:
                    earlier = [t for off, t in sources if off < s]
                    referent = earlier[-1] if earlier else None
            for seg_start, seg_end in spans[content_id]:
                for q_start, q_end in _quoted_parts(text, seg_start, seg_end):
                    gold.append(GoldSpan(q_start, q_end, source, source, (), referent))
        gold.sort(key=lambda g: (g.start, g.end))
        deduped = []
        for g in gold:
            if deduped and g.start < deduped[-1].end:
                continue  # nested attributions quote the same words twice
            deduped.append(g)
        documents.append(Document(name, text, deduped, group=publishers.get(name, name.split("_")[0])))
    return documents


# -- real news about negotiations ---------------------------------------------------

#: The speaker of a quote whose article never says who spoke.
UNATTRIBUTED = "unattributed"


def realnews_documents(directory: Path) -> list[Document]:
    """The real-news articles in `directory` (`<id>.txt` and `<id>.json`, see its README).

    A quote whose speaker is "unattributed" and whose mention is null gets no
    speaker, so speaker accuracy leaves it out, as the README scores it.
    """
    documents = []
    for meta_path in sorted(Path(directory).glob("*.json")):
        text_path = meta_path.with_suffix(".txt")
        if not text_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        text = text_path.read_text(encoding="utf-8")
        gold = []
        for q in meta.get("quotes", []):
            start, end = int(q["start"]), int(q["end"])
            if text[start:end] != q["quote"]:
                raise ValueError(f"{meta_path}: quote at {start}:{end} does not match its text")
            speaker, mention = q.get("speaker"), q.get("mention")
            if speaker == UNATTRIBUTED and mention is None:
                speaker = None
            gold.append(GoldSpan(start, end, speaker, mention, aliases=tuple(q.get("aliases") or ())))
        gold.sort(key=lambda g: (g.start, g.end))
        outlet = re.sub(r"\s*\(.*\)$", "", meta.get("outlet", ""))  # "BBC News (bot repost on …)" → "BBC News"
        documents.append(Document(meta.get("id", meta_path.stem), text, gold, group=outlet))
    return documents


# -- damaged copies -----------------------------------------------------------------


def damaged_documents(documents: list[Document]) -> list[Document]:
    """Each document with its quotation marks damaged (seeded by its id), gold offsets carried through."""
    damaged = []
    for doc in documents:
        text, spans = damage(doc.text, [(g.start, g.end) for g in doc.gold], seed=doc.id)
        gold = [dataclasses.replace(g, start=s, end=e) for g, (s, e) in zip(doc.gold, spans)]
        kind = choose_kind(doc.id)
        # The kind also tags the article, so reports count figures per kind (`Report.by_pattern`).
        damaged.append(dataclasses.replace(doc, text=text, gold=gold, damage=kind, patterns=(*doc.patterns, f"damage:{kind}")))
    return damaged
