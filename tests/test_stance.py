"""The stance classifier: scikit-learn contract, calibrated probabilities, pickle-free save and load, cache."""

import json

import numpy as np
import pytest

from model.stance import LABELS, ModelFileError, SentenceEncoder, StanceClassifier, StanceInput
from training.stance_data import read_stance_data


@pytest.fixture(scope="module")
def data():
    splits = read_stance_data()
    by_label = {label: [r for r in splits["train"] if r["label"] == label][:25] for label in LABELS}
    train = [r for rows in by_label.values() for r in rows]
    return train, splits["test"][:40]


def inputs(rows):
    return [StanceInput(r["quote"], r["context"]) for r in rows]


@pytest.fixture(scope="module")
def fitted(data):
    train, _ = data
    return StanceClassifier(C=2.0).fit(inputs(train), [r["label"] for r in train])


def test_predict_proba_is_a_distribution_over_the_labels(fitted, data):
    _, test = data
    p = fitted.predict_proba(inputs(test))
    assert p.shape == (len(test), 3)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert list(fitted.classes_) == list(LABELS)
    assert set(fitted.predict(inputs(test))) <= set(LABELS)
    assert fitted.temperature_ > 0


def test_inputs_may_be_dicts_or_bare_quotes(fitted):
    as_dict = fitted.predict_proba([{"quote": "a step forward", "context": "She hailed it as “a step forward”."}])
    as_input = fitted.predict_proba([StanceInput("a step forward", "She hailed it as “a step forward”.")])
    assert np.allclose(as_dict, as_input)
    assert fitted.predict_proba(["a step forward"]).shape == (1, 3)
    assert fitted.predict_proba([]).shape == (0, 3)


def test_input_mode_decides_what_is_encoded(data):
    train, _ = data
    quote_only = StanceClassifier(input_mode="quote", calibration="none").fit(inputs(train), [r["label"] for r in train])
    both = StanceClassifier(input_mode="quote+context", calibration="none").fit(inputs(train), [r["label"] for r in train])
    assert quote_only.coef_.shape == (3, 384)
    assert both.coef_.shape == (3, 768)


def test_unknown_label_or_mode_is_refused(data):
    train, _ = data
    with pytest.raises(ValueError, match="unknown labels"):
        StanceClassifier().fit(inputs(train[:3]), ["optimistic", "neutral", "hostile"])
    with pytest.raises(ValueError, match="input_mode"):
        StanceClassifier(input_mode="sentence").fit(inputs(train), [r["label"] for r in train])


def test_save_and_load_give_the_same_probabilities_without_pickle(fitted, data, tmp_path):
    _, test = data
    folder = fitted.save(tmp_path / "model")
    assert sorted(p.name for p in folder.iterdir()) == ["arrays.npz", "stance.json"]
    np.load(folder / "arrays.npz", allow_pickle=False)  # plain arrays only
    loaded = StanceClassifier.load(folder)
    assert np.allclose(loaded.predict_proba(inputs(test)), fitted.predict_proba(inputs(test)), atol=1e-6)
    assert loaded.get_params() == {**fitted.get_params(), "cache_dir": None}


def test_tfidf_baseline_round_trips(data, tmp_path):
    train, test = data
    model = StanceClassifier(encoder="tfidf", C=10.0).fit(inputs(train), [r["label"] for r in train])
    loaded = StanceClassifier.load(model.save(tmp_path / "tfidf"))
    assert np.allclose(loaded.predict_proba(inputs(test)), model.predict_proba(inputs(test)), atol=1e-6)


def test_tuned_encoder_saves_as_a_small_patch_and_round_trips(data, tmp_path):
    train, test = data
    model = StanceClassifier(finetune_epochs=1, finetune_layers=1, finetune_batch_size=24)
    model.fit(inputs(train), [r["label"] for r in train])
    assert model.encoder_patch_ and all(".layer.5." in name for name in model.encoder_patch_)
    folder = model.save(tmp_path / "tuned")
    assert (folder / "arrays.npz").stat().st_size < 8_000_000  # one layer in float16, not the whole encoder
    loaded = StanceClassifier.load(folder)
    assert np.allclose(loaded.predict_proba(inputs(test)), model.predict_proba(inputs(test)), atol=1e-5)
    frozen = StanceClassifier().fit(inputs(train), [r["label"] for r in train])
    assert not np.allclose(frozen.features(inputs(test[:5])), model.features(inputs(test[:5])))


def test_saving_over_a_model_replaces_it_whole(fitted, data, tmp_path):
    train, test = data
    folder = fitted.save(tmp_path / "model")
    other = StanceClassifier(encoder="tfidf").fit(inputs(train), [r["label"] for r in train])
    other.save(folder)
    assert StanceClassifier.load(folder).encoder == "tfidf"
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # no staging folders left behind


def test_missing_damaged_or_foreign_model_files_say_which_file(fitted, tmp_path):
    folder = fitted.save(tmp_path / "model")
    with pytest.raises(ModelFileError, match="stance model file missing: .*nowhere/stance.json"):
        StanceClassifier.load(tmp_path / "nowhere")
    (folder / "arrays.npz").write_bytes(b"not a zip file")
    with pytest.raises(ModelFileError, match="damaged: .*arrays.npz"):
        StanceClassifier.load(folder)
    folder = fitted.save(tmp_path / "model")
    config = json.loads((folder / "stance.json").read_text())
    (folder / "stance.json").write_text(json.dumps({**config, "format_version": 99}))
    with pytest.raises(ModelFileError, match="format 99"):
        StanceClassifier.load(folder)


def test_embedding_cache_spares_re_encoding(tmp_path):
    texts = ["The talks resumed on Monday.", "No deal is in sight."]
    first = SentenceEncoder(cache_dir=tmp_path)
    vectors = first.encode(texts)
    again = SentenceEncoder(cache_dir=tmp_path)
    assert np.array_equal(again.encode(texts), vectors)
    assert again._model is None  # answered from the cache: the model never loaded
    tuned = SentenceEncoder(cache_dir=tmp_path, patch={"x": np.zeros(1, dtype=np.float32)})
    assert tuned.key() != again.key()  # a tuned encoder never reads the frozen one's vectors


def test_a_save_killed_at_any_moment_leaves_a_loadable_model(fitted, data, tmp_path):
    """Kill -9 a process that keeps re-saving the model; whatever moment it dies, a model loads."""
    import signal
    import subprocess
    import sys
    import time

    folder = fitted.save(tmp_path / "model")
    script = (
        "import sys; from model.stance import StanceClassifier\n"
        f"m = StanceClassifier.load({str(folder)!r})\n"
        "print('ready', flush=True)\n"
        f"while True: m.save({str(folder)!r})\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    _, test = data
    loaded = StanceClassifier.load(folder)
    assert np.allclose(loaded.predict_proba(inputs(test[:5])), fitted.predict_proba(inputs(test[:5])), atol=1e-6)


def test_a_failed_write_leaves_the_old_model_untouched(fitted, data, tmp_path, monkeypatch):
    """A disk that fills up mid-write cannot be made here, so the write is made to fail."""
    folder = fitted.save(tmp_path / "model")
    before = (folder / "arrays.npz").read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", disk_full)
    with pytest.raises(OSError, match="No space left"):
        fitted.save(folder)
    assert (folder / "arrays.npz").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model"]
