"""Measure quote extraction and speaker attribution against gold annotations.

    python -m training.evaluate_attribution                  # project gold set, both splits
    python -m training.evaluate_attribution --split heldout
    python -m training.evaluate_attribution --polnear ../shared/eval/polnear --split test
    python -m training.evaluate_attribution --realnews ../shared/eval/realnews/dev
    python -m training.evaluate_attribution --polnear ../shared/eval/polnear --realnews ../shared/eval/realnews/dev --damaged

A predicted quote matches a gold quote when they overlap by at least half of
the longer of the two (one-to-one, greedy by overlap). Speaker accuracy is the
share of matched quotes whose speaker names the gold speaker. `--damaged`
also scores every article with its quotation marks damaged (`training.damage`)
and prints clean and damaged side by side. Every article of every yardstick is
checked for leaks (`training.leaks`): any leak fails the command.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from model.pipeline import Pipeline
from model.records import Quote
from model.speakers import ORG_WORDS, normalize_name

from .gold import GOLD_DIR
from .leaks import Leak, find_leaks
from .yardsticks import (  # noqa: F401  (re-exported: callers import the readers from here)
    NOT_A_SOURCE,
    PRONOUN_SOURCES,
    Document,
    GoldSpan,
    damaged_documents,
    polnear_documents,
    project_documents,
    realnews_documents,
)


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
    # Speakers or mentions holding quoted words or the parser's placeholder (`training.leaks`).
    leaks: list[Leak] = field(default_factory=list)
    # Articles by damage kind (empty for text as found).
    damage_kinds: Counter = field(default_factory=Counter)

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
            "leaks": len(self.leaks),
            "leak_examples": [str(leak) for leak in self.leaks[:5]],
            **({"damage_kinds": dict(sorted(self.damage_kinds.items()))} if self.damage_kinds else {}),
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


def _words(name: str) -> tuple[str, ...]:
    """Lower-case words with a possessive 's dropped: "Iran's Foreign Ministry" → ("iran", "foreign", "ministry")."""
    name = re.sub(r"['’]s\b", "", name.lower().replace("’", "'"))
    return tuple(re.findall(r"[^\W_]+(?:['-][^\W_]+)*", name))


