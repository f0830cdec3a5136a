"""Whatever a scraper hands `predict()`: a correct answer or a clear error, never a hang or a malformed quote."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import LABELS, MAX_QUOTE_CHARS, predict


def assert_well_formed(text: str, quotes) -> None:
    """Offsets inside the text, no overlaps, text equal to the slice, labels and probabilities valid."""
    previous_end = -1
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        assert quote.start >= previous_end, "quotes overlap"
        previous_end = quote.end
        assert text[quote.start : quote.end] == quote.text
        assert len(quote.text) <= MAX_QUOTE_CHARS
        assert quote.stance in LABELS
        assert sum(quote.probabilities.values()) == pytest.approx(1.0, abs=1e-6)


MESSY = {
    "html": '<div class="story"><p>The envoy said: <b>&ldquo;We are close&rdquo;</b>.</p><p>“Not yet,” '
            'the minister replied.<br/></p><script>var q = "x";</script></div>',
    "control characters and NUL": "\x00“We will\x07 talk\x1b again,” the\x00 envoy said.\x0c\x00",
    "mixed scripts": "“Мы готовы к переговорам,” said the envoy. «Nous verrons», a ajouté le ministre. “和平是可能的，” 他说。",
    "unbalanced marks": "“" * 300 + "The talks went on. " * 400 + "”" * 7 + " “open",
    "stray closing marks": "” ” ” The minister spoke.” ” And then “a fragment",
    "only marks": "“”«»''\"\"",
    "mojibake": "â€œWe will not sign,â€\x9d the general said. â€œNever.â€",
}


@pytest.mark.parametrize("name", MESSY)
def test_messy_articles_give_well_formed_quotes(name):
    text = MESSY[name]
    assert_well_formed(text, predict(text))


def test_unbalanced_marks_never_make_a_quote_longer_than_the_bound():
    text = "“" + "Nobody closes this quote. " * 1000
    quotes = predict(text)
    assert quotes and all(len(q.text) <= MAX_QUOTE_CHARS for q in quotes)


ARTICLE_ALPHABET = string.ascii_letters[:12] + " .,:\n" + "“”\"'«»‘’" + "\x00é—"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ARTICLE_ALPHABET, max_size=300))
def test_any_string_gives_well_formed_quotes(text):
    assert_well_formed(text, predict(text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["“We are close,” she said.", "He called it “a trap”.", "“", "”", "The talks ended.",
                                 "\n\n", "«Non», dit-il.", "‘a step’", " "]), max_size=12).map("".join))
def test_any_mix_of_news_pieces_gives_well_formed_quotes(text):
    assert_well_formed(text, predict(text))


def test_ten_thousand_articles_in_one_call_keep_memory_flat():
    """Run in a fresh process so its peak memory is its own."""
    import json
    import subprocess
    import sys

    script = '''
import json, resource
from model import predict
base = ["“We are close to a deal,” the envoy said on day {i}.", "The minister called plan {i} “a trap”.",
        "No quotes in article {i}.", "Talks resumed. “Not yet,” said Ana Ruiz, adding that round {i} “changed little”."]
predict(base[0].format(i=0))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
answers = predict([base[i % 4].format(i=i) for i in range(10_000)])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"articles": len(answers), "quotes": sum(map(len, answers)), "empty": sum(not a for a in answers),
                  "growth_mb": (after - before) / 1024}))
'''
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=900)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["articles"] == 10_000 and figures["empty"] == 2_500
    assert figures["growth_mb"] < 500, figures  # the answers themselves, not the batch's features


def test_a_five_megabyte_article_finishes_with_bounded_memory():
    """A scraped page of 5 MB: news paragraphs with quotes among long quote-free stretches.

    Run in a fresh process so its peak memory is its own; the time per MB is printed
    (the benchmark reports it too)."""
    import json
    import subprocess
    import sys

    script = '''
import json, resource, time
from model import predict
from training.gold import load_gold
news = [a.text for a in load_gold()]
filler = ("The committee met again in the afternoon and the agenda covered the schedule for the coming weeks, "
          "the budget for the secretariat and the list of observers. ") * 40
parts, size, i = [], 0, 0
while size < 5_000_000:
    piece = news[i % len(news)] + "\\n\\n" + filler + "\\n\\n"
    parts.append(piece); size += len(piece.encode()); i += 1
article = "".join(parts)
predict("“Warm up,” she said.")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
quotes = predict(article)
seconds = time.perf_counter() - started
mb = len(article.encode()) / 1e6
ok = all(article[q.start:q.end] == q.text for q in quotes) and all(a.end <= b.start for a, b in zip(quotes, quotes[1:]))
print(json.dumps({"mb": mb, "quotes": len(quotes), "seconds_per_mb": seconds / mb, "well_formed": ok,
                  "growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}))
'''
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=1500)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"5 MB article: {figures}")
    assert figures["mb"] >= 5 and figures["quotes"] > 1000 and figures["well_formed"]
    assert figures["growth_mb"] < 1500, figures  # windows of 100,000 characters, not the whole page at once
