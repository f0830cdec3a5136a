"""Training runs tracked in a temporary MLflow store: what a run logs, the champion rule, failures."""

import os
from pathlib import Path

import mlflow
import pytest

from model import Quote, predict
from model.stance import LABELS, ModelFileError
from training.experiment import Experiment, ExperimentError
from training.stance_data import SPLITS
from training.tracking import CHAMPION, REGISTERED_MODEL, SELECTION_METRIC, TrackingError, connect, promote_if_better
from training.train import run_experiment

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "data" / "examples" / "ceasefire_talks.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A fresh SQLite tracking store; artifacts land in the same temporary folder."""
    folder = tmp_path_factory.mktemp("mlflow")
    previous = os.getcwd()
    os.chdir(folder)
    client = connect(f"sqlite:///{folder}/mlflow.db")
    yield client
    os.chdir(previous)


def experiment(name: str, **changes) -> Experiment:
    return Experiment.from_yaml(ROOT / "experiments" / name).with_overrides(**changes)


@pytest.fixture(scope="module")
def first_run(store, small_data):
    return run_experiment(experiment("minilm_tfidf_context.yaml"), small_data, polnear_dir=None)  # real-news dev: stance and speakers


def test_a_run_logs_metrics_artifacts_inputs_and_tags(store, first_run):
    run = store.get_run(first_run.run_id)
    assert run.info.status == "FINISHED"
    for name in ("val_macro_f1", "test_macro_f1", "heldout_setting_macro_f1", "test_accuracy", "test_log_loss", "test_ece",
                 "test_f1_optimistic", "test_f1_sceptical", "test_f1_hostile", "train_seconds", "encode_texts_per_s",
                 "attribution_extract_f1", "attribution_speaker_acc", "attribution_damaged_speaker_acc", "attribution_leaks"):
        assert name in run.data.metrics, name
    assert 0.0 <= run.data.metrics["test_macro_f1"] <= 1.0
    assert run.data.params["input_mode"] == "quote+context"
    assert run.data.tags["experiment_file"] == "experiments/minilm_tfidf_context.yaml"
    assert {"encoder", "head", "data_version", "git_commit"} <= set(run.data.tags)
    logged = {f.path for f in store.list_artifacts(first_run.run_id, "evaluation")}
    realnews = {"evaluation/confusion_matrix_realnews_dev.png", "evaluation/realnews_dev_report.txt"}
    assert logged - realnews == {"evaluation/confusion_matrix_test.png", "evaluation/per_label_report.txt", "evaluation/misclassified.jsonl"}
    contexts = {i.tags[0].value for i in run.inputs.dataset_inputs}
    assert contexts == set(SPLITS)


def test_first_registered_run_becomes_champion_and_predict_uses_it(store, first_run):
    assert first_run.model_version == "1" and first_run.champion
    assert str(store.get_model_version_by_alias(REGISTERED_MODEL, CHAMPION).version) == "1"
    quotes = predict(ARTICLE, model_uri=f"models:/{REGISTERED_MODEL}@{CHAMPION}")
    assert quotes and all(isinstance(q, Quote) and q.stance in LABELS for q in quotes)
    assert all(ARTICLE[q.start : q.end] == q.text for q in quotes)


def test_pyfunc_rows_equal_predict(store, first_run):
    import pandas as pd

    uri = f"models:/{REGISTERED_MODEL}/1"
    rows = mlflow.pyfunc.load_model(uri).predict(pd.DataFrame({"doc_id": ["a"], "text": [ARTICLE]}))
    quotes = predict(ARTICLE, model_uri=uri)
    assert list(rows["start"]) == [q.start for q in quotes]
    assert list(rows["stance"]) == [q.stance for q in quotes]
    assert list(rows["p_hostile"]) == pytest.approx([q.probabilities["hostile"] for q in quotes])
    assert list(rows["on_topic"]) == pytest.approx([q.on_topic for q in quotes])
    assert all(0.0 <= q.on_topic <= 1.0 for q in quotes)


def test_champion_alias_follows_the_best_validation_score(store, first_run, small_data):
    second = run_experiment(experiment("tfidf_logreg.yaml"), small_data, polnear_dir=None, attribution=False)
    scores = {str(v.version): store.get_run(v.run_id).data.metrics[SELECTION_METRIC]
              for v in store.search_model_versions(f"name='{REGISTERED_MODEL}'")}
    champion = str(store.get_model_version_by_alias(REGISTERED_MODEL, CHAMPION).version)
    assert second.champion == (scores["2"] > scores["1"])
    assert scores[champion] == max(scores.values())


def test_promotion_needs_a_strictly_better_score(store, first_run):
    champion = str(store.get_model_version_by_alias(REGISTERED_MODEL, CHAMPION).version)
    best = store.get_run(store.get_model_version(REGISTERED_MODEL, champion).run_id).data.metrics[SELECTION_METRIC]
    assert not promote_if_better(store, "1" if champion != "1" else "2", best)
    assert str(store.get_model_version_by_alias(REGISTERED_MODEL, CHAMPION).version) == champion


def failed_runs(store):
    ids = [e.experiment_id for e in store.search_experiments()]
    return store.search_runs(ids, "attributes.status = 'FAILED'")


