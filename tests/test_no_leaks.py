"""No leaks, ever: a speaker never overlaps a quote or carries the parser's placeholder, however the marks are damaged.

Articles are generated from invented people, bodies, reporting clauses and
quotes in every mark style, then damaged the way scrapers damage them
(`training.damage`); the speaker stage must give names that lie outside
every quote whatever comes out.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.pipeline import extract
from training.damage import KINDS, damage
from training.leaks import find_leaks

SPEAKERS = ["Foreign Minister Ilse Maren", "she", "the ministry", "Tomas Reyl", "a spokesman for the envoy",
            "the Ostland defence ministry", "he", "Reyl", "the union", "officials"]
QUOTES = ["We will judge them by deeds", "The offer is a step backwards and everyone at this table knows it",
          "Not yet", "There is no deal until everything is agreed, and nothing is agreed",
          "We are close", "a serious mistake", "The redeployment of units shows our commitment to the process"]
VERBS = ["said", "told state radio", "said in a video statement", "added", "warned via video link", "told reporters"]
MARKS = [("“", "”"), ('"', '"'), ("«", "»"), ("“", ""), ("‘", "’")]


@st.composite
def sentences(draw):
    quote, speaker, verb = draw(st.sampled_from(QUOTES)), draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(VERBS))
    opening, closing = draw(st.sampled_from(MARKS))
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return f"{opening}{quote},{closing} {speaker} {verb}."
    if shape == 1:
        return f"{speaker[:1].upper()}{speaker[1:]} {verb}: {opening}{quote}.{closing}"
    if shape == 2:
        return f"{speaker[:1].upper()}{speaker[1:]} called it {opening}{quote}{closing}."
    return "The talks resumed on Tuesday."


@st.composite
def articles(draw):
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6))
    separator = draw(st.sampled_from(["\n\n", "\n", " "]))  # " ": scraped onto one line
    return separator.join(paragraphs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.sampled_from((None,) + KINDS), st.integers(0, 1000))
def test_speakers_never_leak(article, kind, seed):
    text = article if kind is None else damage(article, seed=seed, kind=kind)[0]
    quotes = extract(text)
    assert find_leaks("generated", quotes) == []
    for quote in quotes:
        if quote.mention_start is not None:
            assert 0 <= quote.mention_start < quote.mention_end <= len(text)
