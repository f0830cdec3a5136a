"""Speed and memory of the pipeline against the encoder's own limit, in one run on one machine.

    .venv/bin/python benchmarks/run.py                 # prints a table, writes benchmarks/results.json
    .venv/bin/python benchmarks/run.py --articles 200 --skip-training

Measures: `predict()` articles/s and quotes/s on a corpus built from the
project's gold articles; the encoder alone on exactly the texts that run
encoded (the bound) and the ratio of the two; where the rest of the time goes
(quotes, speakers, stance), in wall and CPU seconds, and from those the highest
ratio any overlap of the stages could reach on this machine's CPUs; time to first prediction in a fresh process
(and the very first one, which exports the ONNX encoder); peak memory (RSS)
of a fresh process scoring the corpus; seconds per MB for long articles; each
encoder backend's speed and test macro-F1; and the default experiment's
training time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def corpus(n: int | None = None) -> list[str]:
    """News-style articles, all different: the gold set's 46 articles, then articles of ten
    paragraphs made from the stance data's quotes in their sentences, one setting per article.

    Every article is distinct because the stance stage encodes each distinct text once per
    call: repeated articles would measure that saving, not the pipeline. More than the
    available articles (166) repeats them, and the figures say so. Only the
    stance data's November rows are used, so the corpus is the one of the earlier figures.
    """
    from training.gold import load_gold
    from training.stance_data import batch_of, read_stance_data

    texts = [a.text for a in load_gold()]
    by_setting: dict[str, list[str]] = {}
    for rows in read_stance_data().values():
        for row in rows:
            if batch_of(row) == "november":  # so the corpus stays the one of the earlier figures
                by_setting.setdefault(row["setting"], []).append(row["context"])
    for contexts in by_setting.values():
        texts += ["\n\n".join(contexts[i : i + 10]) for i in range(0, len(contexts), 10)]
    n = len(texts) if n is None else n
    return [texts[i % len(texts)] + ("\n" * (i // len(texts))) for i in range(n)]


def fresh_process(code: str, env: dict | None = None) -> dict:
    """Run `code` in a new interpreter; it prints one JSON object last."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})
    return json.loads(done.stdout.strip().splitlines()[-1])


def time_to_first_prediction() -> dict:
    """Seconds from `import model` to the first answer in a new process: the very first time
    (an empty export cache, so the ONNX encoder is exported) and every time after."""
    import tempfile

    code = (
        "import time; t = time.perf_counter()\n"
        "from model import predict\n"
        "predict('“We are close,” the envoy said.')\n"
        "import json; print(json.dumps({'seconds': time.perf_counter() - t}))\n"
    )
    with tempfile.TemporaryDirectory() as empty:
        first_ever = fresh_process(code, env={"NEGOTIATION_STANCE_CACHE": empty})["seconds"]
    fresh_process(code)  # makes sure the user's own export cache is warm
    return {"seconds": fresh_process(code)["seconds"], "first_ever_seconds": first_ever}


