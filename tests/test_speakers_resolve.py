"""Speaker attribution, step 3: resolving pronouns, roles and bodies to a speaker.

With the real spaCy parser (see ../shared/ANNOTATION.md §2).
"""

import pytest

from model import extract
from model.speakers.article import is_aside


def speakers(article: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(article)]


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


def test_he_she_prefers_the_subject_over_a_name_mentioned_after_it():
    article = "Orla Quinn said Maren Holt had not answered any of her letters. “I am still waiting,” she said."
    assert speakers(article) == [("I am still waiting,", "Orla Quinn")]


def test_role_named_only_after_the_quote():
    article = (
        "“Nobody leaves this room without a text,” the envoy said on Tuesday.\n\n"
        "The envoy, Marek Hollis, has mediated between the two sides since March."
    )
    assert speakers(article) == [("Nobody leaves this room without a text,", "Marek Hollis")]


def test_lower_case_role_is_not_a_name():
    article = (
        "The exchange was brokered by Anselm Kitenge, the Anglican bishop of Rubaga. "
        "“Nobody lost today,” the bishop said."
    )
    assert speakers(article) == [("Nobody lost today,", "Anselm Kitenge")]


def test_plural_role_is_not_one_person():
    article = (
        "Delegate Rosa Ibarra opened the session. "
        "Delegates from several countries said privately that the figure was “the only one that can pass”."
    )
    assert speakers(article) == [("the only one that can pass", "Delegates from several countries")]


def test_surname_the_tagger_reads_as_a_noun():
    article = (
        "“It is the first quiet week since the war began,” said Yannick Papadimas, who runs a small fleet.\n\n"
        "Papadimas put it more simply:\n\n“If the grain moves, everybody eats.”"
    )
    assert [s for _, s in speakers(article)] == ["Yannick Papadimas", "Yannick Papadimas"]


def test_subject_pronouns_carry_the_speaker_past_a_name_mentioned_in_passing():
    article = (
        "Former party treasurer Anselm Drury said the leadership was unprepared.\n\n"
        "He argued that a contest would be bitter.\n\n"
        "He warned of heavy lobbying by allies of Victor Kale. "
        "“Nobody has a plan for the week after,” he said."
    )
    assert speakers(article) == [("Nobody has a plan for the week after,", "Anselm Drury")]


def test_according_to_makes_the_pronoun_antecedent():
    article = (
        "According to Marius Feld, the ministry has replaced four chiefs because they disagreed with Premier Oskar Lind. "
        "“None of them told Lind what he wanted to hear,” he said."
    )
    assert speakers(article) == [("None of them told Lind what he wanted to hear,", "Marius Feld")]


def test_a_guessed_pronoun_does_not_fix_a_gender():
    article = (
        "Kerr Dalby met the envoy on Monday. “It was useful,” she said.\n\n"
        "Dalby later spoke to reporters outside the hotel. “We are close,” he said."
    )
    assert speakers(article)[-1] == ("We are close,", "Kerr Dalby")


def test_it_after_a_written_source_is_that_source():
    article = (
        "“The harbour talks have stalled,” the report said. "
        "“Neither side has moved since March,” it added."
    )
    assert [s for _, s in speakers(article)] == ["the report", "the report"]


def test_unknown_role_introduced_right_after():
    article = (
        "The ferry strike dragged on after what the crew spokesman called “a take-it-or-leave-it offer.” "
        "Mads Ovren, who speaks for the ferry crews, told reporters the boats would stay in port."
    )
    assert speakers(article) == [("a take-it-or-leave-it offer.", "Mads Ovren")]


def test_indefinite_role_or_a_document_does_not_look_ahead():
    article = (
        "A diplomat familiar with the file said the gap was “still wide.” "
        "Mads Ovren, who speaks for the ferry crews, told reporters the boats would stay in port."
    )
    assert speakers(article)[0][1] == "A diplomat familiar with the file"
    article = "“The quay is unsafe,” the report said. Ewa Brandt, who chairs the board, told reporters she would read it."
    assert speakers(article)[0][1] == "the report"


def test_unheld_role_after_a_single_newcomer():
    article = (
        "The talks were chaired by Ingrid Sollen, a Norwegian diplomat. In her closing remarks the chair said:\n\n"
        "“Both sides should be proud of this week.”"
    )
    assert speakers(article) == [("Both sides should be proud of this week.", "Ingrid Sollen")]


def test_campaign_of_a_person_is_a_body_for_they():
    article = "Harriet Brandt’s campaign spent the week mocking what they call Olek Varga’s “paper harbour.”"
    assert speakers(article) == [("paper harbour.", "Harriet Brandt’s campaign")]


