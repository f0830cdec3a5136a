"""The stance classifier: scikit-learn contract, calibrated probabilities, pickle-free save and load, cache."""

import json
import os

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


def test_tfidf_features_match_scikit_learn(data):
    """Predicting re-does TF-IDF in NumPy (no scikit-learn import); it must equal the vectorizer it replaces."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from model.stance import TfidfEncoder

    train, test = data
    texts = [r["context"] for r in train]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=500).fit(texts)
    ours = TfidfEncoder(max_features=500).fit(texts)
    unseen = [r["context"] for r in test] + ["", "Ça va — les négociations, très bien! Talks talks talks."]
    assert np.allclose(ours.encode(unseen), vectorizer.transform(unseen).toarray(), atol=1e-6)


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory):
    """A private export cache, so the tests see the export happen (and clean up after themselves)."""
    folder = tmp_path_factory.mktemp("onnx-cache")
    previous = os.environ.get("NEGOTIATION_STANCE_CACHE")
    os.environ["NEGOTIATION_STANCE_CACHE"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["NEGOTIATION_STANCE_CACHE"]
    else:
        os.environ["NEGOTIATION_STANCE_CACHE"] = previous


def test_onnx_backends_encode_like_torch_and_export_once(onnx_cache, data):
    train, _ = data
    texts = [r["context"] for r in train]
    reference = SentenceEncoder().encode(texts)

    float32 = SentenceEncoder(backend="onnx")
    assert np.allclose(float32.encode(texts), reference, atol=1e-4)
    int8 = SentenceEncoder(backend="onnx-int8")
    cosines = (int8.encode(texts) * reference).sum(axis=1)
    assert cosines.mean() > 0.98 and cosines.min() > 0.95  # per-channel int8 stays close to float32

    exports = sorted(p for p in (onnx_cache / "onnx").iterdir())
    assert len(exports) == 2 and not [p for p in exports if p.name.startswith(".")]
    stamps = [(p / "model.onnx").stat().st_mtime_ns for p in exports]
    SentenceEncoder(backend="onnx-int8").encode(texts[:2])  # a new process-level encoder reuses the export
    assert [(p / "model.onnx").stat().st_mtime_ns for p in exports] == stamps
    assert len({SentenceEncoder(backend=b).key() for b in ("torch", "onnx", "onnx-int8")}) == 3  # caches never mix


def test_onnx_classifier_round_trips_and_stays_close_to_torch(onnx_cache, data, fitted, tmp_path):
    train, test = data
    model = StanceClassifier(C=2.0, encoder_backend="onnx-int8").fit(inputs(train), [r["label"] for r in train])
    loaded = StanceClassifier.load(model.save(tmp_path / "int8"))
    assert loaded.encoder_backend == "onnx-int8"
    assert np.allclose(loaded.predict_proba(inputs(test)), model.predict_proba(inputs(test)), atol=1e-5)
    agree = (model.predict(inputs(test)) == fitted.predict(inputs(test))).mean()
    assert agree >= 0.9


def test_onnx_backend_refuses_models_it_cannot_reproduce(onnx_cache):
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.models import Dense

    from model.onnx_encoder import OnnxExportError, export

    with pytest.raises(ValueError, match="encoder backend must be one of"):
        SentenceEncoder(backend="tensorrt")
    base = SentenceEncoder().model
    with_dense = SentenceTransformer(modules=[base[0], base[1], Dense(384, 32)], device="cpu")
    with pytest.raises(OnnxExportError, match="Transformer \\+ Pooling"):
        export(with_dense, onnx_cache / "dense", quantize=False)
    assert not (onnx_cache / "dense").exists()


def test_onnx_batches_side_by_side_give_the_same_vectors_in_order(onnx_cache, data):
    from model import onnx_encoder

    train, _ = data
    texts = [r["context"] for r in train][:150]
    encoder = SentenceEncoder(backend="onnx")
    encoder.encode(texts[:1])  # exports
    folder = onnx_encoder.export_folder(encoder._weights_key(), "onnx")
    one_by_one = onnx_encoder.OnnxSentenceModel(folder, workers=1).encode(texts, batch_size=16)
    side_by_side = onnx_encoder.OnnxSentenceModel(folder, workers=3).encode(texts, batch_size=16)
    assert np.allclose(side_by_side, one_by_one, atol=1e-5)
    assert np.allclose(side_by_side[:5], encoder.encode(texts[:5]), atol=1e-5)  # rows stay with their texts


def test_on_topic_head_learns_from_the_flags_and_round_trips(tmp_path):
    splits = read_stance_data()
    rows = splits["train"]
    off = [r for r in rows if not r["on_topic"]]
    on = [r for r in rows if r["on_topic"]][: 3 * len(off)]
    train = off + on
    model = StanceClassifier(encoder="tfidf", C=10.0).fit(inputs(train), [r["label"] for r in train], on_topic=[r["on_topic"] for r in train])
    assert model.has_on_topic
    test = splits["test"]
    p = model.predict_on_topic(inputs(test))
    assert p.shape == (len(test),) and ((0 <= p) & (p <= 1)).all()
    flags = np.array([r["on_topic"] for r in test])
    assert p[flags].mean() > p[~flags].mean()
    loaded = StanceClassifier.load(model.save(tmp_path / "m"))
    assert np.allclose(loaded.predict_on_topic(inputs(test)), p)
    stance, topic = loaded.predict_proba_and_on_topic(inputs(test[:3]))
    assert stance.shape == (3, 3) and np.allclose(topic, p[:3])


def test_a_model_fitted_without_flags_has_no_on_topic_head(fitted, data):
    assert not fitted.has_on_topic
    stance, topic = fitted.predict_proba_and_on_topic(inputs(data[1][:2]))
    assert topic is None and stance.shape == (2, 3)
    with pytest.raises(RuntimeError, match="no on-topic head"):
        fitted.predict_on_topic(inputs(data[1][:2]))


def test_an_int8_vector_does_not_depend_on_the_texts_encoded_with_it(onnx_cache, data):
    # Dynamic quantisation scales activations per batch; the int8 backends encode one text at a time,
    # so a quote gets the same vector (and label) alone, in an article, or in a batch of articles.
    train, _ = data
    texts = [r["context"] for r in train[:24]]
    for backend in ("onnx-int8", "onnx-int8-mixed"):
        encoder = SentenceEncoder(backend=backend)
        together = encoder.encode_uncached(texts)
        alone = np.stack([encoder.encode_uncached([t])[0] for t in texts[:4]])
        assert np.array_equal(together[:4], alone)
        assert np.array_equal(encoder.encode_uncached(texts[::-1])[::-1], together)


def test_subset_heads_average_calibrated_probabilities_and_round_trip(data, tmp_path):
    """A head per data batch: predictions are the mean of every head's own calibrated probabilities."""
    train, test = data
    labels = [r["label"] for r in train]
    half = [i % 2 == 0 for i in range(len(train))]
    model = StanceClassifier(C=2.0).fit(inputs(train), labels, subsets=[half])
    alone = StanceClassifier(C=2.0).fit(inputs(train), labels)
    subset_only = StanceClassifier(C=2.0).fit(inputs([r for r, keep in zip(train, half) if keep]), [l for l, keep in zip(labels, half) if keep])
    assert model.n_heads == 2 and alone.n_heads == 1
    p = model.predict_proba(inputs(test))
    assert np.allclose(p.sum(axis=1), 1.0)
    # The main head is the model fitted on every row; the extra head is one fitted on the subset's rows.
    assert np.allclose(model.decision_function(inputs(test)), alone.decision_function(inputs(test)), atol=1e-4)
    assert np.allclose(p, (alone.predict_proba(inputs(test)) + subset_only.predict_proba(inputs(test))) / 2, atol=1e-4)
    loaded = StanceClassifier.load(model.save(tmp_path / "two-heads"))
    assert loaded.n_heads == 2
    assert np.allclose(loaded.predict_proba(inputs(test)), p, atol=1e-6)


