"""The real-news stance evaluation: reading the yardstick, its speaker rule, gold spans and end to end."""

import json
from pathlib import Path

import numpy as np
import pytest

from model.records import Quote
from model.stance import LABELS
from training.evaluate_stance import (
    GoldQuote,
    damaged_articles,
    evaluate_realnews,
    format_report,
    gold_input,
    main,
    read_realnews,
    realnews_speaker_right,
    stance_metrics,
)

ROOT = Path(__file__).resolve().parents[1]

# Two invented articles in the yardstick's format (raw text, offsets, labels from two annotators).
ARTICLES = {
    "a-1": ("Talks resume\n\n“We are closer than ever to a deal,” Foreign Minister Ilsa Dorn said on Tuesday. "
            "Her rival Oskar Brandt said the plan was “a trap for fools”.\n\n“The stadium opens in May,” a club official said."),
    "a-2": ("Envoy sceptical\n\n<p>The envoy, Mara Lind, said: &quot;We have heard promises before, and nothing came of them.&quot;</p>\n"
            "“Let us wait and see,” Lind added."),
}


def gold(text, quote, speaker, stance, mention=None, second=None, on_topic=True, clear=True, aliases=()):
    start = text.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote), "speaker": speaker, "aliases": list(aliases),
            "mention": mention, "stance": stance, "second_stance": second or stance, "on_topic": on_topic, "clear": clear}


