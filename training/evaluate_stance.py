"""Stance on real news: how a model labels the quotes of real articles.

    python -m training.evaluate_stance --realnews ../shared/eval/realnews/dev
    python -m training.evaluate_stance --realnews ../shared/eval/realnews/dev --model-dir model/default_model
    python -m training.evaluate_stance --realnews ../shared/eval/realnews/dev --model-uri models:/negotiation-stance@champion
    python -m training.evaluate_stance --realnews ../shared/eval/realnews/dev --damaged    # also with its quote marks damaged

The yardstick (`../shared/eval/realnews/README.md`) holds raw scraped
articles (`<id>.txt`) and their gold quotes (`<id>.json`). Its stance-gold
quotes are those `on_topic`, `clear`, and labelled the same by both
annotators. Two views:

- **gold spans**: each stance-gold quote, labelled with its sentence, built
  exactly as `predict()` builds it (`model.context`) but from the gold span,
  so stance is measured apart from extraction: macro-F1, per-label F1,
  confusion matrix, accuracy, expected calibration error (ECE) and the count
  of wrong labels given with confidence ≥ 0.9;
- **end to end**: the articles, passed as they are, through `predict()`'s
  pipeline; a stance-gold quote counts when a predicted quote overlaps it by
  at least half of the longer span, names the right speaker (the README's
  rule) and has the right label.

Also reported: how well the model's `on_topic` probability separates the
yardstick's on-topic quotes from the others (when the model has that head).
With `--damaged`, both views again on the same articles with their quotation
marks damaged as scrapers damage them (`training.damage`, seeded by article
id, gold offsets carried through), as the attribution evaluation does.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from model.context import MENTION_REACH, quote_context, quote_text
from model.records import Quote
from model.stance import LABELS, StanceInput

from .evaluate_attribution import overlap_match, realnews_speaker_matches

REALNEWS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "realnews"
#: A wrong label at or above this confidence is a confident error.
CONFIDENT = 0.9


@dataclass(frozen=True)
class GoldQuote:
    quote: str
    start: int
    end: int
    speaker: str
    aliases: tuple[str, ...]
    mention: str | None
    stance: str
    second_stance: str | None
    on_topic: bool
    clear: bool

    @property
    def stance_gold(self) -> bool:
        """On topic, clear, and both annotators gave the same label: the quotes stance is scored on."""
        return self.on_topic and self.clear and self.second_stance == self.stance and self.stance in LABELS

    @property
    def speaker_scored(self) -> bool:
        """The README leaves out quotes whose speaker is "unattributed" and whose mention is null."""
        return not (self.speaker == "unattributed" and self.mention is None)


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


def read_realnews(folder: str | Path) -> list[Article]:
    """The articles of one part of the real-news yardstick (`<id>.txt` + `<id>.json`), sorted by id."""
    folder = Path(folder)
    articles = []
    for meta in sorted(folder.glob("*.json")):
        text_file = meta.with_suffix(".txt")
        if not text_file.is_file():
            raise FileNotFoundError(f"{meta} has no article {text_file.name}")
        with open(text_file, encoding="utf-8", newline="") as handle:
            text = handle.read()
        raw = json.loads(meta.read_text(encoding="utf-8"))
        quotes = []
        for q in raw["quotes"]:
            if text[q["start"] : q["end"]] != q["quote"]:
                raise ValueError(f"{meta}: gold span {q['start']}:{q['end']} does not hold its quote {q['quote'][:40]!r}")
            quotes.append(GoldQuote(
                q["quote"], q["start"], q["end"], q["speaker"], tuple(q.get("aliases") or ()), q.get("mention"),
                q["stance"], q.get("second_stance"), bool(q.get("on_topic")), bool(q.get("clear")),
            ))
        articles.append(Article(raw.get("id") or meta.stem, text, tuple(quotes)))
    if not articles:
        raise FileNotFoundError(f"no real-news articles (<id>.json + <id>.txt) in {folder}")
    return articles


def damaged_articles(articles: list[Article]) -> list[Article]:
    """Each article with its quotation marks damaged (seeded by its id), gold spans carried onto the damaged text."""
    from .damage import damage

    out = []
    for article in articles:
        text, spans = damage(article.text, [(q.start, q.end) for q in article.quotes], seed=article.id)
        quotes = tuple(dataclasses.replace(q, quote=text[start:end], start=start, end=end) for q, (start, end) in zip(article.quotes, spans))
        out.append(Article(article.id, text, quotes))
    return out


# --------------------------------------------------------------------------
# Gold spans → classifier inputs
# --------------------------------------------------------------------------


def _mention_offsets(text: str, quote: GoldQuote) -> tuple[int | None, int | None]:
    """Where the gold mention sits near its quote (nearest occurrence within the context's reach), if it does."""
    if not quote.mention:
        return None, None
    best = None
    for match in re.finditer(re.escape(quote.mention), text):
        if quote.start - MENTION_REACH - len(quote.mention) <= match.start() < quote.start:
            distance = quote.start - match.end()
        elif quote.end <= match.start() <= quote.end + MENTION_REACH:
            distance = match.start() - quote.end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, match.start(), match.end())
    return (best[1], best[2]) if best else (None, None)