def test_a_subset_head_without_every_label_is_refused(data):
    train, _ = data
    no_hostile = [r["label"] != "hostile" for r in train]
    with pytest.raises(ValueError, match="no hostile"):
        StanceClassifier().fit(inputs(train), [r["label"] for r in train], subsets=[no_hostile])
    with pytest.raises(ValueError, match="subset of 3 flags"):
        StanceClassifier().fit(inputs(train), [r["label"] for r in train], subsets=[[True, True, True]])


def test_a_negated_refusal_is_read_as_one_word_and_a_real_refusal_is_not():
    """"We will not be the ones to refuse" must not share the TF-IDF terms of "we will not trade it away"."""
    from model.stance import NEGATED_REFUSAL_WORD, mark_negated_refusals

    assert mark_negated_refusals("We will not be the ones to refuse them.") == f"We will {NEGATED_REFUSAL_WORD} them."
    assert mark_negated_refusals("Nobody in our delegation is walking away.") == f"{NEGATED_REFUSAL_WORD}."
    assert mark_negated_refusals("We won't block a deal our growers can live with.") == f"We {NEGATED_REFUSAL_WORD} a deal our growers can live with."
    for unchanged in (
        "We will never accept these terms.",  # a refusal, not a negated one
        "We will not trade the fishing waters away.",
        "It is not true that the talks have stalled.",  # no refusal verb
        "We will not negotiate with people who are blockading the port.",  # another verb stands between
        "They did not say whether anyone would refuse.",  # the refusal sits in another clause
    ):
        assert mark_negated_refusals(unchanged) == unchanged


