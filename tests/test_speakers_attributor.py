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


def test_damaged_article_gives_people_and_bodies_with_mentions_in_the_callers_text():
    article = (
        "“The draft is a step backwards and everyone in the room knows it,†Trade Minister Lena Osk told state radio in Tallinn.\n\n"
        "“We will judge them by what they deliver at the border, not by what they sign in hotels,†she said in a video statement.\n\n"
        "The Varnish agriculture ministry said more inspectors would be sent. “The new checkpoints show our commitment to "
        "the terms agreed in Tallinn and to the farmers on both sides of the river,†the ministry said, adding that observers were welcome."
    )
    quotes = extract(article)
    assert [(q.speaker, q.speaker_mention) for q in quotes] == [
        ("Lena Osk", "Trade Minister Lena Osk"), ("Lena Osk", "she"), ("the Varnish agriculture ministry", "the ministry"),
    ]
    for quote in quotes:
        assert article[quote.mention_start : quote.mention_end] == quote.speaker_mention


def test_the_medium_or_occasion_is_never_the_speaker():
    cases = {
        "“We are ready to sign,” Lena Osk told Varnish radio on Sunday.": "Lena Osk",
        "“The offer is late,” Piet Ravn said via video link from Tallinn.": "Piet Ravn",
        "“The offer is late,” Piet Ravn said in an update on social media.": "Piet Ravn",
        "“Nothing is agreed,” Lena Osk said, a move that angered the delegation.": "Lena Osk",
        "Ada Lind said the walkout was a gesture meant to highlight “the contempt of the owners.”": "Ada Lind",
        "Tomas Moro said that fact speaks volumes about “who really runs the port.”": "Tomas Moro",
        "Talks will go on “in a constructive spirit”, the state news agency reported.": "the state news agency",
    }
    for article, speaker in cases.items():
        assert [q.speaker for q in extract(article)] == [speaker], article


def test_a_picture_credit_is_nobody_who_speaks():
    article = ("Envoy Piet Ravn at the border crossing on Monday. [Mara Lind/Nordpress]\n\n"
               "“We are closer than we were,” he said.")
    assert [q.speaker for q in extract(article)] == ["Piet Ravn"]


def test_in_a_first_person_interview_the_answers_are_the_interviewees():
    article = (
        "Mayor Zelda Moor, who has led the city through two winters of shelling, told me the talks were a trap.\n"
        "Would she give up the river district for a ceasefire, I asked?\n"
        "“I see it differently. A line on a map is not peace.”\n"
        "But can you trust the other side? I asked Moor whether any guarantee would hold. The envoy has broken promises before.\n"
        "“Guarantees from people who shell schools are worth nothing.”\n"
        "I asked Moor what she would say to the envoy.\n"
        "“Come and see the schools,” I was told."
    )
    assert [q.speaker for q in extract(article)] == ["Zelda Moor"] * 3


def test_people_in_a_picture_caption_are_not_the_story():
    article = (
        "Union negotiator Piet Ravn said progress had been made but difficulties remained.\n\n"
        "Leadership: Tomas Reyl of the port authority (left), with board chairman Ivo Kovac (right), arrive at the talks\n\n"
        "“We do not have an agreement tonight but we are committed to this work,” he said."
    )
    assert [q.speaker for q in extract(article)] == ["Piet Ravn"]


def test_headline_fragment_the_body_quotes_again_is_the_body_speakers():
    article = (
        "Port talks close with 'real gains' but no deal\n\n"
        "The dockers and the port authority ended a third day of talks in Rotterdam on Friday.\n\n"
        "The mediator, Ingrid Sollen, said the week had brought “real gains for both sides” and "
        "that the next round would start in March."
    )
    quotes = extract(article)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("real gains", "Ingrid Sollen"),
        ("real gains for both sides", "Ingrid Sollen"),
    ]


def test_headline_quote_with_its_own_speech_verb_keeps_its_speaker():
    article = (
        "Minister says port deal 'within reach'\n\n"
        "Oskar Lind, the transport minister, spoke after the talks.\n\n"
        "The mediator, Ingrid Sollen, said a deal was “within reach” if both sides gave ground."
    )
    assert extract(article)[0].speaker != "Ingrid Sollen"


def test_two_quotes_of_one_mention_share_its_speaker():
    article = (
        "Last week Mr Vell sent the board a detailed offer to buy the rowing club. "
        "In a statement, the club said it would let Mr Vell see “some of the books” before any bid. "
        "But it said it still opposed his plan, calling his figures “bold” and his timetable “reckless”."
    )
    assert [q.speaker for q in extract(article)] == ["the club"] * 3


def test_a_quote_running_straight_into_another_takes_the_tag_after_the_last_part():
    article = (
        "The councillors agreed the cafe mattered. Tourism, they insisted, would not suffer. "
        "“The biggest problem is the parking. “It might sound small, but it keeps people away,” said councillor Ada Lind."
    )
    assert [q.speaker for q in extract(article)] == ["Ada Lind", "Ada Lind"]
    article = (
        "It was getting hard to answer when people asked “What has the council done for us?” "
        "“I have had doors shut in my face,” he said."
    )
    assert extract(article)[0].speaker != extract(article)[1].speaker
    article = "Reporter Ada Lind writes:\n\n“The first time we met, the skipper cried. “It was a long winter,” the log says."
    assert extract(article)[0].speaker == "Ada Lind"