def test_he_she_takes_the_topic_named_earlier_in_its_own_sentence():
    article = (
        "“The tonic is worthless,” said the chemist Aurel Dant.\n\n"
        "Ivo Brandt’s dubious advice earned him a hearing in parliament, where he claimed that the "
        "tonic was “a cure for every ill.”"
    )
    assert speakers(article)[-1] == ("a cure for every ill.", "Ivo Brandt")


def test_it_takes_the_body_that_was_the_subject_of_the_sentence_before():
    article = "The Reyes campaign is defending its leader. It is denouncing what it calls “a smear.”"
    assert speakers(article) == [("a smear.", "the Reyes campaign")]


def test_she_prefers_a_subject_known_to_be_a_woman_over_one_of_unknown_gender():
    article = (
        "Ana Ruiz met Tom Reyes on Monday. Reyes, the union's chief, called it “productive.” "
        "She called it “a start.”"
    )
    assert [s for _, s in speakers(article)] == ["Tom Reyes", "Ana Ruiz"]


@pytest.mark.parametrize(
    "article, expected",
    [
        ("Tom Reyes spoke for an hour. Contrary to his claim that voters would “learn nothing,” the files were long.", "Tom Reyes"),
        ("The Harbor Council met on Monday. It was criticised for its promise that rents would “never rise.”", "The Harbor Council"),
    ],
)
def test_possessive_pronoun_owner_resolves_like_the_subject_pronoun(article, expected):
    assert speakers(article)[-1][1] == expected


def test_a_pronoun_opening_an_aside_right_after_a_name_is_not_that_person():
    article = ("It was a hard double blow from the two leading unions, as Mrs. Vell echoed the attack, saying "
               "Mr. Kunin ''never listens to the docks'' and Ms. Holt, she said, ''sees right through him.''")
    assert [q.speaker for q in extract(article)] == ["Vell", "Vell"]


def test_an_owner_named_with_a_possessive_is_reported_without_it():
    (quote,) = extract("The union's claim that the deal was “dead on arrival” drew scorn.")
    assert (quote.speaker, quote.speaker_mention) == ("The union", "The union")


def test_it_opening_a_paragraph_is_the_body_the_text_was_last_about():
    article = (
        "The Harbor Gazette endorsed Ana Ruiz in May.\n\n"
        "Ruiz had campaigned on rents for two years.\n\n"
        "Meanwhile, it attacked Tom Reyes, saying he was “unfit for the job.”"
    )
    assert speakers(article) == [("unfit for the job.", "The Harbor Gazette")]


def test_role_named_after_a_body_is_still_a_role():
    article = "Republican presidential nominee Tom Reyes spoke. The GOP nominee said the war was “a mistake.”"
    assert speakers(article) == [("a mistake.", "Tom Reyes")]


def test_they_resolves_to_the_group_of_people_the_article_just_named():
    article = (
        "Critics of the harbour plan, like Senator Tom Vale, wrote to the minister on Monday. "
        "They sent a copy to the press.\n\n“The plan has failed and it must expire in May,” they wrote."
    )
    assert speakers(article) == [("The plan has failed and it must expire in May,", "Critics of the harbour plan")]
    assert speakers("Residents of the valley gathered outside the hall. “We were never asked,” they said.") == [
        ("We were never asked,", "Residents of the valley")
    ]
    # Talks are no group of people: the pronoun stays as written.
    assert speakers("The talks resumed in Oslo on Monday. “We are close,” they said.") == [("We are close,", "they")]


def test_a_pronoun_looks_to_its_own_sentence_first():
    article = ("Mr. Tomas Reyl spoke first. “We need more time,” he said. "
               "Kovac voiced cautious hope, though he added that “much remains to be done”.")
    assert [q.speaker for q in extract(article)] == ["Tomas Reyl", "Kovac"]


def test_he_in_the_clause_a_role_reports_is_that_role_not_the_last_man_named():
    article = (
        "Tomas Brenner, a harbour pilot, sold his boat last spring.\n\n"
        "Ostland's chief negotiator said on Monday that he hoped to announce a deal “before the holidays”."
    )
    assert speakers(article) == [("before the holidays", "Ostland's chief negotiator")]


def test_she_in_the_clause_a_role_reports_is_the_person_just_spoken_of():
    # An epithet for the woman the paragraph is about, not a new speaker.
    article = (
        "Ana Ruiz spoke out on Tuesday about the strike at the port.\n\n"
        "On a morning radio show, the former mayor said she wanted to speak “directly to the dockers”."
    )
    assert speakers(article) == [("directly to the dockers", "Ana Ruiz")]