def gold_input(text: str, quote: GoldQuote) -> StanceInput:
    """The classifier's input for a gold quote: as `predict()` would build it had it found this span and mention."""
    start, end = _mention_offsets(text, quote)
    record = Quote(quote.quote, quote.start, quote.end, mention_start=start, mention_end=end)
    return StanceInput(quote_text(record), quote_context(text, record))


# --------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------


def stance_metrics(labels: list[str], probabilities: np.ndarray) -> dict:
    """Macro-F1, per-label F1, accuracy, ECE, confident errors and the confusion matrix (rows gold, columns predicted)."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

    from .train import expected_calibration_error

    targets = np.array([LABELS.index(label) for label in labels])
    probabilities = np.asarray(probabilities, dtype=float).reshape(len(labels), len(LABELS))
    predicted = probabilities.argmax(axis=1)
    per_label = f1_score(targets, predicted, labels=range(len(LABELS)), average=None, zero_division=0)
    confident = probabilities.max(axis=1) >= CONFIDENT
    return {
        "n": len(labels),
        "macro_f1": float(f1_score(targets, predicted, labels=range(len(LABELS)), average="macro", zero_division=0)),
        **{f"f1_{label}": float(value) for label, value in zip(LABELS, per_label)},
        "accuracy": float(accuracy_score(targets, predicted)) if len(labels) else 0.0,
        "ece": expected_calibration_error(probabilities, targets) if len(labels) else 0.0,
        "confident_errors": int((confident & (predicted != targets)).sum()),
        "confusion": confusion_matrix(targets, predicted, labels=range(len(LABELS))).tolist(),
    }


def realnews_speaker_right(predicted: str | None, mention: str | None, gold: GoldQuote) -> bool:
    """The yardstick's speaker rule, as the attribution evaluation scores it (`realnews_speaker_matches`)."""
    return realnews_speaker_matches(predicted, gold, mention)


def _overlap_pairs(predicted: list[Quote], gold: list[GoldQuote]) -> dict[int, int]:
    """gold index → predicted index, matched as the attribution evaluation matches them (`overlap_match`)."""
    return {j: i for i, j in overlap_match(predicted, gold)}


def _roc_auc(scores: list[float], positive: list[bool]) -> float | None:
    if len(set(positive)) < 2:
        return None
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(positive, scores))


# --------------------------------------------------------------------------
# The evaluation
# --------------------------------------------------------------------------


@dataclass
class RealNewsReport:
    gold_spans: dict
    end_to_end: dict
    on_topic_auc: float | None = None
    #: One row per stance-gold quote on its gold span: id, gold, predicted, confidence, quote, context.
    rows: list[dict] = field(default_factory=list)

    def metrics(self, prefix: str = "realnews_dev") -> dict[str, float]:
        """Flat figures for MLflow."""
        g, e = self.gold_spans, self.end_to_end
        flat = {f"{prefix}_{name}": float(g[name]) for name in ("macro_f1", "accuracy", "ece", "confident_errors")}
        flat.update({f"{prefix}_f1_{label}": float(g[f"f1_{label}"]) for label in LABELS})
        flat[f"{prefix}_end_to_end"] = float(e["end_to_end"])
        flat[f"{prefix}_found"] = float(e["found"])
        flat[f"{prefix}_matched_macro_f1"] = float(e["matched_macro_f1"])
        if self.on_topic_auc is not None:
            flat[f"{prefix}_on_topic_auc"] = self.on_topic_auc
        return flat


def evaluate_realnews(classifier, folder: str | Path, pipeline=None, damaged: bool = False) -> RealNewsReport:
    """Gold-span and end-to-end figures of `classifier` on a real-news folder (its quote marks damaged, if asked).

    `pipeline` (default: the full pipeline around `classifier`, as `predict()` runs it) gives the end-to-end quotes.
    """
    articles = read_realnews(folder)
    if damaged:
        articles = damaged_articles(articles)
    gold = [(article, q) for article in articles for q in article.quotes if q.stance_gold]
    inputs = [gold_input(article.text, q) for article, q in gold]
    probabilities = classifier.predict_proba(inputs)
    gold_spans = stance_metrics([q.stance for _, q in gold], probabilities)
    rows = []
    for (article, q), item, p in zip(gold, inputs, probabilities):
        best = int(np.argmax(p))
        rows.append({"id": article.id, "start": q.start, "gold": q.stance, "predicted": LABELS[best],
                     "confidence": float(p[best]), "quote": item.quote, "context": item.context})

    on_topic_auc = None
    if getattr(classifier, "has_on_topic", False):
        every = [(article, q) for article in articles for q in article.quotes]
        scores = classifier.predict_on_topic([gold_input(a.text, q) for a, q in every])
        on_topic_auc = _roc_auc(list(map(float, scores)), [q.on_topic for _, q in every])

    if pipeline is None:
        from model.predict import pipeline_for

        pipeline = pipeline_for(classifier)
    predicted = pipeline.run_many([article.text for article in articles])
    found = speaker_right = right = 0
    matched_labels, matched_probabilities = [], []
    for article, quotes in zip(articles, predicted):
        pairs = _overlap_pairs(quotes, list(article.quotes))
        for j, g in enumerate(article.quotes):
            if not g.stance_gold or j not in pairs:
                continue
            p = quotes[pairs[j]]
            found += 1
            speaker_ok = not g.speaker_scored or realnews_speaker_right(p.speaker, p.speaker_mention, g)
            speaker_right += speaker_ok
            right += speaker_ok and p.stance == g.stance
            matched_labels.append(g.stance)
            matched_probabilities.append([p.probabilities.get(label, 0.0) for label in LABELS])
    total = len(gold)
    matched = stance_metrics(matched_labels, np.array(matched_probabilities)) if matched_labels else {"macro_f1": 0.0}
    end_to_end = {
        "n": total,
        "found": found / total if total else 0.0,
        "found_and_speaker": speaker_right / total if total else 0.0,
        "end_to_end": right / total if total else 0.0,
        "matched_macro_f1": matched["macro_f1"],
    }
    return RealNewsReport(gold_spans, end_to_end, on_topic_auc, rows)