def peak_rss(n: int) -> dict:
    return fresh_process(
        "import json, resource, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from benchmarks.run import corpus\n"
        "from model import predict\n"
        f"predict(corpus({n}))\n"
        "print(json.dumps({'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )


def _timed(work) -> tuple[object, float, float]:
    """(result, wall seconds, CPU seconds of this process, all its threads) of `work()`."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def pipeline_throughput(texts: list[str]) -> dict:
    """predict() on the corpus, then each stage and the encoder alone on the same inputs.

    Besides wall time, each step's CPU time is measured. The pipeline must do at
    least the work of its stages, so on this machine's CPUs it can at best take
    (sum of the stages' CPU seconds) / CPUs; the bound's own wall time over that
    is the highest pipeline / bound any scheduling of the stages could reach.
    """
    from model.context import quote_context, quote_text
    from model.predict import load_pipeline
    from model.stance import StanceInput, normalize_text

    pipeline = load_pipeline()
    pipeline.run_many(texts[:2])  # load models outside the timing
    answers, total, total_cpu = _timed(lambda: pipeline.run_many(texts))
    quotes = sum(map(len, answers))

    found, quote_seconds, quote_cpu = _timed(lambda: [pipeline.find_quotes(t) for t in texts])
    # batched, as predict() runs it
    attributed, speaker_seconds, speaker_cpu = _timed(lambda: pipeline.attribute.attribute_many(texts, found))
    _, stance_seconds, stance_cpu = _timed(lambda: pipeline.label_stance.label_many(texts, attributed))

    classifier = pipeline.label_stance.classifier
    inputs = [StanceInput(normalize_text(quote_text(q)), normalize_text(quote_context(t, q)))
              for t, qs in zip(texts, attributed) for q in qs]
    encoded = [text for texts_ in classifier._texts(inputs) for text in texts_]
    encoder = classifier.encoder_
    _, encoder_seconds, encoder_cpu = _timed(lambda: encoder.encode_uncached(encoded))
    stages_cpu = quote_cpu + speaker_cpu + stance_cpu
    return {
        "encoder_backend": encoder.backend,
        "encoded": encoded,
        "articles": len(texts),
        "quotes": quotes,
        "seconds": total,
        "articles_per_s": len(texts) / total,
        "quotes_per_s": quotes / total,
        "texts_encoded": len(encoded),
        "encoder_only_seconds": encoder_seconds,
        "bound_articles_per_s": len(texts) / encoder_seconds,
        "ratio_to_bound": encoder_seconds / total,
        # Each stage alone; predict() overlaps speakers (parser) and stance (encoder) across chunks.
        "stage_seconds": {"quotes": quote_seconds, "speakers": speaker_seconds, "stance": stance_seconds},
        "cpu_seconds": {"pipeline": total_cpu, "quotes": quote_cpu, "speakers": speaker_cpu,
                        "stance": stance_cpu, "encoder": encoder_cpu, "stages": stages_cpu},
        "ratio_ceiling": encoder_seconds * (os.cpu_count() or 1) / stages_cpu,
    }


def encoder_backends(texts: list[str]) -> list[dict]:
    """Each encoder backend: texts/s on the same quote inputs, and the default experiment's
    test macro-F1 when trained with it (the price of the speed, if any)."""
    from model.onnx_encoder import BACKENDS
    from model.stance import SentenceEncoder, StanceInput
    from training.experiment import DEFAULT_EXPERIMENT, Experiment
    from training.stance_data import read_stance_data
    from training.train import evaluate_split

    splits = read_stance_data()
    rows = []
    from training.train import EMBEDDING_CACHE

    experiment = Experiment.from_yaml(DEFAULT_EXPERIMENT)
    for backend in BACKENDS:
        encoder = SentenceEncoder(experiment.encoder, backend=backend)
        encoder.encode_uncached(texts[:64])  # load (and export, the first time) outside the timing
        started = time.perf_counter()
        encoder.encode_uncached(texts)
        seconds = time.perf_counter() - started
        classifier = experiment.with_overrides(encoder_backend=backend).classifier(cache_dir=str(EMBEDDING_CACHE))
        classifier.fit([StanceInput(r["quote"], r["context"]) for r in splits["train"]], [r["label"] for r in splits["train"]])
        metrics, _ = evaluate_split(classifier, splits["test"])
        rows.append({"backend": backend, "texts_per_s": len(texts) / seconds, "test_macro_f1": metrics["macro_f1"]})
    for row in rows:
        row["speedup"] = row["texts_per_s"] / rows[0]["texts_per_s"]
        row["f1_change"] = row["test_macro_f1"] - rows[0]["test_macro_f1"]
    return rows


def long_articles(sizes_mb: list[float]) -> list[dict]:
    from model import predict

    texts = corpus(60)
    rows = []
    for size in sizes_mb:
        article, i = "", 0
        while len(article.encode()) < size * 1_000_000:
            article += texts[i % len(texts)] + "\n\n"
            i += 1
        started = time.perf_counter()
        quotes = predict(article)
        seconds = time.perf_counter() - started
        mb = len(article.encode()) / 1e6
        rows.append({"mb": round(mb, 2), "quotes": len(quotes), "seconds": seconds, "seconds_per_mb": seconds / mb})
    return rows


def training_time() -> dict:
    return fresh_process(
        "import json, os, sys, tempfile, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from training.experiment import DEFAULT_EXPERIMENT, Experiment\n"
        "from training.stance_data import read_stance_data\n"
        "from model.stance import StanceInput\n"
        "rows = read_stance_data()['train']\n"
        "clf = Experiment.from_yaml(DEFAULT_EXPERIMENT).classifier(cache_dir=None)\n"
        "t = time.perf_counter()\n"
        "clf.fit([StanceInput(r['quote'], r['context']) for r in rows], [r['label'] for r in rows])\n"
        "print(json.dumps({'experiment': DEFAULT_EXPERIMENT.name, 'rows': len(rows), 'seconds_cold_cache': time.perf_counter() - t}))\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="default: every distinct article (166)")
    parser.add_argument("--long-mb", type=float, nargs="*", default=[0.1, 0.2, 0.4])
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--skip-backends", action="store_true", help="do not time and train each encoder backend")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args(argv)

    results = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
        "load_average_before": os.getloadavg()[0],  # above ~0.5, something else shared the CPUs
        "time_to_first_prediction": time_to_first_prediction(),
        "throughput": pipeline_throughput(corpus(args.articles)),
        "peak_rss": peak_rss(len(corpus(args.articles))),
        "long_articles": long_articles(args.long_mb),
    }
    encoded = results["throughput"].pop("encoded")
    results["encoder_backends"] = [] if args.skip_backends else encoder_backends(encoded)
    if not args.skip_training:
        results["training"] = training_time()
    args.json.write_text(json.dumps(results, indent=2))

    t = results["throughput"]
    print(f"machine: {results['machine']}; 1-minute load average before the run: {results['load_average_before']:.2f}")
    print(f"{'figure':<52} {'value':>12}   target")
    lines = [
        ("predict() articles/s", f"{t['articles_per_s']:.1f}", ">= 4"),
        ("predict() quotes/s", f"{t['quotes_per_s']:.1f}", ""),
        (f"encoder-only bound, articles/s ({t['texts_encoded']} texts, {t['encoder_backend']})", f"{t['bound_articles_per_s']:.1f}", ""),
        ("pipeline / bound", f"{t['ratio_to_bound']:.2f}", ">= 0.80"),
        (f"  ceiling on {os.cpu_count()} CPUs: bound s x CPUs / stages' CPU-s", f"{t['ratio_ceiling']:.2f}", ""),
        ("  CPU-s: pipeline / sum of the stages alone", f"{t['cpu_seconds']['pipeline']:.1f} / {t['cpu_seconds']['stages']:.1f}", ""),
        ("  CPU-s: speakers / stance / encoder alone", f"{t['cpu_seconds']['speakers']:.1f} / {t['cpu_seconds']['stance']:.1f} / {t['cpu_seconds']['encoder']:.1f}", ""),
        ("  seconds in quote finding", f"{t['stage_seconds']['quotes']:.1f}", ""),
        ("  seconds in speaker attribution", f"{t['stage_seconds']['speakers']:.1f}", ""),
        ("  seconds in the stance stage alone", f"{t['stage_seconds']['stance']:.1f}", ""),
        ("  seconds in the encoder alone (the bound)", f"{t['encoder_only_seconds']:.1f}", ""),
        ("time to first prediction, fresh process (s)", f"{results['time_to_first_prediction']['seconds']:.1f}", "<= 10"),
        ("  the very first one, exporting the encoder (s)", f"{results['time_to_first_prediction']['first_ever_seconds']:.1f}", ""),
        (f"peak RSS scoring {t['articles']} articles (MB)", f"{results['peak_rss']['peak_rss_mb']:.0f}", "<= 2000"),
    ]
    lines += [(f"long article {row['mb']} MB, s/MB", f"{row['seconds_per_mb']:.1f}", "") for row in results["long_articles"]]
    if "training" in results:
        lines.append((f"training {results['training']['experiment']} (s, cold cache)", f"{results['training']['seconds_cold_cache']:.1f}", ""))
    for row in results["encoder_backends"]:
        lines.append((f"encoder {row['backend']}: texts/s, x torch", f"{row['texts_per_s']:.0f}, {row['speedup']:.1f}x", ""))
        lines.append((f"  test macro-F1 with {row['backend']}, change", f"{row['test_macro_f1']:.3f}, {row['f1_change']:+.3f}", "within 0.01"))
    for name, value, target in lines:
        print(f"{name:<52} {value:>12}   {target}")
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
