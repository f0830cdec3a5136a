"""The attribution evaluation: its matching rule, and floors a regression would break."""

import json
from pathlib import Path

import pytest

from model import Pipeline, Quote
from training.evaluate_attribution import (Document, GoldSpan, evaluate, main, overlap_match, polnear_documents, project_documents,
                                           realnews_documents, realnews_speaker_matches, speaker_matches)
from training.leaks import find_leaks

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


# -- the real-news yardstick, in its README's format, with invented articles ---------------------

FERRY_TEXT = ("Ferry talks stall\n\n"
              "\"We are not moving the timetable,\" Harbour Minister Ona Verlin said on Monday.\n"
              "The union's Pel Andrade was blunter: \"No deal without the night crews.\"\n"
              "\"Maybe next week.\"")


def write_realnews(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    quotes = []
    for words, speaker, aliases, mention in [
        ("We are not moving the timetable,", "Ona Verlin", ["Verlin", "Harbour Minister"], "Harbour Minister Ona Verlin"),
        ("No deal without the night crews.", "Pel Andrade", ["Andrade"], "Pel Andrade"),
        ("Maybe next week.", "unattributed", [], None),
    ]:
        start = FERRY_TEXT.index(words)
        quotes.append({"quote": words, "start": start, "end": start + len(words), "speaker": speaker, "aliases": aliases,
                       "mention": mention, "stance": "sceptical", "second_stance": "sceptical", "on_topic": True, "clear": True})
    (folder / "fx-01.txt").write_text(FERRY_TEXT, encoding="utf-8")
    (folder / "fx-01.json").write_text(json.dumps({"id": "fx-01", "outlet": "Invented Wire", "quotes": quotes}), encoding="utf-8")
    return folder


def test_realnews_reader_reads_the_readme_format(tmp_path):
    (doc,) = realnews_documents(write_realnews(tmp_path / "dev"))
    assert (doc.id, doc.group) == ("fx-01", "Invented Wire")
    assert [doc.text[g.start : g.end] for g in doc.gold] == ["We are not moving the timetable,", "No deal without the night crews.",
                                                             "Maybe next week."]
    assert doc.gold[0].aliases == ("Verlin", "Harbour Minister")
    assert doc.gold[2].speaker is None  # unattributed with no mention: left out of speaker accuracy


def test_realnews_speaker_rule():
    gold = GoldSpan(0, 1, "Ona Verlin", "she", aliases=("Verlin", "Harbour Minister"))
    assert realnews_speaker_matches("Ona Verlin", gold)
    assert realnews_speaker_matches("Harbour Minister Ona Verlin", gold)  # contains the gold speaker
    assert realnews_speaker_matches("Verlin's", gold)  # possessive dropped, an alias
    assert realnews_speaker_matches("minister", GoldSpan(0, 1, "the harbour minister"))  # contained, more than 3 letters
    assert realnews_speaker_matches(None, gold, mention="the Harbour Minister")  # the mention counts too
    assert not realnews_speaker_matches("Ona", GoldSpan(0, 1, "Ona Verlin"))  # three letters are too few
    assert not realnews_speaker_matches("Pel Andrade", gold)
    assert not realnews_speaker_matches("Ona Verlin", GoldSpan(0, 1, None))


def test_the_leak_check_flags_a_leaking_speaker_and_passes_a_clean_one():
    quote = Quote("We are not moving the timetable,", 10, 42)
    clean = [Quote(quote.text, 10, 42, speaker="Ona Verlin", speaker_mention="Ona Verlin", mention_start=50, mention_end=60)]
    assert find_leaks("d", clean) == []
    placeholder = [Quote(quote.text, 10, 42, speaker="xxxxxxxx Verlin", speaker_mention="xxxxxxxx Verlin")]
    overlapping = [Quote(quote.text, 10, 42, speaker="Ona Verlin", speaker_mention="timetable", mention_start=33, mention_end=42)]
    holding = [quote, Quote("No deal,", 60, 68, speaker="We are not moving the timetable, Verlin")]
    assert [leak.kind for leak in find_leaks("d", placeholder)] == ["placeholder"]
    assert [leak.kind for leak in find_leaks("d", overlapping)] == ["mention inside a quote"]
    assert [leak.kind for leak in find_leaks("d", holding)] == ["quote text in speaker"]
    assert find_leaks("d", [Quote("Exxon", 0, 5), Quote("Talks", 9, 14, speaker="Exxon")]) == []  # short quotes, real names


def test_leaks_are_counted_per_yardstick():
    text = "“We are not moving the timetable,” Ona Verlin said."
    leaking = [Quote("We are not moving the timetable,", 1, 33, speaker="xxxxxxxxxx", speaker_mention="xxxxxxxxxx")]
    report = evaluate([Document("d", text, [GoldSpan(1, 33, "Ona Verlin")])], lambda _: leaking)
    assert len(report.leaks) == 1 and report.as_dict()["leaks"] == 1


def test_the_command_fails_below_a_floor_and_on_a_leak(tmp_path, capsys):
    folder = write_realnews(tmp_path / "dev")
    assert main(["--realnews", str(folder), "--damaged", "--min-f1", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "real news dev: clean | damaged" in out and "leaks" in out
    assert main(["--realnews", str(folder), "--min-speaker", "1.01"]) == 1
    assert main(["--realnews", str(folder), "--damaged", "--min-damaged-f1", "1.01"]) == 1
    assert "floor 1.01" in capsys.readouterr().err