def confusion_png(report: RealNewsReport, path: Path, title: str = "Real-news dev, gold spans") -> Path:
    """The gold-span confusion matrix as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    figure, axes = plt.subplots(figsize=(5, 4.5))
    ConfusionMatrixDisplay(np.array(report.gold_spans["confusion"]), display_labels=list(LABELS)).plot(ax=axes, colorbar=False)
    axes.set_title(title)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def format_report(report: RealNewsReport, worst: int = 0) -> str:
    g, e = report.gold_spans, report.end_to_end
    lines = [
        f"gold spans ({g['n']} stance-gold quotes)",
        f"  macro-F1 {g['macro_f1']:.3f}   accuracy {g['accuracy']:.3f}   ECE {g['ece']:.3f}   "
        f"wrong with confidence >= {CONFIDENT}: {g['confident_errors']}",
        "  F1 " + "   ".join(f"{label} {g[f'f1_{label}']:.3f}" for label in LABELS),
        "  confusion (rows gold, columns predicted)",
        "  " + " " * 12 + "".join(f"{label[:5]:>7}" for label in LABELS),
    ]
    for label, row in zip(LABELS, g["confusion"]):
        lines.append(f"  {label:<12}" + "".join(f"{value:>7}" for value in row))
    lines += [
        f"end to end through predict() ({e['n']} stance-gold quotes)",
        f"  found {e['found']:.3f}   found + right speaker {e['found_and_speaker']:.3f}   "
        f"found + right speaker + right label {e['end_to_end']:.3f}   (macro-F1 on the found ones {e['matched_macro_f1']:.3f})",
    ]
    if report.on_topic_auc is not None:
        lines.append(f"on_topic probability vs the yardstick's on_topic (all quotes): ROC AUC {report.on_topic_auc:.3f}")
    if worst:
        wrong = sorted((r for r in report.rows if r["gold"] != r["predicted"]), key=lambda r: -r["confidence"])[:worst]
        lines.append(f"most confident errors ({len(wrong)} shown)")
        for r in wrong:
            lines.append(f"  {r['id']}@{r['start']} gold {r['gold']:<10} predicted {r['predicted']:<10} {r['confidence']:.2f}  {r['context'][:150]}")
    return "\n".join(lines)


def load_classifier(model_dir: Path | None, model_uri: str | None):
    """The stance classifier of a saved folder, an MLflow model, or the shipped default."""
    from model.predict import DEFAULT_MODEL_DIR, load_pipeline
    from model.stance import StanceClassifier

    if model_uri:
        return load_pipeline(model_uri).label_stance.classifier
    return StanceClassifier.load(model_dir or DEFAULT_MODEL_DIR)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.evaluate_stance", description=__doc__.splitlines()[0])
    parser.add_argument("--realnews", type=Path, default=REALNEWS_DIR / "dev", help="a real-news folder (<id>.txt + <id>.json)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--model-dir", type=Path, help="a saved StanceClassifier folder (default: model/default_model)")
    source.add_argument("--model-uri", help="an MLflow model URI, e.g. models:/negotiation-stance@champion")
    parser.add_argument("--worst", type=int, default=10, help="list this many of the most confident errors (0: none)")
    parser.add_argument("--damaged", action="store_true", help="also measure with the articles' quotation marks damaged")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if not args.realnews.is_dir():
        print(f"error: no real-news folder at {args.realnews}", file=sys.stderr)
        return 2
    classifier = load_classifier(args.model_dir, args.model_uri)
    reports = {"clean": evaluate_realnews(classifier, args.realnews)}
    if args.damaged:
        reports["damaged"] = evaluate_realnews(classifier, args.realnews, damaged=True)
    if args.json:
        views = {name: {"gold_spans": r.gold_spans, "end_to_end": r.end_to_end, "on_topic_auc": r.on_topic_auc} for name, r in reports.items()}
        print(json.dumps(views if args.damaged else views["clean"]))
    else:
        for name, report in reports.items():
            if args.damaged:
                print(f"== {name} ==")
            print(format_report(report, args.worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