def test_related_links_between_paragraphs_are_no_antecedent_for_he():
    # A block of links to other stories names another man; the "he" after it is still the envoy.
    article = (
        "Envoy Marek Hollis spent the night at the border crossing.\n\n"
        "“Both sides want the corridor open,” he said. “Nobody wants another winter like the last.”\n"
        "Read more\n"
        "Premier Oskar Lind visits flooded villages in the north\n"
        "Regions\n"
        "Port strike enters its third week\n"
        "Regions\n"
        "He warned that the corridor would close again if the shelling resumed.\n"
        "“Who will feed these towns then?” he asked."
    )
    assert speakers(article)[-1] == ("Who will feed these towns then?", "Marek Hollis")


@pytest.mark.parametrize(
    "line, aside",
    [
        ("Regions", True),
        ("Premier Oskar Lind’s visit to the flooded north", True),
        ("HOLT: We will not sign this text", False),  # a transcript line keeps its label
        ("‘We stay’ says the mayor of Dravna", False),  # a quote
        ("The mayor stayed.", False),
        ("The mayor told the council:", False),
    ],
)
def test_what_counts_as_a_line_of_site_furniture(line, aside):
    assert is_aside(line) is aside


def test_he_after_a_paragraph_that_is_only_a_quote_goes_on_about_its_speaker():
    # The writer's question names another man; the answer after it is the mayor's,
    # and the "He" after the answer is still the mayor, not the man in the question.
    article = (
        "Mayor Tomas Brenner received me in his office at the harbour.\n\n"
        "“We rebuilt the quay in a year,” Brenner told me.\n\n"
        "“Nobody thought we could do it.”\n\n"
        "But can you trust Oskar Lind? If the minister promises money, I asked, will he pay? "
        "He is, after all, a man who changes his mind.\n\n"
        "“It is not only the minister. We want the money written into law.”\n\n"
        "He meant that the grant needed a vote in parliament.\n\n"
        "“Laws outlast ministers.”"
    )
    assert speakers(article)[-1] == ("Laws outlast ministers.", "Tomas Brenner")


def test_a_lesser_or_other_office_does_not_hold_the_role():
    article = (
        "Deputy Prime Minister Olek Varga hosted the dinner on Friday.\n\n"
        "“Nobody trades posts over dinner,” the prime minister told the morning show."
    )
    assert speakers(article)[-1] == ("Nobody trades posts over dinner,", "the prime minister")
    article = (
        "The plan was drafted with Solicitor General Ann Vale and two officials.\n\n"
        "The attorney general denied being “pushed around” by the cabinet."
    )
    assert speakers(article)[-1] == ("pushed around", "The attorney general")
    article = (
        "Foreign Minister Anna Berg arrived late.\n\n"
        "“We are ready,” the foreign minister said."
    )
    assert speakers(article)[-1] == ("We are ready,", "Anna Berg")


def test_a_newcomer_with_a_title_of_their_own_is_not_an_unknown_roles_holder():
    article = (
        "“Nobody trades posts over dinner,” the prime minister told the morning show.\n\n"
        "Opposition leader Olek Varga accused him of squabbling."
    )
    assert speakers(article) == [("Nobody trades posts over dinner,", "the prime minister")]


def test_he_she_after_a_role_that_just_spoke_is_that_role():
    article = (
        "Mayor Ilse Maren opened the new depot on Monday.\n\n"
        "A spokeswoman for the harbour board said the fees would rise in spring. "
        "“We have no other way to pay for the dredging,” she said."
    )
    assert speakers(article)[-1] == ("We have no other way to pay for the dredging,", "A spokeswoman for the harbour board")
    article = (
        "Tomas Lind, the chief engineer, inspected the quay.\n\n"
        "The port authority's official spokesman said the quay was safe. "
        "But he added: “Nobody should fish from it.”"
    )
    assert speakers(article)[-1] == ("Nobody should fish from it.", "The port authority's official spokesman")


def test_a_spokeswoman_is_not_the_spokesman_named_next():
    article = (
        "The Keller Centre spokeswoman said the car park was full by noon. “We expect the same tomorrow,” she added.\n\n"
        "Spokesman Alan Brisk said he expected more visitors at the other site."
    )
    assert speakers(article)[0] == ("We expect the same tomorrow,", "The Keller Centre spokeswoman")


def test_an_indefinite_role_is_not_the_holder_named_before():
    article = (
        "Senator Ivo Prask named Tim Rowe, his transport spokesman, on Monday.\n\n"
        "“The bill will take a decade to work,” a spokesman for the other party said."
    )
    assert speakers(article)[-1] == ("The bill will take a decade to work,", "a spokesman for the other party")


def test_a_name_in_a_speech_tag_joined_to_the_main_clause_is_the_topic_for_he():
    article = (
        "“We will build,” said Tomas Vell, a builder, who moved back to the city last year. He is hiring.\n\n"
        "Real losses have been suffered and somebody has to pay, observed Tom Hale, adviser to the fund director, Ana Ruiz. "
        "“The cost is enormous,” he said."
    )
    assert speakers(article)[-1] == ("The cost is enormous,", "Tom Hale")


