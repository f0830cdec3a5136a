"""Quote finding on small articles, one pattern per test (see ../shared/ANNOTATION.md §1)."""

import pytest

from model import MAX_QUOTE_CHARS, find_quotes


def texts(article: str) -> list[str]:
    return [q.text for q in find_quotes(article)]


def assert_offsets(article: str) -> None:
    for quote in find_quotes(article):
        assert article[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    "article, expected",
    [
        ("“We are ready,” she said.", ["We are ready,"]),
        ('"We are ready," she said.', ["We are ready,"]),
        ("«Nous sommes prêts», a-t-il dit. «Mais pas à tout prix.»", ["Nous sommes prêts", "Mais pas à tout prix."]),
        ("‘We will not sign,’ said the envoy.", ["We will not sign,"]),
        ("'We will not sign,' said the envoy.", ["We will not sign,"]),
        ("''We will not sign,'' said the envoy.", ["We will not sign,"]),
    ],
)
def test_every_kind_of_quotation_mark(article, expected):
    assert texts(article) == expected
    assert_offsets(article)


def test_split_quote_gives_two_quotes():
    assert texts("“We will see,” she said, “but not now.”") == ["We will see,", "but not now."]


def test_multi_paragraph_quote_is_one_quote():
    article = "“First part of a long answer.\n\n“Second part.\n\n“Last part,” Berg said.\n\nNext paragraph."
    quotes = find_quotes(article)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("First part") and quotes[0].text.endswith("Last part,")
    assert_offsets(article)


def test_hard_line_wraps_stay_inside_the_quote():
    article = (
        "The talks in Geneva ended late on Tuesday, and the mediator said\n"
        "that the two sides were \"closer than at any time since the war\n"
        "began\", though several points on the exchange lists remained open\n"
        "and the next round has not been scheduled by either of the parties.\n"
        "\n"
        "A spokesman for the rebels declined to comment on the statement and\n"
        "said only that the movement would study the text before replying.\n"
    )
    assert texts(article) == ["closer than at any time since the war\nbegan"]


def test_fragment_inside_reported_speech():
    assert texts("The minister called the proposal “a step back”.") == ["a step back"]


@pytest.mark.parametrize(
    "article",
    [
        "â€œWe are ready,â€\x9d she said. â€œNot at any price.â€\x9d",
        "â€œWe are ready,â€ she said. â€œNot at any price.â€",
        "“We are ready,†she said. “Not at any price.†",
    ],
)
def test_damaged_closing_marks(article):
    assert texts(article) == ["We are ready,", "Not at any price."]
    assert_offsets(article)


def test_damaged_marks_keep_offsets_into_the_callers_string():
    article = "Russiaâ€™s envoy said: â€œThe offer is closed.â€\x9d Talks ended."
    (quote,) = find_quotes(article)
    assert article[quote.start : quote.end] == "The offer is closed."


def test_closing_mark_lost_at_paragraph_end():
    article = "“We will not sign this text, Orlov said.\n\nThe ministry declined to comment.\n\nLater, “a new offer” came."
    quotes = find_quotes(article)
    assert quotes[0].closed_by == "paragraph"
    assert "ministry" not in quotes[0].text
    assert [q.text for q in quotes][1] == "a new offer"


def test_unbalanced_mark_does_not_swallow_the_article():
    article = 'The pipe is 12" wide.\n\nA stray " mark.\n\n"Real quote," he said.\n\nMore text follows here.'
    assert texts(article) == ["Real quote,"]


def test_nested_quote_stays_inside_the_outer_one():
    article = "“He told us ‘never again’, and we believed him,” she said."
    assert texts(article) == ["He told us ‘never again’, and we believed him,"]
    article = "«In the campaign we promised “not one cent of new debt”, and we meant it,» he said."
    assert len(find_quotes(article)) == 1


def test_apostrophes_and_possessives_are_not_quote_marks():
    article = "‘The rebels’ demands are absurd,’ he said. It's Russia's plan from the ’90s."
    assert texts(article) == ["The rebels’ demands are absurd,"]


def test_titles_and_nicknames_are_not_quotes():
    article = 'The so-called “iron envoy” arrived. The film “The Long Road Home” premiered. He called it “a farce”.'
    assert texts(article) == ["a farce"]


def test_no_quote_is_longer_than_the_bound():
    paragraph = "“" + "word " * 300 + "\n\n"
    article = paragraph * 20 + "End."
    assert all(q.end - q.start <= MAX_QUOTE_CHARS for q in find_quotes(article))
    (long_quote,) = find_quotes("“" + "word " * 1000 + "”")
    assert long_quote.closed_by == "bound" and len(long_quote.text) == MAX_QUOTE_CHARS


def test_text_without_quotes():
    assert find_quotes("") == []
    assert find_quotes("No quotation here at all.") == []
    with pytest.raises(TypeError, match="bytes"):
        find_quotes(b"bytes")


def test_lost_closing_mark_in_a_one_line_article_ends_at_its_attribution():
    filler = "The delegations met again in the afternoon and no statement followed. " * 60
    text = "“We will not sign this text, the foreign minister said on Tuesday. " + filler
    quotes = find_quotes(text)
    assert quotes[0].text == "We will not sign this text," and quotes[0].closed_by == "paragraph"


def test_first_person_speech_inside_a_quote_does_not_end_it():
    text = "“We said we would come back, and we told them so, Anna Berg said. " + "More talks. " * 50
    assert find_quotes(text)[0].text == "We said we would come back, and we told them so,"


def test_a_line_break_in_the_middle_of_a_sentence_does_not_end_the_quote():
    text = ("The port talks ended late on Friday without the joint statement that both delegations had promised "
            "to the dockers waiting outside the ministry since the early morning.\n"
            "'We have not reached an agreement \ntonight, but we are committed to going on -\n I would ask you to wait,' Dr\n"
            " Ravn said.\nThe delegations left.")
    assert [q.text.replace("\n", "") for q in find_quotes(text)] == [
        "We have not reached an agreement tonight, but we are committed to going on - I would ask you to wait,"
    ]
