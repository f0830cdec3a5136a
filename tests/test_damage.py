"""The damaged yardstick: quotation marks damaged as scrapers damage them, gold offsets carried through."""

from hypothesis import given, settings
from hypothesis import strategies as st

from training.damage import KINDS, choose_kind, curl_straight_quotes, damage
from training.yardsticks import Document, GoldSpan, damaged_documents

ARTICLE = ('The harbour board met on Tuesday.\n'
           '"We will keep the ferry running," said Ona Verlin. “Nobody’s leaving,” the pilot added.\n'
           'Talks resume "after the thaw", the clerk wrote.')


def gold_spans(text):
    """The spans between each pair of quotation marks, as a gold annotation would give them."""
    spans, opened = [], None
    for i, ch in enumerate(text):
        if ch in '"“' and opened is None:
            opened = i + 1
        elif ch in '"”' and opened is not None:
            spans.append((opened, i))
            opened = None
    return spans


def test_straight_quotes_are_curled_per_line():
    assert curl_straight_quotes('"a" and "b"\n"c') == "“a” and “b”\n“c"
    # An odd mark at a line's end leaves the next line starting afresh with an opening mark.
    assert curl_straight_quotes('"open\n"next" done') == "“open\n“next” done"


def test_dagger_loses_the_space_after_each_closing_mark():
    damaged, spans = damage(ARTICLE, gold_spans(ARTICLE), kind="dagger")
    assert "”" not in damaged and '"' not in damaged
    assert "running,†said Ona Verlin" in damaged and "leaving,†the pilot" in damaged
    assert "Nobody’s" in damaged  # apostrophes stay
    assert [damaged[s:e] for s, e in spans] == [ARTICLE[s:e] for s, e in gold_spans(ARTICLE)]


def test_mojibake_in_both_flavours_of_the_closing_mark():
    for kind, closing in (("mojibake", "â€\x9d"), ("mojibake_bare", "â€")):
        damaged, spans = damage(ARTICLE, gold_spans(ARTICLE), kind=kind)
        assert f"running,{closing} said" in damaged and "â€œWe will" in damaged
        assert [damaged[s:e] for s, e in spans][1] == "Nobodyâ€™s leaving,"  # the gold quote, damaged the same way


def test_the_seed_fixes_the_kind_and_every_kind_happens():
    assert choose_kind("article-7") == choose_kind("article-7")
    assert damage(ARTICLE, seed="article-7") == damage(ARTICLE, seed="article-7")
    assert {choose_kind(f"article-{i}") for i in range(60)} == set(KINDS)


def test_damaged_documents_carry_their_gold():
    doc = Document("harbour-1", ARTICLE, [GoldSpan(s, e, "Ona Verlin") for s, e in gold_spans(ARTICLE)])
    (damaged,) = damaged_documents([doc])
    assert damaged.damage == choose_kind("harbour-1") and damaged.text != ARTICLE
    assert [g.speaker for g in damaged.gold] == ["Ona Verlin"] * 3
    assert damaged.patterns == (f"damage:{damaged.damage}",)  # figures are counted per kind
    assert doc.text == ARTICLE  # the clean document is left alone


PIECES = ['"', "“", "”", "’", " ", "\n", "ferry", "said Ona.", ",", "x"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.sampled_from(KINDS), st.data())
def test_any_span_keeps_its_text_damaged_the_same_way(text, kind, data):
    """Damaging a slice on its own gives the slice of the damaged article, wherever the marks fall
    (a slice starting mid-line may curl its straight marks differently, so those are curled first)."""
    text = curl_straight_quotes(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    damaged, [(s, e)] = damage(text, [(start, end)], kind=kind)
    piece, _ = damage(text[start:end], kind=kind)
    if kind == "dagger":
        # A space after a closing mark just outside the slice is lost in the article only.
        lost_first = start > 0 and text[start - 1] == "”" and text[start : start + 1] == " "
        piece = piece[1:] if lost_first else piece
    assert damaged[s:e] == piece
