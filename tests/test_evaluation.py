"""The attribution evaluation: its matching rule, and floors a regression would break."""

from pathlib import Path

import pytest

from model import Pipeline, Quote
from training.evaluate_attribution import Document, GoldSpan, evaluate, overlap_match, polnear_documents, project_documents, speaker_matches

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"


def test_match_needs_half_of_the_longer_span():
    gold = [GoldSpan(0, 10, "A")]
    assert overlap_match([Quote("x", 0, 5)], gold) == [(0, 0)]
    assert overlap_match([Quote("x", 0, 4)], gold) == []
    assert overlap_match([Quote("x", 5, 30)], gold) == []


def test_speaker_matching_for_real_news_sources():
    assert speaker_matches("Ryan Ellis", GoldSpan(0, 1, "Ryan Ellis, a Republican tax consultant"))
    assert speaker_matches("Jason Chaffetz", GoldSpan(0, 1, "panel Chairman Rep. Jason Chaffetz (R-Utah)"))
    assert not speaker_matches("Hillary Clinton", GoldSpan(0, 1, "Donald Trump"))
    assert speaker_matches("Donald Trump", GoldSpan(0, 1, "he", "he", referent="Trump"))


def test_a_slip_of_spelling_or_an_appositive_still_names_the_speaker():
    # The article spells her "Wimes" once and "Wines" once; the guideline makes them one speaker.
    assert speaker_matches("Leslie Wimes", GoldSpan(0, 1, "Wines"))
    assert not speaker_matches("George Bush", GoldSpan(0, 1, "Rush"))  # short names: one letter is another person
    assert not speaker_matches("Anna Berger", GoldSpan(0, 1, "Anna Berg"))  # not a slip: "Berg" is too short to judge
    # The name may sit in the source's appositive rather than first.
    assert speaker_matches("Tomas Reyes", GoldSpan(0, 1, "The economy minister, Mr. Reyes,"))
    # …but an affiliation in the appositive is not the speaker.
    assert not speaker_matches("NTV", GoldSpan(0, 1, "Mara Lind, NTV"))
    assert not speaker_matches("Harbour Times", GoldSpan(0, 1, "Mara Lind, The Harbour Times"))
    assert not speaker_matches("Anna Berg", GoldSpan(0, 1, "Oskar Brandt, counsel to Berg's transition team,"))


def test_a_role_source_matches_the_person_the_article_gives_that_role():
    text = ("Defence Minister Anna Berg arrived late. Former defence minister Lena Ovik stayed away. "
            "Vice President Tomas Reyes sent a letter. “We will sign,” the minister said.")
    assert speaker_matches("Anna Berg", GoldSpan(0, 1, "The defence minister"), text=text)
    assert not speaker_matches("Lena Ovik", GoldSpan(0, 1, "The defence minister"), text=text)  # "former" is not the minister
    assert not speaker_matches("Tomas Reyes", GoldSpan(0, 1, "the president"), text=text)  # a vice president is not the president
    assert not speaker_matches("Anna Berg", GoldSpan(0, 1, "The defence minister"))  # no article, no evidence
    assert speaker_matches("Anna Berg", GoldSpan(0, 1, "the envoy"), text="Anna Berg, the envoy, left.")


def test_named_source_misses_are_sorted_by_kind():
    text = "“One,” Anna Berg said. “Two,” said Tomas Reyes. “Three,” the mayor said. “Four.” “Five,” he said."
    gold = [GoldSpan(1, 5, "Tomas Reyes"), GoldSpan(24, 28, "Tomas Reyes"), GoldSpan(49, 55, "the mayor"),
            GoldSpan(74, 79, "Lena Ovik"), GoldSpan(82, 87, "Lena Ovik")]
    answers = [Quote("One,", 1, 5, speaker="Anna Berg"), Quote("Two,", 24, 28, speaker="Tomas Reyes"),
               Quote("Three,", 49, 55, speaker="Anna Berg", speaker_mention="Anna Berg"), Quote("Four.", 74, 79),
               Quote("Five,", 82, 87, speaker="he")]
    report = evaluate([Document("d", text, gold)], lambda _: answers, strict_speakers=False)
    assert report.non_pronoun.speaker_total == 5 and report.non_pronoun.speaker_right == 1
    assert report.named_misses == {"another of the article's speakers": 1, "gold source is a role or description": 1,
                                   "no speaker given": 1, "pronoun left unresolved": 1}


def test_pronoun_sources_are_counted_as_resolved_only_when_a_name_comes_back():
    text = "“We will sign,” he said. “Not yet,” she said. “Soon,” he added."
    gold = [
        GoldSpan(1, 14, "he", "he", referent="Anna Berg"),  # the article named her referent earlier
        GoldSpan(26, 34, "she", "she", referent=None),  # nobody named before: not in the second count
        GoldSpan(47, 52, "he", "he", referent="Tomas Reyes"),
    ]
    answers = [Quote("We will sign,", 1, 14, speaker="Anna Berg"), Quote("Not yet,", 26, 34, speaker="Lena Ovik"),
               Quote("Soon,", 47, 52, speaker="he")]
    report = evaluate([Document("d", text, gold)], lambda _: answers, strict_speakers=False)
    assert report.pronoun.speaker_total == 3
    assert report.pronoun_named == 2
    assert (report.pronoun_with_referent_named, report.pronoun_with_referent) == (1, 2)
    assert report.as_dict()["pronoun_with_named_referent_resolved"] == 0.5


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


@pytest.mark.parametrize("split, min_f1, min_speaker", [("tune", 0.98, 0.98), ("heldout", 0.97, 0.92)])
def test_gold_set_floors(pipeline, split, min_f1, min_speaker):
    report = evaluate(project_documents(split=split), pipeline)
    assert report.overall.f1 >= min_f1
    assert report.overall.speaker_accuracy >= min_speaker


@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="PolNeAR is not beside the project")
def test_polnear_reader_keeps_only_quoted_attributions():
    documents = polnear_documents(POLNEAR, "dev")
    assert len(documents) == 84
    for doc in documents[:20]:
        for gold in doc.gold:
            assert gold.end > gold.start
            assert any(ch.isalnum() for ch in doc.text[gold.start : gold.end])