def test_he_added_goes_to_a_man_made_the_subject_after_the_last_speaker():
    article = (
        "Liberal spokesman Sir Ivo Prask said the crew had been rescued from a “legal limbo”. "
        "“Their rights were ignored and they were denied a hearing.”\n\n"
        "Tomas Vell, father of Olek, thanked his lawyers and the city for the support he had received "
        "while campaigning for his son. He added: “If they broke the rules, they should pay.”"
    )
    assert speakers(article)[-1] == ("If they broke the rules, they should pay.", "Tomas Vell")


def test_he_after_a_person_acting_in_a_clause_hung_on_a_things_sentence():
    article = (
        "Mayor Tomas Vell has said the harbour fees must rise.\n\n"
        "His remarks came as Bishop Ivo Prask, the head of the seamen's mission, backed the dockers and "
        "distanced himself from the council. In a statement, he said the fees were “a very heavy burden”."
    )
    assert speakers(article)[-1] == ("a very heavy burden", "Ivo Prask")


def test_he_after_a_bare_title_that_spoke_is_still_the_person_the_story_is_about():
    article = (
        "Ivo Prask says his standing with voters will be “an issue” at the election.\n\n"
        "The prime minister said he was ready for the fight. "
        "He told the weekly paper that office was a “constant barrage”."
    )
    assert speakers(article)[-1] == ("constant barrage", "Ivo Prask")


def test_he_after_an_unnamed_official_who_spoke_is_that_official():
    article = (
        "Mayor Tomas Vell opened the new quay on Monday.\n\n"
        "“They were never serious,” one senior harbour negotiator told the paper.\n\n"
        "The official also claimed that the council was stalling. "
        "He alleged that the new “toll plan” was meant to push the fishermen out."
    )
    assert speakers(article)[-1] == ("toll plan", "The official")


def test_a_title_given_in_apposition_keeps_its_office_words():
    article = (
        "The vote was backed by the dockers’ general secretary, Tomas Ekberg, who promised a decision within days.\n\n"
        "“We are not bluffing and the port knows it,” the general secretary said."
    )
    assert speakers(article)[-1] == ("We are not bluffing and the port knows it,", "Tomas Ekberg")


def test_a_newcomer_with_an_office_can_still_be_the_man_or_woman_a_sentence_describes():
    article = (
        "The woman asked to mediate between the two unions said on Friday that the dispute was “close to settled”.\n\n"
        "Greta Lund, a retired appeals judge chosen by both sides, met the negotiators over the weekend."
    )
    assert speakers(article) == [("close to settled", "Greta Lund")]


def test_a_he_after_an_unnamed_person_who_spoke_is_that_person():
    # "one trader, who …" is a person though no list of roles names traders.
    article = (
        'Tomas Brandt, an analyst at Fenn Securities, called the results "solid". However, one trader, '
        'who asked not to be named, said the figures were "not what anyone wanted". '
        '"It has been a hard winter for every shop," he said.'
    )
    assert [q.speaker for q in extract(article)] == ["Tomas Brandt", "one trader", "one trader"]


def test_a_role_is_not_given_to_a_newcomer_who_holds_another_office_of_that_name():
    article = (
        "Tomas Brandt has criticised the port levy.\n\n"
        'The transport minister said the levy was "a tax on work". Finance Minister Ada Lind said the levy would stay.'
    )
    assert speakers(article) == [("a tax on work", "The transport minister")]


def test_a_role_the_article_already_gave_someone_unnamed_does_not_look_ahead_for_a_name():
    article = (
        "Later the mayor's spokesman was asked about the strike. The spokesman said: \"The mayor will speak "
        'for herself." Councillor Tomas Brandt said he was "astonished".'
    )
    assert speakers(article) == [("The mayor will speak for herself.", "The spokesman"), ("astonished", "Tomas Brandt")]


def test_a_role_owned_by_a_named_person_is_the_role_and_takes_the_he_after_it():
    article = (
        'In a radio address on Sunday, President Vell\'s chief aide said the new levy was needed because of "outside '
        'pressure". "The levy applies only to foreign currency," he said.'
    )
    assert [q.speaker for q in extract(article)] == ["President Vell's chief aide"] * 2


def test_it_after_a_report_that_spoke_is_the_report():
    article = 'A watchdog report on the port says costs have doubled in a year. It says there is "little sign" of control.'
    assert speakers(article) == [("little sign", "A watchdog report")]


def test_an_age_description_is_the_person_just_written_about():
    article = "Petra Holm put the parody on the web on Friday. “We are ready for the vote,” the 43-year-old said afterwards."
    quote = extract(article)[0]
    assert (quote.speaker, quote.speaker_mention) == ("Petra Holm", "the 43-year-old")
