"""The repaired view every stage reads: each repair, and offsets that still index the caller's string."""

import pytest

from model.cleantext import CleanText
from model.pipeline import extract
from model.quotes import find_quotes

REPAIRS = {
    "mojibake": ("â€œWe will not sign,â€\x9d the general said.", "“We will not sign,” the general said."),
    "bare euro glued to the next word": ("â€œNever,â€the general said.", "“Never,” the general said."),
    "dagger for a closing mark, space lost": ("“Too late,†Anna Berg said.", "“Too late,” Anna Berg said."),
    "dagger, space kept": ("“Too late,† Anna Berg said.", "“Too late,” Anna Berg said."),
    "a lone dagger is left alone": ("Born 1931 † 1999.", "Born 1931 † 1999."),
    "dagger opening a quote after curling went out of step": ("has been †real but slow“, he said", "has been ”real but slow“, he said"),
    "HTML entities": ("He said &quot;not yet&quot; &amp; left&#x2014;fast.", 'He said "not yet" & left—fast.'),
    "inline tags vanish": ('<span id="a1"/>The <a href="https://x.org/p">envoy</a> <b>spoke</b>.', "The envoy spoke."),
    "block tags are paragraph breaks": ("<p>One.</p><p>Two.</p>", "\n\nOne.\n\n\n\nTwo.\n\n"),
    "scripts vanish": ('Text<script>var q = "x";</script> more', "Text more"),
    "markdown links keep their words": ('warned that ["bad things"](https://news.example/a(1).html) would', 'warned that "bad things" would'),
    "zero-width characters dropped": ("cease\u200bfire\ufeff talks", "ceasefire talks"),
    "non-breaking spaces": ("Anna\u00a0Berg said", "Anna Berg said"),
    "apostrophes stay glued": ("Russiaâ€™s offer", "Russia’s offer"),
    "a closing mark glued to the next word": ("“It is the worst deal in years,”Lind said.", "“It is the worst deal in years,” Lind said."),
    "an opening mark after a comma is left alone": ("Lind said,“No.”", "Lind said,“No.”"),
    "a credit's dash glued to its name": ("“We will win.”\n\n-Ada Lind, Oslo.", "“We will win.”\n\n- Ada Lind, Oslo."),
    "a hyphen inside a word is left alone": ("a well-Known name", "a well-Known name"),
}


@pytest.mark.parametrize("name", REPAIRS)
def test_each_repair(name):
    original, expected = REPAIRS[name]
    assert CleanText.of(original).text == expected


@pytest.mark.parametrize("name", REPAIRS)
def test_every_offset_maps_back_inside_the_original(name):
    original, _ = REPAIRS[name]
    clean = CleanText.of(original)
    for pos in range(len(clean.text)):
        assert 0 <= clean.original_start(pos) <= clean.original_end(pos + 1) <= len(original)
    for pos in range(len(original) + 1):
        assert 0 <= clean.clean_offset(pos) <= len(clean.text)


def test_copied_words_map_exactly():
    original = '<p>The <a href="https://x.org">envoy</a> said &quot;soon&quot;.</p>'
    clean = CleanText.of(original)
    start = clean.text.index("envoy")
    assert original[clean.original_start(start) : clean.original_end(start + 5)] == "envoy"


def test_one_view_per_article():
    text = "<p>“We are close,” the envoy said.</p>"
    assert CleanText.of(text) is CleanText.of(text)


def test_quotes_in_html_and_markdown_index_the_callers_string():
    text = ('<p>The minister of the Ostland coast, <a href="https://x.org/m">Ilse Maren</a>, said it was '
            '&quot;a [fair offer](https://x.org/o) at last&quot;.</p><p>&quot;We will sign,&quot; she added.</p>')
    quotes = extract(text)
    assert [q.closed_by for q in quotes] == ["mark", "mark"]
    assert "fair offer" in quotes[0].text and text[quotes[0].start : quotes[0].end] == quotes[0].text
    assert quotes[1].text == "We will sign,"
    assert [q.speaker for q in quotes] == ["Ilse Maren", "Ilse Maren"]
    assert quotes[0].speaker_mention.endswith("Ilse Maren") and quotes[1].speaker_mention == "she"
    for quote in quotes:  # the mention's offsets cover its words in the caller's string, markup and all
        assert CleanText.of(text[quote.mention_start : quote.mention_end]).text == quote.speaker_mention


def test_a_damaged_closing_mark_is_reported_as_damaged():
    quotes = find_quotes("“We will judge them by deeds,†she said. “Fine,” he said.")
    assert [(q.text, q.closed_by) for q in quotes] == [("We will judge them by deeds,", "damaged"), ("Fine,", "mark")]


def test_a_quote_whose_closing_mark_lost_its_space_keeps_its_tag():
    article = "“It is the poorest offer we have had in a decade,”Lind said. “Several of the terms are insulting.”"
    assert [q.speaker for q in extract(article)] == ["Lind", "Lind"]
