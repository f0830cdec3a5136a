"""Speaker attribution as a whole: continuation, offsets into the original text, masked quotes.

With the real spaCy parser (see ../shared/ANNOTATION.md §2).
"""

from model import extract


def test_unattributed_paragraph_continues_the_previous_speaker():
    article = "“We came in good faith,” Orlov said.\n\n“We leave with nothing.”"
    quotes = extract(article)
    assert [q.speaker for q in quotes] == ["Orlov", "Orlov"]
    assert quotes[1].cue == "continuation"


def test_mention_offsets_point_into_the_original_text():
    article = "â€œWe are ready,â€\x9d said Anna Berg."
    (quote,) = extract(article)
    assert article[quote.mention_start : quote.mention_end] == quote.speaker_mention == "Anna Berg"


def test_parser_reads_a_stand_alone_quote_as_one_placeholder_word():
    from model.speakers import masked_quotes

    view = "“We will not sign this draft today,” said Ana Ruiz. She called it “a trap” and “a very bad deal for us.”"
    spans = [(1, 35), (67, 73), (80, 103)]
    masked = masked_quotes(view, spans)
    assert len(masked) == len(view)  # offsets still map onto the article
    assert masked[1:35] == "x" * 33 + ","  # stand-alone, closing comma kept
    assert masked[35:] == view[35:]  # quotes inside a sentence shape its parse: kept


def test_speakers_survive_the_masking_of_long_stand_alone_quotes():
    article = (
        "Talks on the fishing quota resumed in Tallinn on Monday.\n\n"
        "“We have spent three nights on the same two paragraphs and nobody has moved an inch,” "
        "said Kalev Tamm, who leads the coastal delegation.\n\n"
        "His counterpart, Ines Duarte, was more hopeful. “If both sides keep their experts in the room "
        "through Thursday, I think a text can be ready before the weekend,” she told reporters.\n\n"
        "“That is what they said in March.” Tamm shrugged and left the hall."
    )
    assert [q.speaker for q in extract(article)] == ["Kalev Tamm", "Ines Duarte", "Kalev Tamm"]
