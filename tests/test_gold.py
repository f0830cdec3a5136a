"""The gold set loads, and a broken gold file names its file and field."""

import json
from pathlib import Path

import pytest

from training.gold import GoldError, fill_offsets, load_article, load_gold


def test_gold_set_is_complete_and_valid():
    articles = load_gold()
    assert len(articles) >= 40
    assert {a.split for a in articles} == {"tune", "heldout"}
    for article in articles:
        words = len(article.text.split())
        assert 150 <= words <= 800, f"{article.id} has {words} words"
        for quote in article.quotes:
            assert article.text[quote.start : quote.end] == quote.quote


def test_every_pattern_is_covered_at_least_three_times():
    counts: dict[str, int] = {}
    for article in load_gold():
        for quote in article.quotes:
            for tag in quote.patterns:
                counts[tag] = counts.get(tag, 0) + 1
        for tag in article.patterns:
            counts[tag] = counts.get(tag, 0) + 1
    from training.gold import ARTICLE_PATTERNS, QUOTE_PATTERNS, SPEAKER_PATTERNS

    for tag in QUOTE_PATTERNS | SPEAKER_PATTERNS | ARTICLE_PATTERNS:
        assert counts.get(tag, 0) >= 3, f"pattern {tag} appears {counts.get(tag, 0)} times"


def write_article(tmp_path: Path, quotes: list[dict], text: str = "Berg said “yes” today.") -> Path:
    (tmp_path / "x1.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "x1.json"
    path.write_text(json.dumps({"id": "x1", "split": "tune", "setting": "test", "quotes": quotes}), encoding="utf-8")
    return path


def test_fill_offsets_then_load(tmp_path):
    path = write_article(tmp_path, [{"quote": "yes", "speaker": "Berg", "mention": "Berg", "patterns": ["curly"]}])
    fill_offsets(path)
    (quote,) = load_article(path).quotes
    assert (quote.start, quote.end) == (11, 14)


@pytest.mark.parametrize(
    "quote, message",
    [
        ({"quote": "yes", "start": 0, "end": 3, "speaker": "Berg", "mention": "Berg"}, r"quotes\[0\]\.quote"),
        ({"quote": "yes", "start": 11, "end": 99, "speaker": "Berg", "mention": "Berg"}, r"quotes\[0\]: offsets"),
        ({"quote": "yes", "start": 11, "end": 14, "speaker": "Berg", "mention": "Berg", "patterns": ["bogus"]}, r"quotes\[0\]\.patterns"),
        ({"quote": "yes", "start": 11, "end": 14, "mention": "Berg"}, r"quotes\[0\]\.speaker: missing"),
    ],
)
def test_bad_gold_file_names_file_and_field(tmp_path, quote, message):
    path = write_article(tmp_path, [quote])
    with pytest.raises(GoldError, match=message) as error:
        load_article(path)
    assert "x1.json" in str(error.value)


def test_invalid_json_names_the_line(tmp_path):
    (tmp_path / "x1.txt").write_text("text", encoding="utf-8")
    (tmp_path / "x1.json").write_text('{"id": "x1",\n "split": tune}', encoding="utf-8")
    with pytest.raises(GoldError, match="line 2"):
        load_article(tmp_path / "x1.json")
