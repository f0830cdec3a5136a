"""Speaker attribution with the real spaCy parser (see ../shared/ANNOTATION.md §2)."""

import pytest

from model import extract


def speakers(article: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(article)]


def test_speaker_after_the_quote_with_inversion():
    assert speakers("“We are ready,” said Foreign Minister Anna Berg.") == [("We are ready,", "Anna Berg")]


def test_speaker_before_the_quote():
    assert speakers("Anna Berg told reporters: “We are ready.”") == [("We are ready.", "Anna Berg")]


def test_speaker_in_the_middle_of_a_split_quote():
    article = "“We will see,” said Dmitri Orlov, “but not before spring.”"
    assert speakers(article) == [("We will see,", "Dmitri Orlov"), ("but not before spring.", "Dmitri Orlov")]


def test_colon_line_names_the_speaker_of_the_next_paragraph():
    article = "The union's leader, Marta Quispe, addressed the crowd:\n\n“We came in good faith.”"
    assert speakers(article) == [("We came in good faith.", "Marta Quispe")]


def test_according_to():
    assert speakers("According to a senior official, the offer was “an insult”.") == [("an insult", "a senior official")]


def test_pronouns_resolve_to_the_named_person():
    article = (
        "Anna Berg, the foreign minister, opened the session.\n\n"
        "Dmitri Orlov, who leads the other delegation, arrived late.\n\n"
        "“We are ready,” she said.\n\n"
        "“We are not,” he replied."
    )
    assert speakers(article) == [("We are ready,", "Anna Berg"), ("We are not,", "Dmitri Orlov")]


def test_role_resolves_to_the_person_who_held_it():
    article = (
        "Ministry spokesman Dmitri Orlov said the talks would resume.\n\n"
        "“There will be no second round,” the spokesman said."
    )
    assert speakers(article)[-1] == ("There will be no second round,", "Dmitri Orlov")


def test_unnamed_role_is_reported_as_written():
    ((_, speaker),) = speakers("“It is far too early,” a senior official said.")
    assert speaker == "a senior official"


@pytest.mark.parametrize(
    "article, body",
    [
        ("The ministry said it was “disappointed”.", "The ministry"),
        ("Russia insisted the summit was “premature”.", "Russia"),
        ("“We regret the decision,” the White House said.", "the White House"),
    ],
)
def test_bodies_speak(article, body):
    ((_, speaker),) = speakers(article)
    assert speaker == body


@pytest.mark.parametrize(
    "sentence",
    [
        "Berg described the proposal as “a trap”.",
        "Berg called the proposal “a trap”.",
        "Berg hailed the proposal as “a trap”.",
        "Berg warned that the proposal was “a trap”.",
        "Berg tweeted that the proposal was “a trap”.",
        "Berg insisted the proposal was “a trap”.",
    ],
)
def test_speech_verbs(sentence):
    article = "Foreign Minister Anna Berg arrived on Monday. " + sentence
    assert speakers(article) == [("a trap", "Anna Berg")]


def test_spelling_variants_share_one_canonical_name():
    article = (
        "President Volodymyr Zelensky said talks were “possible”.\n\n"
        "Zelenskiy later added that they were “urgent”.\n\n"
        "“We are waiting,” Zelenskyy said."
    )
    quotes = extract(article)
    assert {q.speaker for q in quotes} == {"Volodymyr Zelensky"}
    assert [q.speaker_mention for q in quotes] == ["President Volodymyr Zelensky", "Zelenskiy", "Zelenskyy"]


def test_surname_gets_the_full_name_given_later():
    article = "“We leave with nothing,” Quispe said.\n\nUnion leader Marta Quispe spoke after the vote."
    assert speakers(article) == [("We leave with nothing,", "Marta Quispe")]


def test_unattributed_paragraph_continues_the_previous_speaker():
    article = "“We came in good faith,” Orlov said.\n\n“We leave with nothing.”"
    quotes = extract(article)
    assert [q.speaker for q in quotes] == ["Orlov", "Orlov"]
    assert quotes[1].cue == "continuation"


def test_mention_offsets_point_into_the_original_text():
    article = "â€œWe are ready,â€\x9d said Anna Berg."
    (quote,) = extract(article)
    assert article[quote.mention_start : quote.mention_end] == quote.speaker_mention == "Anna Berg"
