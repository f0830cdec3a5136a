"""Speaker attribution, step 1's last resorts (`speakers.sentence_cues`): a transcript label, the subject of the sentence holding a quoted fragment, the sentence before a quote without a cue.

With the real spaCy parser (see ../shared/ANNOTATION.md §2).
"""

import pytest

from model import extract


def speakers(article: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(article)]


def test_quote_after_a_sentence_that_introduces_its_speaker():
    article = (
        "“We are not moving,” union leader Aino Lehtonen said.\n\n"
        "The mediator, Pieter Kloos, said he would call both delegations back on Thursday. "
        "“There is a deal here if they want one.”"
    )
    assert [s for _, s in speakers(article)] == ["Aino Lehtonen", "Pieter Kloos"]


def test_transcript_name_before_a_colon():
    article = "The minister spoke on state radio.\n\nKALNINS: “We will sign when the guns are silent.”"
    assert speakers(article) == [("We will sign when the guns are silent.", "KALNINS")]


def test_fragment_in_a_sentence_with_its_own_named_subject():
    article = (
        "“The fund is empty,” said Ilse Vardanyan, the finance minister. "
        "Opposition leader Teodor Brask compared the budget to “a house of cards”."
    )
    assert [s for _, s in speakers(article)] == ["Ilse Vardanyan", "Teodor Brask"]


def test_cueless_quote_after_a_sentence_about_a_new_named_person():
    article = (
        "“We will not sign,” said Ilse Vardanyan.\n\n"
        "In a radio interview, Teodor Brask named the cost of living as the reason voters were angry. "
        "“People cannot pay their rent.”"
    )
    assert [s for _, s in speakers(article)] == ["Ilse Vardanyan", "Teodor Brask"]


def test_transcript_label_names_the_speaker():
    article = (
        "Moderator Olek Varga asked Ewa Brandt about the harbour.\n\n"
        "BRANDT: Look, the plan is “a disaster,” and everybody on the docks knows it.\n\n"
        "BRANDT: I said it was “a disaster” and I stand by that."
    )
    assert [s for _, s in speakers(article)] == ["Ewa Brandt", "Ewa Brandt"]


def test_pronoun_topic_sentence_before_a_cueless_quote():
    article = (
        "Olek Varga opened the session. Ewa Brandt arrived an hour later.\n\n"
        "She did not hide her anger.\n\n"
        "“This is a farce.”"
    )
    assert speakers(article) == [("This is a farce.", "Ewa Brandt")]


def test_quoted_term_in_a_clause_whose_subject_is_a_body_is_that_bodys():
    article = (
        "“No trucks have reached the valley for a week,” said Ana Ruiz, a relief worker.\n\n"
        "Thousands of families left the valley after the army ordered them into a “safe zone” near the coast."
    )
    assert speakers(article)[-1] == ("safe zone", "the army")


def test_quoted_term_in_a_clause_without_a_body_or_name_as_subject_continues_the_speaker():
    article = (
        "“No trucks have reached the valley for a week,” said Ana Ruiz, a relief worker.\n\n"
        "Thousands of families left the valley after the storm turned the roads into “rivers of mud”."
    )
    assert speakers(article)[-1] == ("rivers of mud", "Ana Ruiz")


def test_a_body_that_uses_a_quoted_term_in_its_own_sentence_is_its_speaker():
    article = "Mayor Ada Lind opened the session. The council wants “fresh thinking” on the empty warehouses."
    assert speakers(article) == [("fresh thinking", "The council")]


@pytest.mark.parametrize(
    "article, speaker",
    [
        # "Sanders" tagged as the plural of "sander"
        ("Senator Ruth Sanders visited Leeds on Friday. Ada Lind said the trip was \"a success.\"\n\n"
         "Sanders went through the causes she cares about most, including heavier bank levies, faster buses "
         "and the city's \"broken pavements.\"", "Ruth Sanders"),
        ("Ada Lind said the trip was \"a success.\" The dock workers’ union leader, who led last year’s walkout, "
         "believes pay must now become a “line in the sand” for members.", "The dock workers’ union leader"),
    ],
)
def test_a_quoted_term_in_a_sentence_whose_subject_is_a_known_name_or_a_role_is_that_subjects(article, speaker):
    quote = extract(article)[-1]
    assert speaker in (quote.speaker, quote.speaker_mention)
    assert quote.cue != "said"  # not the sentence before's


def test_a_quoted_verdict_on_the_subject_of_a_copula_is_not_that_subjects():
    article = ("Ada Lind attacked the ruling on Monday.\n\nThe minister said the port had a \"first duty\" to stay open. "
               "The harbour judges were \"badly mistaken\" in shutting it.")
    assert [s for _, s in speakers(article)] == ["The minister", "The minister"]