@pytest.fixture()
def folder(tmp_path):
    a1, a2 = ARTICLES["a-1"], ARTICLES["a-2"]
    quotes = {
        "a-1": [gold(a1, "We are closer than ever to a deal,", "Ilsa Dorn", "optimistic", "Foreign Minister Ilsa Dorn", aliases=["Dorn"]),
                gold(a1, "a trap for fools", "Oskar Brandt", "hostile", "Oskar Brandt"),
                gold(a1, "The stadium opens in May,", "a club official", "optimistic", "a club official", on_topic=False)],
        "a-2": [gold(a2, "We have heard promises before, and nothing came of them.", "Mara Lind", "sceptical", "The envoy, Mara Lind"),
                gold(a2, "Let us wait and see,", "Mara Lind", "sceptical", "Lind", second="optimistic")],
    }
    for doc_id, text in ARTICLES.items():
        (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{doc_id}.json").write_text(json.dumps({"id": doc_id, "quotes": quotes[doc_id]}), encoding="utf-8")
    return tmp_path


class KeywordClassifier:
    """Labels by a word in the context: enough to check the bookkeeping."""

    has_on_topic = True

    def predict_proba(self, inputs):
        rows = []
        for i in inputs:
            label = "hostile" if "trap" in i.context else "sceptical" if "promises" in i.context else "optimistic"
            p = np.full(3, 0.025)
            p[LABELS.index(label)] = 0.95
            rows.append(p)
        return np.array(rows)

    def predict_on_topic(self, inputs):
        return np.array([0.1 if "stadium" in i.context else 0.9 for i in inputs])


class FixedPipeline:
    def __init__(self, answers):
        self.answers = answers

    def run_many(self, texts):
        return [self.answers[text] for text in texts]


def test_reading_keeps_only_clear_agreed_on_topic_quotes_for_stance(folder):
    articles = read_realnews(folder)
    assert [a.id for a in articles] == ["a-1", "a-2"]
    assert [q.stance_gold for a in articles for q in a.quotes] == [True, True, False, True, False]


def test_a_gold_span_reads_its_sentence_and_reporting_clause(folder):
    article = read_realnews(folder)[0]
    item = gold_input(article.text, article.quotes[1])
    assert item.quote == "a trap for fools"
    assert item.context == "Her rival Oskar Brandt said the plan was “a trap for fools”."


def test_the_speaker_rule_of_the_yardstick():
    g = GoldQuote("x", 0, 1, "Ilsa Dorn", ("Foreign Minister Ilsa Dorn",), "Dorn", "optimistic", "optimistic", True, True)
    assert realnews_speaker_right("Ilsa Dorn", None, g)
    assert realnews_speaker_right("Dorn's", None, g)  # contained, possessive dropped
    assert realnews_speaker_right(None, "the Foreign Minister Ilsa Dorn", g)  # the mention counts too
    assert realnews_speaker_right("Ilsa", None, g)  # 4 letters: contained and long enough
    assert not realnews_speaker_right("Ann", None, GoldQuote("x", 0, 1, "Ann Dorn", (), None, "hostile", "hostile", True, True))
    assert not realnews_speaker_right("Oskar Brandt", "he", g)


def test_stance_metrics_count_confident_errors_and_calibration():
    labels = ["optimistic", "sceptical", "hostile", "hostile"]
    p = np.array([[0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.05, 0.05, 0.9], [0.95, 0.03, 0.02]])
    m = stance_metrics(labels, p)
    assert m["accuracy"] == 0.75 and m["confident_errors"] == 1
    assert m["confusion"] == [[1, 0, 0], [0, 1, 0], [1, 0, 1]]
    assert m["f1_sceptical"] == 1.0
    assert 0 < m["ece"] < 1


def test_end_to_end_needs_the_quote_found_the_speaker_right_and_the_label_right(folder):
    a1, a2 = ARTICLES["a-1"], ARTICLES["a-2"]

    def q(text, words, speaker, stance):
        start = text.index(words)
        return Quote(words, start, start + len(words), speaker=speaker, stance=stance,
                     probabilities={label: 0.9 if label == stance else 0.05 for label in LABELS})

    answers = {
        a1: [q(a1, "We are closer than ever to a deal,", "Ilsa Dorn", "optimistic"),  # right
             q(a1, "a trap for fools", "Ilsa Dorn", "hostile")],  # wrong speaker
        a2: [q(a2, "We have heard promises before", "Mara Lind", "optimistic")],  # found (over half), wrong label
    }
    report = evaluate_realnews(KeywordClassifier(), folder, pipeline=FixedPipeline(answers))
    assert report.gold_spans["n"] == 3 and report.gold_spans["macro_f1"] == 1.0
    assert report.end_to_end["found"] == 1.0
    assert report.end_to_end["found_and_speaker"] == pytest.approx(2 / 3)
    assert report.end_to_end["end_to_end"] == pytest.approx(1 / 3)
    assert report.on_topic_auc == 1.0
    metrics = report.metrics()
    assert metrics["realnews_dev_end_to_end"] == pytest.approx(1 / 3) and metrics["realnews_dev_macro_f1"] == 1.0
    text = format_report(report, worst=3)
    assert "macro-F1 1.000" in text and "end to end" in text


def test_the_command_prints_the_figures_for_the_shipped_model(folder, capsys):
    assert main(["--realnews", str(folder), "--model-dir", str(ROOT / "model" / "default_model"), "--worst", "2"]) == 0
    out = capsys.readouterr().out
    assert "gold spans (3 stance-gold quotes)" in out
    assert "confusion (rows gold, columns predicted)" in out
    assert "found + right speaker + right label" in out


def test_the_command_says_when_the_folder_is_missing(tmp_path, capsys):
    assert main(["--realnews", str(tmp_path / "absent")]) == 2
    assert "no real-news folder" in capsys.readouterr().err


def test_damaged_articles_carry_every_gold_span_onto_the_damaged_text(folder):
    clean = read_realnews(folder)
    damaged = damaged_articles(clean)
    assert [a.id for a in damaged] == [a.id for a in clean]
    assert any(a.text != c.text for a, c in zip(damaged, clean))  # the marks really were damaged
    for article, original in zip(damaged, clean):
        for q, o in zip(article.quotes, original.quotes):
            assert article.text[q.start : q.end] == q.quote
            assert (q.stance, q.speaker, q.mention) == (o.stance, o.speaker, o.mention)


def test_the_command_measures_clean_and_damaged_side_by_side(folder, capsys):
    assert main(["--realnews", str(folder), "--model-dir", str(ROOT / "model" / "default_model"), "--damaged", "--json"]) == 0
    views = json.loads(capsys.readouterr().out)
    assert set(views) == {"clean", "damaged"}
    assert views["damaged"]["gold_spans"]["n"] == views["clean"]["gold_spans"]["n"] == 3
