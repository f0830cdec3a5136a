"""Measure quote extraction and speaker attribution against gold annotations.

    python -m training.evaluate_attribution                  # project gold set, both splits
    python -m training.evaluate_attribution --split heldout
    python -m training.evaluate_attribution --polnear ../shared/eval/polnear --split test

A predicted quote matches a gold quote when they overlap by at least half of
the longer of the two (one-to-one, greedy by overlap). Speaker accuracy is the
share of matched quotes whose speaker names the gold speaker.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from model.pipeline import Pipeline
from model.records import Quote
from model.speakers import ORG_WORDS, normalize_name

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


@dataclass
class Document:
    id: str
    text: str
    gold: list[GoldSpan]
    group: str = ""  # publisher or split, for the per-group table
    patterns: tuple[str, ...] = ()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_right: int = 0
    speaker_total: int = 0

    def add(self, other: "Counts") -> None:
        for name in ("tp", "fp", "fn", "speaker_right", "speaker_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0

    def summary(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "speaker_scored": self.speaker_total,
        }


@dataclass
class Miss:
    """A gold quote the pipeline missed or gave to the wrong speaker."""

    doc_id: str
    kind: str  # "missed", "speaker", "spurious"
    quote: str
    gold_speaker: str | None
    predicted_speaker: str | None
    context: str


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    by_group: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_pattern: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    pronoun: Counts = field(default_factory=Counts)
    non_pronoun: Counts = field(default_factory=Counts)
    pronoun_named: int = 0
    # Pronoun sources whose referent the article names earlier (an annotated source before
    # them), and how many of those came back as a name: the issue's "wherever the article
    # names the referent".
    pronoun_with_referent: int = 0
    pronoun_with_referent_named: int = 0
    # Why named (non-pronoun) sources were missed, by kind (see `miss_kind`).
    named_misses: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.summary(),
            "by_group": {k: v.summary() for k, v in sorted(self.by_group.items())},
            "by_pattern": {k: v.summary() for k, v in sorted(self.by_pattern.items())},
            "speaker_accuracy_non_pronoun": round(self.non_pronoun.speaker_accuracy, 4),
            "speaker_accuracy_pronoun": round(self.pronoun.speaker_accuracy, 4),
            "pronoun_resolved_to_name": round(self.pronoun_named / self.pronoun.speaker_total, 4)
            if self.pronoun.speaker_total
            else None,
            "pronoun_with_named_referent_resolved": round(self.pronoun_with_referent_named / self.pronoun_with_referent, 4)
            if self.pronoun_with_referent
            else None,
            "named_source_misses": dict(self.named_misses.most_common()),
        }


def overlap_match(predicted: list[Quote], gold: list[GoldSpan]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) overlapping by ≥ half the longer span."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap > 0 and overlap >= 0.5 * max(p.end - p.start, g.end - g.start):
                pairs.append((overlap, i, j))
    used_p, used_g, matched = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def speaker_matches(predicted: str | None, gold: GoldSpan, mention: str | None = None, text: str = "") -> bool:
    """Same speaker after normalising case, accents, determiners and possessives.

    A gold name may be matched by a fuller or shorter form of itself (the
    head noun, i.e. the surname or the body's noun, must agree, allowing one
    slip of spelling as the guideline's "later spellings" do); for a pronoun
    source, the predicted speaker must name the pronoun's referent. PolNeAR
    sources carry appositives ("Ryan Ellis, a tax consultant"); a person's
    name there ("The minister, Mr. Reyes") names the speaker. PolNeAR keeps a role as written ("the mayor")
    where our guideline resolves it to the person, so a role source also
    matches the predicted mention as written, or the person the article
    itself gives that role ("Mayor Ilse Maren", "Ilse Maren, the mayor").
    """
    if predicted is None or gold.speaker is None:
        return False
    if mention is not None and gold.referent is None and mention.strip().lower() not in PRONOUN_SOURCES:
        if speaker_matches(mention, gold):
            return True
    target = gold.referent if gold.referent is not None else gold.speaker
    p = normalize_name(predicted)
    if not p:
        return False
    first, *appositives = re.split(r"[,(]", target)
    g = normalize_name(first)
    if g and (_same_name(p, g) or (text and _article_gives_role(text, first, p))):
        return True
    # A later part counts only when it is a person's name ("The economy minister, Mr. Reyes"),
    # not an affiliation ("Peggy Drexler, CNN"; "counsel to Trump's transition team").
    for part in appositives:
        words = part.split()
        if len(words) >= 2 and all(w[:1].isupper() for w in words) and normalize_name(words[-1]) not in ORG_WORDS:
            if normalize_name(words[-1]) in p.split() or _same_name(p, normalize_name(part)):
                return True
    return False


def _same_name(p: str, g: str) -> bool:
    """Normalised names agree: equal, or one's head noun is a word of the other."""
    if p == g:
        return True
    p_words, g_words = p.split(), g.split()
    # The gold head noun in the prediction ("Sen. Jason Chaffetz" → "Jason Chaffetz"),
    # or the prediction's head in the gold phrase ("the Clinton campaign" → "Clinton campaign").
    if g_words[-1] in p_words or p_words[-1] in g_words:
        return True
    # One slip of spelling in a longer surname ("McLenney" / "McClenney").
    return len(g_words[-1]) >= 5 and any(len(w) >= 5 and _one_edit_apart(g_words[-1], w) for w in p_words)


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter inserted, dropped or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


_ROLE_MODIFIERS = {"vice", "former", "deputy", "acting", "then", "ex", "late", "assistant", "fellow", "another", "other"}


def _article_gives_role(text: str, role: str, predicted: str) -> bool:
    """The article writes the role right before or after the predicted person's name."""
    words = role.split()
    if not words or not (words[0].lower() in {"the", "a", "an"} or words[0][:1].islower()):
        return False  # a name, not a role
    if words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words:
        return False
    role_pattern = r"\s+".join(re.escape(w) for w in words)
    surname = re.escape(predicted.split()[-1])
    before = rf"(?i:{role_pattern})\s+(?:[A-Z][\w.’'-]*\s+){{0,3}}(?i:{surname})\b"
    after = rf"(?i:{surname})(?:’s|'s)?,\s+(?i:the\s+|a\s+)?(?i:{role_pattern})\b"
    if re.search(after, text):
        return True
    for match in re.finditer(before, text):
        # Only the role as such: not "Vice President …", "former president …" or "Australian Prime Minister …".
        previous = text[: match.start()].split()[-1:]
        if not previous or previous[0][-1:] in ".,;:!?\"“”(—" or previous[0].lower() == "the":
            return True
        if previous[0][:1].islower() and previous[0].lower() not in _ROLE_MODIFIERS:
            return True
    return False


#: First words that make a gold source a description rather than a name ("the mayor", "critics").
_DESCRIPTION_STARTS = {"the", "a", "an", "one", "some", "many", "few", "other", "another", "this", "these", "those", "my", "our", "his", "her", "their"}


def miss_kind(predicted: str | None, gold: GoldSpan, speakers: set[str]) -> str:
    """Why a named source was missed, so the next improvement shows: `speakers` are the article's predicted speakers."""
    if predicted is None:
        return "no speaker given"
    if normalize_name(predicted) in PRONOUN_SOURCES:
        return "pronoun left unresolved"
    source = (gold.speaker or "").strip()
    if not source or source.split()[0].lower() in _DESCRIPTION_STARTS or source[:1].islower():
        return "gold source is a role or description"
    parts = [normalize_name(part) for part in re.split(r"[,(]", source)]
    if any(_same_name(speaker, part) for speaker in speakers for part in parts if part):
        return "another of the article's speakers"
    return "gold speaker never given as a speaker"


def _context(text: str, start: int, end: int, width: int = 90) -> str:
    snippet = text[max(0, start - width) : min(len(text), end + width)]
    return re.sub(r"\s+", " ", snippet)


def evaluate(documents: Iterable[Document], extract: Callable[[str], list[Quote]], strict_speakers: bool = True) -> Report:
    """Score `extract` on documents; `strict_speakers` compares names exactly (after normalising)."""
    report = Report()
    for doc in documents:
        predicted = extract(doc.text)
        pairs = overlap_match(predicted, doc.gold)
        counts = Counts(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(doc.gold) - len(pairs))
        matched_gold = {j: i for i, j in pairs}
        speakers = {normalize_name(q.speaker) for q in predicted if q.speaker} - {""}
        for j, gold in enumerate(doc.gold):
            tags = set(gold.patterns) | set(doc.patterns)
            one = Counts()
            if j in matched_gold:
                one.tp = 1
                quote = predicted[matched_gold[j]]
                if gold.speaker is not None:
                    if strict_speakers:
                        right = quote.speaker is not None and normalize_name(quote.speaker) == normalize_name(gold.speaker)
                    else:
                        right = speaker_matches(quote.speaker, gold, quote.speaker_mention, doc.text)
                    one.speaker_total, one.speaker_right = 1, int(right)
                    counts.speaker_total += 1
                    counts.speaker_right += int(right)
                    is_pronoun = (gold.mention or "").lower() in PRONOUN_SOURCES
                    (report.pronoun if is_pronoun else report.non_pronoun).add(one)
                    named = bool(quote.speaker) and normalize_name(quote.speaker) not in PRONOUN_SOURCES
                    if is_pronoun:
                        report.pronoun_named += named
                        if gold.referent is not None:
                            report.pronoun_with_referent += 1
                            report.pronoun_with_referent_named += named
                    if not right and not is_pronoun:
                        report.named_misses[miss_kind(quote.speaker, gold, speakers)] += 1
                    if not right:
                        report.misses.append(Miss(doc.id, "speaker", doc.text[gold.start : gold.end], gold.referent or gold.speaker, quote.speaker, _context(doc.text, gold.start, gold.end)))
            else:
                one.fn = 1
                report.misses.append(Miss(doc.id, "missed", doc.text[gold.start : gold.end], gold.speaker, None, _context(doc.text, gold.start, gold.end)))
            for tag in tags:
                report.by_pattern[tag].add(one)
        matched_pred = {i for i, _ in pairs}
        for i, quote in enumerate(predicted):
            if i not in matched_pred:
                report.misses.append(Miss(doc.id, "spurious", quote.text, None, quote.speaker, _context(doc.text, quote.start, quote.end)))
                for tag in doc.patterns:
                    report.by_pattern[tag].fp += 1
        report.overall.add(counts)
        report.by_group[doc.group].add(counts)
    return report


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


# -- printing -----------------------------------------------------------------


def format_table(rows: dict[str, Counts], title: str) -> str:
    lines = [f"{title:<22} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'spk acc':>8}"]
    for name, c in rows.items():
        lines.append(
            f"{name:<22} {c.tp + c.fn:>5} {c.tp + c.fp:>5} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f} {c.speaker_accuracy:>8.3f}"
        )
    return "\n".join(lines)


def print_report(report: Report, label: str, worst: int, show_patterns: bool) -> None:
    print(f"\n== {label} ==")
    print(format_table({"overall": report.overall, **dict(sorted(report.by_group.items()))}, "group"))
    if show_patterns:
        print()
        print(format_table(dict(sorted(report.by_pattern.items())), "pattern (recall)"))
    referent = (f" ({report.pronoun_with_referent_named}/{report.pronoun_with_referent} where the article names the referent earlier)"
                if report.pronoun_with_referent else "")
    print(
        f"\nspeaker accuracy: non-pronoun source {report.non_pronoun.speaker_accuracy:.3f} "
        f"({report.non_pronoun.speaker_total}), pronoun source {report.pronoun.speaker_accuracy:.3f} "
        f"({report.pronoun.speaker_total}), pronouns resolved to a name "
        f"{report.pronoun_named}/{report.pronoun.speaker_total}{referent}"
    )
    if report.named_misses:
        kinds = ", ".join(f"{kind} {n}" for kind, n in report.named_misses.most_common())
        print(f"named-source speaker misses by kind: {kinds}")
    if worst:
        misses = sorted(report.misses, key=lambda m: (m.kind == "spurious", -len(m.quote)))[:worst]
        print(f"\n{len(misses)} worst misses:")
        for m in misses:
            print(f"- [{m.kind}] {m.doc_id}: {m.quote[:80]!r} gold={m.gold_speaker!r} predicted={m.predicted_speaker!r}\n    …{m.context}…")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", help="gold split (tune/heldout) or PolNeAR split (dev/test)")
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    parser.add_argument("--polnear", type=Path, help="PolNeAR folder (e.g. ../shared/eval/polnear)")
    parser.add_argument("--worst", type=int, default=None, help="list this many misses (default 20 for PolNeAR, 0 otherwise)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--min-f1", type=float, help="exit 1 if extraction F1 falls below this")
    parser.add_argument("--min-speaker", type=float, help="exit 1 if speaker accuracy (non-pronoun sources for PolNeAR) falls below this")
    args = parser.parse_args(argv)
    pipeline = Pipeline()

    if args.polnear is not None:
        split = args.split or "test"
        if not (args.polnear / split / "text").is_dir():
            print(f"PolNeAR not found at {args.polnear / split}; skipping the real-news evaluation.")
            return 0
        report = evaluate(polnear_documents(args.polnear, split), pipeline, strict_speakers=False)
        print_report(report, f"PolNeAR {split}", 20 if args.worst is None else args.worst, show_patterns=False)
        results = {f"polnear_{split}": report.as_dict()}
        # Real-news floors judge speakers on named sources; pronouns are reported apart.
        f1, speaker = report.overall.f1, report.non_pronoun.speaker_accuracy
    else:
        results, f1, speaker = {}, 1.0, 1.0
        for split in [args.split] if args.split else ["tune", "heldout"]:
            report = evaluate(project_documents(args.gold_dir, split), pipeline)
            print_report(report, f"gold set, {split} split", args.worst or 0, show_patterns=True)
            results[split] = report.as_dict()
            f1 = min(f1, report.overall.f1)
            speaker = min(speaker, report.overall.speaker_accuracy)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    failed = []
    if args.min_f1 is not None and f1 < args.min_f1:
        failed.append(f"extraction F1 {f1:.3f} < floor {args.min_f1}")
    if args.min_speaker is not None and speaker < args.min_speaker:
        failed.append(f"speaker accuracy {speaker:.3f} < floor {args.min_speaker}")
    for message in failed:
        print(f"FAIL: {message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
