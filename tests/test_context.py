"""What the stance classifier reads around a quote (`model.context`)."""

from model.context import quote_context
from model.records import Quote


def quote_in(text: str, words: str, **fields) -> Quote:
    start = text.index(words)
    return Quote(words, start, start + len(words), **fields)


def test_the_sentence_and_its_reporting_clause():
    text = "Talks resumed. The envoy called the plan “a first step” on Monday. Rain fell."
    assert quote_context(text, quote_in(text, "a first step")) == "The envoy called the plan “a first step” on Monday."


def test_an_answer_after_a_short_lead_in_is_read_with_the_question():
    text = ("Dorn was asked whether Karsk would accept observers. Her answer was short:\n\n"
            "“We asked for them first.”")
    her = text.index("Her answer")
    context = quote_context(text, quote_in(text, "We asked for them first.", mention_start=her, mention_end=her + 3))
    assert context.startswith("Dorn was asked whether Karsk would accept observers.")
    # A long lead-in already says what the quote is about: no reaching back.
    text = "Rain fell. Dorn told the committee in a long statement on Monday evening: “We asked for them first.”"
    assert quote_context(text, quote_in(text, "We asked for them first.")).startswith("Dorn told")