def _holds(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """`shorter` is a run of `longer`'s words, of more than 3 letters."""
    if not shorter or sum(map(len, shorter)) <= 3 or len(shorter) > len(longer):
        return False
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def realnews_speaker_matches(predicted: str | None, gold: GoldSpan, mention: str | None = None, text: str = "") -> bool:
    """The real-news README's rule: the predicted speaker or mention equals, contains or is contained in
    (more than 3 letters) the gold speaker or one of its aliases, compared as lower-case words with a
    possessive 's dropped."""
    if gold.speaker is None:
        return False
    targets = [_words(name) for name in (gold.speaker, *gold.aliases)]
    for guess in (predicted, mention):
        words = _words(guess) if guess else ()
        if words and any(words == t or _holds(words, t) or _holds(t, words) for t in targets if t):
            return True
    return False


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


SpeakerRule = Callable[[str | None, GoldSpan, str | None, str], bool]


def _predictions(documents: Sequence[Document], extract: Callable[[str], list[Quote]]) -> Iterable[list[Quote]]:
    """Each document's predicted quotes; a `Pipeline` reads them all in batches."""
    if isinstance(extract, Pipeline):
        return extract.stream(doc.text for doc in documents)
    return (extract(doc.text) for doc in documents)


def evaluate(documents: Iterable[Document], extract: Callable[[str], list[Quote]], strict_speakers: bool = True,
             speaker_rule: SpeakerRule | None = None) -> Report:
    """Score `extract` on documents.

    `strict_speakers` compares names exactly (after normalising); otherwise
    `speaker_rule` (default `speaker_matches`, the PolNeAR rule) judges each
    matched quote's speaker. Every article is also checked for leaks.
    """
    report = Report()
    documents = list(documents)
    rule = speaker_rule or speaker_matches
    for doc, predicted in zip(documents, _predictions(documents, extract)):
        report.leaks.extend(find_leaks(doc.id, predicted))
        if doc.damage:
            report.damage_kinds[doc.damage] += 1
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
                        right = rule(quote.speaker, gold, quote.speaker_mention, doc.text)
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


@dataclass
class Yardstick:
    """One collection measured: its clean report and, with `--damaged`, its damaged one."""

    key: str  # "heldout", "polnear_test", "realnews_dev": the JSON key and metric prefix
    label: str
    clean: Report
    damaged: Report | None = None
    named_speakers: bool = False  # PolNeAR: the speaker figure is on named (non-pronoun) sources

    def speaker(self, report: Report) -> float:
        return (report.non_pronoun if self.named_speakers else report.overall).speaker_accuracy


def _share(counts: Counts) -> str:
    return f"{counts.speaker_accuracy:.3f}" if counts.speaker_total else "-"


def side_by_side(yardstick: Yardstick) -> str:
    """Clean and damaged figures of one yardstick in two columns."""
    clean, damaged = yardstick.clean, yardstick.damaged
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(damaged.damage_kinds.items()))
    rows = [
        ("quotes gold / predicted", lambda r: f"{r.overall.tp + r.overall.fn}/{r.overall.tp + r.overall.fp}"),
        ("extraction P", lambda r: f"{r.overall.precision:.3f}"),
        ("extraction R", lambda r: f"{r.overall.recall:.3f}"),
        ("extraction F1", lambda r: f"{r.overall.f1:.3f}"),
        ("speaker accuracy, all", lambda r: _share(r.overall)),
        ("  named sources", lambda r: _share(r.non_pronoun)),
        ("  pronoun sources", lambda r: _share(r.pronoun)),
        ("speaker scored", lambda r: f"{r.overall.speaker_total}"),
        ("leaks", lambda r: f"{len(r.leaks)}"),
    ]
    headline = "named sources" if yardstick.named_speakers else "all"
    lines = [f"\n== {yardstick.label}: clean | damaged ({kinds} articles); floors use speaker accuracy, {headline} ==",
             f"{'':<26} {'clean':>10} {'damaged':>10}"]
    lines += [f"{name:<26} {value(clean):>10} {value(damaged):>10}" for name, value in rows]
    lines.append(f"\n{'damaged, by kind':<26} {'articles':>10} {'F1':>10} {'spk (all)':>10}")
    for kind, articles in sorted(damaged.damage_kinds.items()):
        counts = damaged.by_pattern[f"damage:{kind}"]
        lines.append(f"{kind:<26} {articles:>10} {counts.f1:>10.3f} {_share(counts):>10}")
    return "\n".join(lines)


def print_leaks(yardstick: Yardstick, examples: int = 5) -> None:
    for name, report in (("clean", yardstick.clean), ("damaged", yardstick.damaged)):
        if report is not None and report.leaks:
            kinds = Counter(leak.kind for leak in report.leaks)
            print(f"\nLEAKS in {yardstick.label} ({name}): {len(report.leaks)} "
                  f"({', '.join(f'{kind} {n}' for kind, n in kinds.most_common())}); first {min(examples, len(report.leaks))}:")
            for leak in report.leaks[:examples]:
                print(f"- {leak}")


def measure(documents: list[Document], pipeline: Callable[[str], list[Quote]], key: str, label: str, damaged: bool,
            strict_speakers: bool = True, speaker_rule: SpeakerRule | None = None, named_speakers: bool = False) -> Yardstick:
    """One yardstick's reports, clean and (with `damaged`) damaged."""
    clean = evaluate(documents, pipeline, strict_speakers, speaker_rule)
    broken = evaluate(damaged_documents(documents), pipeline, strict_speakers, speaker_rule) if damaged else None
    return Yardstick(key, label, clean, broken, named_speakers)


def measure_gold(pipeline, split: str, damaged: bool = False, directory: Path = GOLD_DIR) -> Yardstick:
    return measure(project_documents(directory, split), pipeline, split, f"gold set, {split} split", damaged)


def measure_polnear(pipeline, root: Path, split: str, damaged: bool = False) -> Yardstick:
    return measure(polnear_documents(root, split), pipeline, f"polnear_{split}", f"PolNeAR {split}", damaged,
                   strict_speakers=False, named_speakers=True)