def test_negated_refusals_are_read_in_the_lexical_features_and_round_trip(data, tmp_path):
    from model.stance import NEGATED_REFUSAL_WORD, mark_negated_refusals

    train, test = data
    labels = [r["label"] for r in train]
    model = StanceClassifier(encoder="tfidf", negated_refusals=True).fit(inputs(train), labels)
    plain = StanceClassifier(encoder="tfidf").fit(inputs(train), labels)
    train_has_one = any(mark_negated_refusals(text) != text for text in plain._lexical_texts(inputs(train)))
    assert (NEGATED_REFUSAL_WORD in model.lexical_.vocabulary_) == train_has_one
    assert NEGATED_REFUSAL_WORD not in plain.lexical_.vocabulary_
    probe = [StanceInput("We will not be the ones to refuse them.", "“We will not be the ones to refuse them,” she said.")]
    assert "negatedrefusal" in model._lexical_texts(probe)[0] and "negatedrefusal" not in plain._lexical_texts(probe)[0]
    loaded = StanceClassifier.load(model.save(tmp_path / "negated"))
    assert loaded.negated_refusals is True
    assert np.allclose(loaded.predict_proba(inputs(test)), model.predict_proba(inputs(test)), atol=1e-6)


def test_a_fragment_of_a_reported_clause_is_told_from_a_quote_of_its_own():
    from model.stance import is_fragment

    assert is_fragment("a step back", "The minister called the proposal “a step back”.")
    assert is_fragment("ready to talk", 'The ministry said it was "ready to talk" on Monday.')
    for quote, context in (
        ("We are ready to talk,", "“We are ready to talk,” the minister said."),  # opens its sentence
        ("and we will stay,", "“We came,” he said, “and we will stay,” he added."),  # a continuation after a comma
        ("we will not sign it", "The minister said: “we will not sign it”."),  # after a colon
        ("a step back", "The minister spoke at length."),  # not in the context at all
    ):
        assert not is_fragment(quote, context), quote


def test_fragment_in_sentence_embeds_a_fragment_with_its_sentence_and_leaves_tfidf_alone():
    fragment = StanceInput("a step back", "The minister called the proposal “a step back”.")
    whole = StanceInput("We are ready to talk,", "“We are ready to talk,” the minister said.")
    on = StanceClassifier(input_mode="quote+context", lexical_weight=1.0, fragment_in_sentence=True)
    off = StanceClassifier(input_mode="quote+context", lexical_weight=1.0)
    assert on._texts([fragment, whole], embedding=True) == [[fragment.context, whole.quote], [fragment.context, whole.context]]
    assert off._texts([fragment, whole], embedding=True) == [[fragment.quote, whole.quote], [fragment.context, whole.context]]
    assert on._lexical_texts([fragment, whole]) == off._lexical_texts([fragment, whole])
    assert on.get_params()["fragment_in_sentence"] is True
