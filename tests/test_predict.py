"""`predict()`, the public contract, on the model shipped in `model/default_model`."""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from model import LABELS, Quote, load_pipeline, predict

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "data" / "examples" / "ceasefire_talks.txt").read_text(encoding="utf-8")


def test_one_article_gives_quote_records_with_speaker_and_stance():
    quotes = predict(ARTICLE)
    assert len(quotes) >= 8
    for quote in quotes:
        assert isinstance(quote, Quote)
        assert ARTICLE[quote.start : quote.end] == quote.text
        assert quote.stance in LABELS
        assert set(quote.probabilities) == set(LABELS)
        assert sum(quote.probabilities.values()) == pytest.approx(1.0)
        assert quote.confidence == pytest.approx(max(quote.probabilities.values()))
        assert quote.probabilities[quote.stance] == quote.confidence
    by_text = {q.text: q for q in quotes}
    assert by_text["We have narrowed our differences on the exchange lists,"].speaker == "Anna Berg"


def same_answers(left: list[Quote], right: list[Quote]) -> bool:
    """Equal quotes, speakers and labels; probabilities equal up to float noise (the encoder pads
    each batch to its longest text, so batch company moves the last digits)."""
    if len(left) != len(right):
        return False
    for a, b in zip(left, right):
        if (a.text, a.start, a.end, a.speaker, a.speaker_mention, a.stance) != (b.text, b.start, b.end, b.speaker, b.speaker_mention, b.stance):
            return False
        if any(abs(a.probabilities[label] - b.probabilities[label]) > 1e-4 for label in LABELS):
            return False
    return True


def test_a_list_gives_one_list_per_article_in_order():
    other = "“There is nothing to discuss until they withdraw,” the general said."
    both = predict([ARTICLE, other])
    assert len(both) == 2
    assert same_answers(both[0], predict(ARTICLE)) and same_answers(both[1], predict(other))
    assert predict([]) == []


@pytest.mark.parametrize("text", ["", "   \n\t ", "The talks resumed on Monday without comment from either side."])
def test_no_quotes_gives_an_empty_list(text):
    assert predict(text) == []


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["fine", ["nested"]], {"text": "x"}])
def test_non_text_input_is_a_type_error_naming_it(bad):
    with pytest.raises(TypeError, match="predict\\(\\) takes a str or a list of str"):
        predict(bad)


@pytest.mark.parametrize(
    "sentence, label",
    [
        ("“Both teams have moved, and a signed text is within sight,” the mediator told reporters.", "optimistic"),
        ("The union leader said the latest offer was “a real basis for agreement”.", "optimistic"),
        ("“We have heard these promises before and nothing changed,” the mayor said.", "sceptical"),
        ("“It is far too early to talk about a breakthrough,” an official said.", "sceptical"),
        ("“If they will not sign, we will take back every village by force,” the commander said.", "hostile"),
        ("The minister called the proposal “a blackmail note written by war criminals”.", "hostile"),
    ],
)
def test_clear_cases_get_their_label(sentence, label):
    (quote,) = predict(sentence)
    assert quote.stance == label, quote.probabilities


def test_the_model_loads_once_and_threads_get_the_same_answers():
    assert load_pipeline() is load_pipeline()
    articles = [ARTICLE, ARTICLE.replace("Varnia", "Kelland"), "“No,” she said."] * 4
    expected = [predict(a) for a in articles]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(predict, articles))
    assert all(same_answers(a, e) for a, e in zip(answers, expected))


def test_command_line_prints_json_lines_with_stance():
    done = subprocess.run([sys.executable, "-m", "model", str(ROOT / "data/examples/ceasefire_talks.txt"), "--json"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows and all(r["stance"] in LABELS and r["speaker"] for r in rows[:3])


def test_articles_labelled_in_chunks_get_the_same_answers_in_order():
    import dataclasses

    articles = [ARTICLE, "“We will walk out,” the envoy said.", "No quotes here.",
                "“A deal is within reach,” said Ana Ruiz.", ARTICLE[: len(ARTICLE) // 2]]
    pipeline = load_pipeline()
    whole = dataclasses.replace(pipeline, chunk_size=100).run_many(articles)
    chunked = dataclasses.replace(pipeline, chunk_size=2).run_many(articles)
    assert [len(q) for q in chunked] == [len(q) for q in whole] and len(chunked[2]) == 0
    assert all(same_answers(a, b) for a, b in zip(chunked, whole))
    streamed = list(dataclasses.replace(pipeline, chunk_size=2).stream(iter(articles)))  # from a generator
    assert len(streamed) == len(articles) and all(same_answers(a, b) for a, b in zip(streamed, whole))