def measure_realnews(pipeline, directory: Path, damaged: bool = False) -> Yardstick:
    name = Path(directory).name or "dev"
    return measure(realnews_documents(directory), pipeline, f"realnews_{name}", f"real news {name}", damaged,
                   strict_speakers=False, speaker_rule=realnews_speaker_matches)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", help="gold split (tune/heldout) or PolNeAR split (dev/test)")
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    parser.add_argument("--polnear", type=Path, help="PolNeAR folder (e.g. ../shared/eval/polnear)")
    parser.add_argument("--realnews", type=Path, help="real-news folder of <id>.txt + <id>.json (e.g. ../shared/eval/realnews/dev)")
    parser.add_argument("--damaged", action="store_true", help="also score every article with its quotation marks damaged, side by side")
    parser.add_argument("--worst", type=int, default=None, help="list this many misses (default 20 for PolNeAR, 0 otherwise)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--min-f1", type=float, help="exit 1 if extraction F1 falls below this")
    parser.add_argument("--min-speaker", type=float, help="exit 1 if speaker accuracy (non-pronoun sources for PolNeAR) falls below this")
    parser.add_argument("--min-damaged-f1", type=float, help="exit 1 if extraction F1 on damaged text falls below this (needs --damaged)")
    parser.add_argument("--min-damaged-speaker", type=float, help="exit 1 if speaker accuracy on damaged text falls below this (needs --damaged)")
    parser.add_argument("--allow-leaks", action="store_true", help="report leaks without failing (CI runs without it)")
    args = parser.parse_args(argv)
    if (args.min_damaged_f1 is not None or args.min_damaged_speaker is not None) and not args.damaged:
        parser.error("--min-damaged-f1 and --min-damaged-speaker need --damaged")
    pipeline = Pipeline()

    yardsticks: list[Yardstick] = []
    if args.polnear is not None:
        split = args.split or "test"
        if not (args.polnear / split / "text").is_dir():
            print(f"PolNeAR not found at {args.polnear / split}; skipping the PolNeAR evaluation.")
        else:
            yardstick = measure_polnear(pipeline, args.polnear, split, args.damaged)
            print_report(yardstick.clean, yardstick.label, 20 if args.worst is None else args.worst, show_patterns=False)
            yardsticks.append(yardstick)
    if args.realnews is not None:
        if not args.realnews.is_dir() or not any(args.realnews.glob("*.json")):
            print(f"real news not found at {args.realnews}; skipping the real-news evaluation.")
        else:
            yardstick = measure_realnews(pipeline, args.realnews, args.damaged)
            print_report(yardstick.clean, yardstick.label, args.worst or 0, show_patterns=False)
            yardsticks.append(yardstick)
    if args.polnear is None and args.realnews is None:
        for split in [args.split] if args.split else ["tune", "heldout"]:
            yardstick = measure_gold(pipeline, split, args.damaged, args.gold_dir)
            print_report(yardstick.clean, yardstick.label, args.worst or 0, show_patterns=True)
            yardsticks.append(yardstick)

    results = {}
    for yardstick in yardsticks:
        results[yardstick.key] = yardstick.clean.as_dict()
        if yardstick.damaged is not None:
            results[f"{yardstick.key}_damaged"] = yardstick.damaged.as_dict()
            print(side_by_side(yardstick))
        else:
            print(f"leaks: {len(yardstick.clean.leaks)}")
        print_leaks(yardstick)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return check_floors(yardsticks, args)


def check_floors(yardsticks: list[Yardstick], args: argparse.Namespace) -> int:
    """1 (with a FAIL line per miss) when a figure falls below its floor or anything leaked, else 0."""
    failed = []
    floors = [("extraction F1", "clean", lambda y, r: r.overall.f1, args.min_f1),
              ("speaker accuracy", "clean", Yardstick.speaker, args.min_speaker),
              ("extraction F1", "damaged", lambda y, r: r.overall.f1, args.min_damaged_f1),
              ("speaker accuracy", "damaged", Yardstick.speaker, args.min_damaged_speaker)]
    for yardstick in yardsticks:
        for what, which, figure, floor in floors:
            report = yardstick.clean if which == "clean" else yardstick.damaged
            if floor is not None and report is not None and figure(yardstick, report) < floor:
                failed.append(f"{yardstick.label} ({which}): {what} {figure(yardstick, report):.3f} < floor {floor}")
        leaks = len(yardstick.clean.leaks) + (len(yardstick.damaged.leaks) if yardstick.damaged else 0)
        if leaks and not args.allow_leaks:
            failed.append(f"{yardstick.label}: {leaks} leaks (speaker or mention holding quoted words or the placeholder)")
    for message in failed:
        print(f"FAIL: {message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