def test_a_run_that_fails_is_marked_failed_and_registers_nothing(store, first_run, small_data, tmp_path):
    versions_before = len(store.search_model_versions(f"name='{REGISTERED_MODEL}'"))
    champion = str(store.get_model_version_by_alias(REGISTERED_MODEL, CHAMPION).version)
    failed_before = len(failed_runs(store))

    with pytest.raises(ModelFileError, match="neither"):  # an encoder folder that does not exist
        run_experiment(experiment("minilm_logreg_context.yaml", encoder=str(tmp_path / "no-model")), small_data,
                       polnear_dir=None, attribution=False)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):  # the export cannot be written: after the model is logged, before registration
        run_experiment(experiment("tfidf_logreg.yaml", C=1000.0), small_data, polnear_dir=None, attribution=False,
                       export=blocker / "model")

    assert len(failed_runs(store)) == failed_before + 2
    assert len(store.search_model_versions(f"name='{REGISTERED_MODEL}'")) == versions_before
    assert str(store.get_model_version_by_alias(REGISTERED_MODEL, CHAMPION).version) == champion
    assert mlflow.active_run() is None


def test_unreachable_tracking_server_fails_at_start(store):
    previous = mlflow.get_tracking_uri()
    try:
        with pytest.raises(TrackingError, match="cannot reach the MLflow tracking store at 'http://127.0.0.1:9'"):
            connect("http://127.0.0.1:9")
    finally:
        connect(previous)


@pytest.mark.parametrize("path", sorted((ROOT / "experiments").glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_experiment_file_parses(path):
    assert Experiment.from_yaml(path).classifier() is not None


def test_experiment_file_with_unknown_key_names_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nencoder: all-MiniLM-L6-v2\nlearning_rate: 3\n")
    with pytest.raises(ExperimentError, match=r"bad.yaml: unknown keys \['learning_rate'\]"):
        Experiment.from_yaml(path)


def test_ctrl_c_mid_run_marks_it_killed_and_registers_nothing(small_data, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    uri = f"sqlite:///{tmp_path}/mlflow.db"
    client = mlflow.tracking.MlflowClient(uri, registry_uri=uri)  # create the store first: two processes would race
    client.search_experiments()
    process = subprocess.Popen(
        [sys.executable, "-m", "training.train", str(ROOT / "experiments" / "minilm_setfit_context.yaml"),
         "--data", str(small_data), "--tracking-uri", uri, "--polnear", str(tmp_path / "none"),
         "--realnews", str(tmp_path / "none")],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.5)
        experiment = client.get_experiment_by_name("negotiation-stance")
        if experiment and client.search_runs([experiment.experiment_id], "attributes.status = 'RUNNING'"):
            break
    assert process.poll() is None, "the training run ended before it could be interrupted"
    time.sleep(3)  # well inside the encoder tuning
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=120) != 0
    runs = client.search_runs([client.get_experiment_by_name("negotiation-stance").experiment_id])
    assert [r.info.status for r in runs] == ["KILLED"]
    assert client.search_registered_models() == []


REALNEWS = ROOT.parent / "shared" / "eval" / "realnews" / "dev"


@pytest.mark.skipif(not REALNEWS.is_dir(), reason="needs ../shared/eval/realnews/dev")
def test_a_run_logs_real_news_stance_and_ranks_by_the_champion_rule(store, first_run):
    from training.train import selection_score

    run = store.get_run(first_run.run_id)
    for name in ("realnews_dev_macro_f1", "realnews_dev_ece", "realnews_dev_end_to_end", "realnews_dev_f1_sceptical",
                 "realnews_dev_confident_errors", "realnews_dev_damaged_macro_f1", "realnews_dev_damaged_end_to_end",
                 SELECTION_METRIC):
        assert name in run.data.metrics, name
    assert run.data.metrics[SELECTION_METRIC] == pytest.approx(
        (run.data.metrics["val_macro_f1"] + run.data.metrics["realnews_dev_macro_f1"]) / 2)
    assert selection_score(run.data.metrics) == pytest.approx(run.data.metrics[SELECTION_METRIC])
    logged = {f.path for f in store.list_artifacts(first_run.run_id, "evaluation")}
    assert "evaluation/confusion_matrix_realnews_dev.png" in logged


def test_the_champion_rule_weighs_real_news_as_much_as_validation():
    from training.train import selection_score

    tidy = {"val_macro_f1": 0.90, "realnews_dev_macro_f1": 0.70}
    real = {"val_macro_f1": 0.84, "realnews_dev_macro_f1": 0.82}
    assert selection_score(real) > selection_score(tidy)
    assert selection_score({"val_macro_f1": 0.8}) == 0.8  # without the real-news folder: validation alone


def test_heads_without_a_batch_fit_one_more_head_each(tmp_path):
    """`heads_without: [december]` fits a second stance head that never sees the December rows; a typo names the file."""
    import numpy as np

    from training.stance_data import batch_of, read_stance_data
    from training.train import fit

    assert [batch_of({"id": i}) for i in ("trade-014", "trade-n014", "trade-neg014", "trade-firm014")] == [
        "november", "december", "negation", "firm"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nheads_without: [decmber]\n")
    with pytest.raises(ExperimentError, match=r"bad.yaml: heads_without must list data batches"):
        Experiment.from_yaml(bad)
    good = tmp_path / "good.yaml"
    good.write_text("name: two-heads\nencoder: tfidf\nheads_without: [december]\n")
    experiment = Experiment.from_yaml(good)
    assert experiment.params()["heads_without"] == "december"
    train = read_stance_data()["train"]
    rows = [r for r in train if batch_of(r) == "november"][:200] + [r for r in train if batch_of(r) == "december"][:200]
    assert {batch_of(r) for r in rows} == {"november", "december"}
    classifier, _ = fit(experiment, rows, cache=False)
    alone, _ = fit(experiment.with_overrides(heads_without=[]), rows, cache=False)
    assert (classifier.n_heads, alone.n_heads) == (2, 1)
    # The main head is the one-head model; the extra head never saw the December rows, so it differs.
    assert np.allclose(classifier.coef_, alone.coef_)
    assert not np.allclose(classifier.extra_coef_[0], alone.coef_, atol=1e-3)
