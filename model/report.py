"""Who is hopeful, who is hostile, and how it moves: one HTML report over a scored archive.

    python -m model.report quotes/                       # quotes/ as written by python -m model.batch
    python -m model.report quotes/ --out talks.html --top 25 --article-link "https://archive.example/{doc_id}"

Reads the Parquet (or CSV) parts column-wise, in record batches, with a
progress bar, and aggregates as it goes (counts per speaker, day, source and
label; a small heap of the most confident quotes per label), so an archive of
100,000 articles never sits in memory at once. Writes one self-contained HTML
file: inline CSS and inline SVG charts, no script, nothing fetched, so it
opens offline. Speakers are the archive-wide identities of `identity.py`
(`speaker_id` / `speaker_name` from `model.batch`; fitted here in a first
pass over the speaker columns when the parts lack them).
"""

from __future__ import annotations

import argparse
import datetime
import heapq
import html
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .stance import LABELS

#: Colours of the labels in every chart.
COLOURS = {"optimistic": "#2e7d32", "sceptical": "#e0a100", "hostile": "#c62828"}
REQUIRED = ("doc_id", "quote", "speaker", "stance", "confidence")
OPTIONAL = ("speaker_id", "speaker_name", "date", "source", "on_topic")
#: Quotes whose `on_topic` probability is below this are counted as off topic and left out of the figures.
ON_TOPIC_THRESHOLD = 0.5
BATCH_ROWS = 65_536
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


class ReportInputError(ValueError):
    """SCORED is not a folder written by `model.batch`; the message names the folder."""


# -- reading -----------------------------------------------------------------------------------


def _dataset(scored: Path):
    """The folder's parts as a pyarrow dataset, and the columns it has."""
    import pyarrow.dataset as ds

    if not scored.is_dir():
        raise ReportInputError(f"{scored} is not a folder; give the folder python -m model.batch wrote its parts to")
    parquet, csv = sorted(scored.glob("part-*.parquet")), sorted(scored.glob("part-*.csv"))
    if not parquet and not csv:
        raise ReportInputError(
            f"{scored} is not a scored folder: it holds no part-*.parquet or part-*.csv files "
            "(write one with: python -m model.batch ARTICLES {scored})"
        )
    try:
        if parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            # A part whose column is all empty (no speaker known, no date given) stores it as type null:
            # one schema for all parts, null promoted to the other parts' type.
            schema = pa.unify_schemas([pq.read_schema(p) for p in parquet], promote_options="permissive")
            dataset = ds.dataset([str(p) for p in parquet], format="parquet", schema=schema)
        else:
            import pyarrow as pa
            import pyarrow.csv as pcsv

            text = ("doc_id", "quote", "speaker", "speaker_mention", "speaker_id", "speaker_name", "date", "source", "stance")
            options = pcsv.ConvertOptions(column_types={name: pa.string() for name in text}, strings_can_be_null=True)
            dataset = ds.dataset([str(p) for p in csv], format=ds.CsvFileFormat(convert_options=options))
        names = set(dataset.schema.names)
    except Exception as error:  # an unreadable or foreign file among the parts
        raise ReportInputError(f"{scored}: its parts cannot be read as a scored folder ({error})") from error
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise ReportInputError(f"{scored} is not a scored folder: its parts lack the column(s) {', '.join(missing)}")
    return dataset, names


def _batches(dataset, columns: list[str], progress: bool, what: str):
    """Record batches of only these columns, as pandas frames, under a progress bar."""
    from tqdm import tqdm

    total = dataset.count_rows() if progress else None
    with tqdm(total=total, unit=" quotes", desc=what, disable=not progress, file=sys.stderr) as bar:
        for batch in dataset.to_batches(columns=columns, batch_size=BATCH_ROWS):
            bar.update(batch.num_rows)
            yield batch.to_pandas()


# -- aggregating -------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts per label and the confidence summed over them."""

    counts: Counter = field(default_factory=Counter)
    confidence: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def mean_confidence(self) -> float:
        return self.confidence / self.total if self.total else 0.0


@dataclass
class Summary:
    """Everything the report shows, aggregated incrementally."""

    quotes: int = 0
    unattributed: int = 0
    off_topic: int = 0
    unlabelled: int = 0
    articles: set = field(default_factory=set)
    overall: Tally = field(default_factory=Tally)
    speakers: dict = field(default_factory=lambda: defaultdict(Tally))
    speaker_names: dict = field(default_factory=dict)
    speaker_articles: dict = field(default_factory=lambda: defaultdict(int))
    sources: dict = field(default_factory=lambda: defaultdict(Tally))
    days: dict = field(default_factory=lambda: defaultdict(Counter))  # day → label counts
    speaker_days: dict = field(default_factory=lambda: defaultdict(Counter))  # (speaker id, day) → label counts
    top: dict = field(default_factory=lambda: {label: [] for label in LABELS})  # heaps of the most confident
    has_date: bool = False
    month_only: int = 0  # quotes whose date gives only the month
    undated: int = 0  # quotes with no date, or one that is not YYYY-MM[-DD]
    has_source: bool = False
    _seen: int = 0


def summarise(scored: str | Path, top_quotes: int = 10, progress: bool = True, refit: bool = False) -> Summary:
    """One pass over the folder's parts (two when the parts carry no speaker identities, or `refit`)."""
    scored = Path(scored)
    dataset, names = _dataset(scored)
    if refit:
        names = names - {"speaker_id", "speaker_name"}
    columns = [c for c in REQUIRED + OPTIONAL if c in names]
    identities = None
    if "speaker_id" not in names:
        from .identity import SpeakerIdentities

        identities = SpeakerIdentities()
        fit_columns = ["speaker"] + (["speaker_mention"] if "speaker_mention" in names else [])
        for frame in _batches(dataset, fit_columns, progress, "speakers"):
            if "speaker_mention" not in frame:
                frame["speaker_mention"] = None
            for (speaker, mention), count in frame.value_counts(dropna=False).items():
                identities.add(speaker if isinstance(speaker, str) else None, mention if isinstance(mention, str) else None,
                               int(count))
        identities.build()
    summary = Summary(has_date="date" in names, has_source="source" in names)
    for frame in _batches(dataset, columns, progress, "report"):
        if identities is not None:
            frame["speaker_id"], frame["speaker_name"] = identities.columns(
                s if isinstance(s, str) else None for s in frame["speaker"])
        _add(summary, frame, top_quotes)
    return summary


def _add(summary: Summary, frame, top_quotes: int) -> None:
    summary.quotes += len(frame)
    summary.articles.update(frame["doc_id"].dropna().astype(str).unique())
    if "on_topic" in frame:
        import pandas as pd

        # The model's probability that the quote is about the talks (a flag reads as 0 or 1; missing: on topic).
        off = pd.to_numeric(frame["on_topic"], errors="coerce").astype(float).fillna(1.0) < ON_TOPIC_THRESHOLD
        summary.off_topic += int(off.sum())
        frame = frame[~off]
    labelled = frame["stance"].isin(LABELS)
    summary.unlabelled += int((~labelled).sum())
    frame = frame[labelled].copy()
    frame["confidence"] = frame["confidence"].astype(float).fillna(0.0)
    speaker_id = frame["speaker_id"].where(frame["speaker_id"].notna(), None)
    summary.unattributed += int(speaker_id.isna().sum())

    for label, group in frame.groupby("stance"):
        summary.overall.counts[label] += len(group)
        summary.overall.confidence += float(group["confidence"].sum())

    named = frame[speaker_id.notna()]
    if len(named):
        grouped = named.groupby(["speaker_id", "stance"])["confidence"].agg(["size", "sum"])
        for (sid, label), (size, total) in grouped.iterrows():
            tally = summary.speakers[sid]
            tally.counts[label] += int(size)
            tally.confidence += float(total)
        for sid, name in named.drop_duplicates("speaker_id")[["speaker_id", "speaker_name"]].itertuples(index=False):
            summary.speaker_names.setdefault(sid, name if isinstance(name, str) else sid)
        for sid, count in named.drop_duplicates(["speaker_id", "doc_id"])["speaker_id"].value_counts().items():
            summary.speaker_articles[sid] += int(count)

    if summary.has_source:
        sources = frame["source"].fillna("(no source)").astype(str).replace("", "(no source)")
        grouped = frame.assign(source=sources).groupby(["source", "stance"])["confidence"].agg(["size", "sum"])
        for (source, label), (size, total) in grouped.iterrows():
            summary.sources[source].counts[label] += int(size)
            summary.sources[source].confidence += float(total)

    if summary.has_date:
        days = frame["date"].astype("string").str.strip().str.slice(0, 10)
        month_only = days.str.fullmatch(r"\d{4}-\d{2}").fillna(False).astype(bool)
        summary.month_only += int(month_only.sum())
        days = days.where(~month_only, days + "-01")  # "2026-02": placed on the month's first day
        valid = days.str.match(_DAY.pattern).fillna(False).astype(bool)
        summary.undated += int((~valid).sum())
        dated = frame.assign(day=days)[valid]
        for (day, label), size in dated.groupby(["day", "stance"]).size().items():
            summary.days[day][label] += int(size)
        dated_named = dated[dated["speaker_id"].notna()]
        for (sid, day, label), size in dated_named.groupby(["speaker_id", "day", "stance"]).size().items():
            summary.speaker_days[(sid, day)][label] += int(size)

    for label, group in frame.groupby("stance"):
        heap = summary.top[label]
        best = group.nlargest(top_quotes, "confidence")
        for row in best.itertuples(index=False):
            summary._seen += 1
            entry = (float(row.confidence), -summary._seen, {
                "quote": row.quote, "speaker": getattr(row, "speaker_name", None) or row.speaker,
                "doc_id": str(row.doc_id), "date": getattr(row, "date", None), "source": getattr(row, "source", None),
                "confidence": float(row.confidence),
            })
            if len(heap) < top_quotes:
                heapq.heappush(heap, entry)
            elif entry[:2] > heap[0][:2]:
                heapq.heapreplace(heap, entry)


# -- drawing -----------------------------------------------------------------------------------


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _mix_bar(counts: Counter, width: int = 220, height: int = 16) -> str:
    """A 100% bar of the label mix, as inline SVG."""
    total = sum(counts.values()) or 1
    x, parts = 0.0, []
    for label in LABELS:
        w = width * counts.get(label, 0) / total
        if w > 0:
            share = 100 * counts.get(label, 0) / total
            parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{COLOURS[label]}">'
                         f"<title>{label}: {counts.get(label, 0)} ({share:.0f}%)</title></rect>")
            x += w
    return (f'<svg class="mix" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="stance mix">{"".join(parts)}</svg>')


def _columns_chart(periods: list[str], counts: list[Counter], width: int = 900, height: int = 220, title: str = "") -> str:
    """Stacked columns of label counts per period, as inline SVG."""
    left, bottom, top_pad = 40, 38, 22
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    peak = max((sum(c.values()) for c in counts), default=0) or 1
    step = plot_w / max(len(periods), 1)
    bar_w = max(min(step * 0.8, 40), 1)
    out = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{_esc(title)}">']
    if title:
        out.append(f'<text x="{left}" y="14" class="t">{_esc(title)}</text>')
    for tick in _ticks(peak):
        y = top_pad + plot_h - plot_h * tick / peak
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" class="ax" text-anchor="end">{tick}</text>')
    most_labels = max(1, plot_w // 72)
    label_every = max(1, -(-len(periods) // most_labels))
    for i, (period, counter) in enumerate(zip(periods, counts)):
        x = left + i * step + (step - bar_w) / 2
        y = top_pad + plot_h
        for label in LABELS:
            h = plot_h * counter.get(label, 0) / peak
            if h > 0:
                y -= h
                out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{COLOURS[label]}">'
                           f"<title>{_esc(period)} {label}: {counter.get(label, 0)}</title></rect>")
        if i % label_every == 0:
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{top_pad + plot_h + 14}" class="ax" text-anchor="middle">'
                       f"{_esc(period)}</text>")
    out.append(f'<line x1="{left}" x2="{width - 10}" y1="{top_pad + plot_h}" y2="{top_pad + plot_h}" class="axis"/>')
    out.append("</svg>")
    return "".join(out)


def _ticks(peak: int) -> list[int]:
    """0 and round steps (1, 2, 5 × 10^k) up to the peak, at most about five of them."""
    step = 1
    while peak / step > 5:
        for factor in (2, 5 / 2, 2):
            step = int(step * factor)
            if peak / step <= 5:
                break
    return list(range(0, peak + 1, step))


def _periods(days: list[str], period: str) -> tuple[str, dict[str, str]]:
    """(unit, day → its period): days up to two months, weeks (from Monday) up to two years, else months."""
    if not days:
        return "day", {}
    first, last = datetime.date.fromisoformat(min(days)), datetime.date.fromisoformat(max(days))
    if period == "auto":
        span = (last - first).days
        period = "day" if span <= 62 else "week" if span <= 730 else "month"
    mapping = {}
    for d in days:
        date = datetime.date.fromisoformat(d)
        if period == "week":
            date -= datetime.timedelta(days=date.weekday())
        mapping[d] = date.isoformat()[:7] if period == "month" else date.isoformat()
    return period, mapping


def _timeline(day_counts: dict[str, Counter], mapping: dict[str, str], axis: list[str]) -> list[Counter]:
    merged: dict[str, Counter] = defaultdict(Counter)
    for day, counter in day_counts.items():
        merged[mapping[day]].update(counter)
    return [merged.get(p, Counter()) for p in axis]


#: More periods than this and the timeline shows only the periods that have quotes.
MAX_BINS = 120


def _axis(mapping: dict[str, str], unit: str) -> tuple[list[str], bool]:
    """Every period from the first to the last, so gaps show (True); only those with quotes when too many (False)."""
    if not mapping:
        return [], True
    start, end = min(mapping.values()), max(mapping.values())
    out: list[str] = []
    if unit == "month":
        year, month = int(start[:4]), int(start[5:7])
        while f"{year:04d}-{month:02d}" <= end and len(out) <= MAX_BINS:
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        step = datetime.timedelta(days=7 if unit == "week" else 1)
        day = datetime.date.fromisoformat(start)
        while day.isoformat() <= end and len(out) <= MAX_BINS:
            out.append(day.isoformat())
            day += step
    if len(out) > MAX_BINS:
        return sorted(set(mapping.values())), False
    return out, True


def _tally_table(rows: list[tuple[str, str, Tally]], first: str, extra: dict[str, dict] | None = None) -> str:
    head = "".join(f'<th class="n">{label}</th>' for label in LABELS)
    extra_head = "".join(f'<th class="n">{name}</th>' for name in (extra or {}))
    lines = [f'<table><thead><tr><th>{first}</th><th class="n">quotes</th>{extra_head}{head}'
             '<th class="n">mean conf.</th><th>mix</th></tr></thead><tbody>']
    for key, name, tally in rows:
        cells = "".join(f'<td class="n">{tally.counts.get(label, 0)}</td>' for label in LABELS)
        extra_cells = "".join(f'<td class="n">{values.get(key, "")}</td>' for values in (extra or {}).values())
        lines.append(f"<tr><td>{_esc(name)}</td><td class=\"n\">{tally.total}</td>{extra_cells}{cells}"
                     f'<td class="n">{tally.mean_confidence:.2f}</td><td>{_mix_bar(tally.counts)}</td></tr>')
    lines.append("</tbody></table>")
    return "".join(lines)


def _link(doc_id: str, template: str | None) -> str:
    if template:
        href = template.replace("{doc_id}", doc_id)
    elif re.match(r"https?://", doc_id):
        href = doc_id
    else:
        href = "#article-" + re.sub(r"[^A-Za-z0-9_-]", "_", doc_id)
    return f'<a href="{_esc(href)}">{_esc(doc_id)}</a>'


STYLE = """
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
h1{font-size:24px;margin-bottom:4px}h2{font-size:19px;margin-top:34px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 4px}.meta{color:#555;font-size:14px}.meta b{color:#222}
.cards{display:flex;gap:14px;margin:14px 0}.card{background:#f5f6f8;border-radius:6px;padding:10px 16px;min-width:110px}
.card .v{font-size:24px;font-weight:600}.card .k{font-size:12px;color:#555;text-transform:uppercase}
table{border-collapse:collapse;font-size:13px;margin:8px 0;width:100%}th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th{background:#fafafa}.n{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:14px;font-size:13px}.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px}
svg text{font-family:inherit}svg .t{font-size:13px;font-weight:600}svg .ax{font-size:10px;fill:#555}svg .grid{stroke:#eee}svg .axis{stroke:#999}
.d{white-space:nowrap}.small{display:grid;grid-template-columns:repeat(2,1fr);gap:4px 24px}.quote{max-width:620px}.note{color:#666;font-size:13px}
"""


def render(summary: Summary, scoring: dict, scored: Path, top_speakers: int = 20, timeline_speakers: int = 6,
           article_link: str | None = None, period: str = "auto") -> str:
    """The report as one HTML string."""
    legend = '<p class="legend">' + "".join(f'<span><i style="background:{COLOURS[l]}"></i>{l}</span>' for l in LABELS) + "</p>"
    ranked = sorted(summary.speakers, key=lambda s: (-summary.speakers[s].total, summary.speaker_names.get(s, s)))
    generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    days = sorted(summary.days)
    parts = [
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>Stance report: {_esc(scored.name)}</title><style>{STYLE}</style></head><body>",
        f"<h1>Stance toward negotiations: {_esc(scored.name)}</h1>",
        '<div class="cards">',
        *(f'<div class="card"><div class="v">{v:,}</div><div class="k">{k}</div></div>'
          for k, v in (("articles", len(summary.articles)), ("quotes", summary.quotes), ("speakers", len(summary.speakers)))),
        "</div>",
        f'<p class="meta">Model: <b>{_esc(scoring.get("model_uri") or "unknown")}</b> · version: '
        f'<b>{_esc(scoring.get("model_version") or "unknown")}</b> · scored: <b>{_esc(scoring.get("scored_at") or "unknown")}</b>'
        f"<br>Dates: <b>{_esc(days[0]) if days else 'none given'}</b>{' to <b>' + _esc(days[-1]) + '</b>' if days else ''}"
        f" · quotes with no known speaker: <b>{summary.unattributed:,}</b>"
        + (f" · off topic (left out): <b>{summary.off_topic:,}</b>" if summary.off_topic else "")
        + (f" · without a stance label: <b>{summary.unlabelled:,}</b>" if summary.unlabelled else "")
        + f" · folder: <code>{_esc(scored)}</code> · report made {generated}</p>",
        legend,
        "<h2>Overall</h2>",
        _tally_table([("all", "all quotes", summary.overall)], "", None),
        f"<h2>Stance per speaker (the {min(top_speakers, len(ranked))} most quoted speakers and bodies)</h2>",
        '<p class="note">One row per person or body however the articles spell them (archive-wide identities).</p>',
        _tally_table([(s, summary.speaker_names.get(s, s), summary.speakers[s]) for s in ranked[:top_speakers]], "speaker",
                     {"articles": summary.speaker_articles}),
    ]
    parts.append("<h2>Stance over time</h2>")
    if days:
        unit, mapping = _periods(days, period)
        axis, complete = _axis(mapping, unit)
        gaps = "" if complete else f"; only the {len(axis)} {unit}s that have quotes are shown, side by side"
        caveats = "".join([
            f" {summary.month_only:,} quotes dated only by month are placed on its first day." if summary.month_only else "",
            f" {summary.undated:,} quotes without a usable date are left out." if summary.undated else "",
        ])
        parts.append(f'<p class="note">Quotes per {unit} (from <code>date</code>), stacked by label{gaps}.{caveats}</p>')
        parts.append(_columns_chart(axis, _timeline(summary.days, mapping, axis), title=f"All speakers, per {unit}"))
        parts.append(f"<h3>The {min(timeline_speakers, len(ranked))} most quoted speakers</h3><div class=\"small\">")
        per_speaker: dict[str, dict[str, Counter]] = defaultdict(dict)
        wanted = set(ranked[:timeline_speakers])
        for (sid, day), counter in summary.speaker_days.items():
            if sid in wanted:
                per_speaker[sid][day] = counter
        for sid in ranked[:timeline_speakers]:
            parts.append(_columns_chart(axis, _timeline(per_speaker.get(sid, {}), mapping, axis), width=560, height=170,
                                        title=summary.speaker_names.get(sid, sid)))
        parts.append("</div>")
    else:
        parts.append('<p class="note">The scored rows carry no <code>date</code>; give the articles a date to see this.</p>')
    parts.append("<h2>Per source</h2>")
    if summary.has_source and summary.sources:
        ordered = sorted(summary.sources, key=lambda s: (-summary.sources[s].total, s))
        parts.append(_tally_table([(s, s, summary.sources[s]) for s in ordered], "source"))
    else:
        parts.append('<p class="note">The scored rows carry no <code>source</code>.</p>')
    parts.append("<h2>The most confident quotes per label</h2>")
    cited: dict[str, dict] = {}
    for label in LABELS:
        best = sorted(summary.top[label], reverse=True)
        parts.append(f'<h3 style="color:{COLOURS[label]}">{label} ({summary.overall.counts.get(label, 0):,} quotes)</h3>')
        if not best:
            parts.append('<p class="note">none</p>')
            continue
        parts.append('<table><thead><tr><th class="n">conf.</th><th>quote</th><th>speaker</th><th>date</th><th>source</th>'
                     "<th>article</th></tr></thead><tbody>")
        for _, _, row in best:
            quote = " ".join(str(row["quote"]).split())
            quote = quote if len(quote) <= 400 else quote[:397] + "…"
            cited.setdefault(row["doc_id"], row)
            parts.append(f'<tr><td class="n">{row["confidence"]:.2f}</td><td class="quote">“{_esc(quote)}”</td>'
                         f"<td>{_esc(row['speaker'] or 'unknown')}</td><td class=\"d\">{_esc(row['date'] or '')}</td>"
                         f"<td>{_esc(row['source'] or '')}</td><td>{_link(row['doc_id'], article_link)}</td></tr>")
        parts.append("</tbody></table>")
    if not article_link and any(not re.match(r"https?://", d) for d in cited):
        parts.append("<h2>Articles cited</h2><table><thead><tr><th>article id</th><th>date</th><th>source</th></tr></thead><tbody>")
        for doc_id in sorted(cited):
            anchor = "article-" + re.sub(r"[^A-Za-z0-9_-]", "_", doc_id)
            parts.append(f'<tr id="{anchor}"><td><code>{_esc(doc_id)}</code></td><td>{_esc(cited[doc_id]["date"] or "")}</td>'
                         f'<td>{_esc(cited[doc_id]["source"] or "")}</td></tr>')
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def read_scoring(scored: Path) -> dict:
    """The `_scoring.json` model.batch wrote ({} when missing or unreadable: the report says 'unknown')."""
    try:
        return json.loads((scored / "_scoring.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def build_report(scored: str | Path, out: str | Path = "report.html", top_speakers: int = 20, top_quotes: int = 10,
                 timeline_speakers: int = 6, article_link: str | None = None, period: str = "auto",
                 progress: bool = True, refit_identities: bool = False) -> Summary:
    """Read SCORED, write the HTML report to `out`; returns the aggregates."""
    scored = Path(scored)
    summary = summarise(scored, top_quotes=top_quotes, progress=progress, refit=refit_identities)
    page = render(summary, read_scoring(scored), scored, top_speakers, timeline_speakers, article_link, period)
    Path(out).write_text(page, encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model.report", description=__doc__.splitlines()[0])
    parser.add_argument("scored", type=Path, help="the folder python -m model.batch wrote (Parquet or CSV parts)")
    parser.add_argument("--out", type=Path, default=Path("report.html"), help="the HTML file to write (default report.html)")
    parser.add_argument("--top", type=int, default=20, help="speakers in the per-speaker table (default 20)")
    parser.add_argument("--quotes", type=int, default=10, help="most confident quotes shown per label (default 10)")
    parser.add_argument("--timeline-speakers", type=int, default=6, help="speakers with their own timeline (default 6)")
    parser.add_argument("--period", choices=("auto", "day", "week", "month"), default="auto",
                        help="timeline bins (default: days up to two months, weeks up to two years, else months)")
    parser.add_argument("--article-link", help="link for an article id, {doc_id} filled in (e.g. 'https://archive/{doc_id}')")
    parser.add_argument("--refit-identities", action="store_true",
                        help="group speakers across the whole folder here, ignoring the parts' speaker_id "
                             "(for Spark output, whose ids hold only within each batch Spark handed the model)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        summary = build_report(args.scored, args.out, args.top, args.quotes, args.timeline_speakers, args.article_link,
                               args.period, progress=not args.no_progress, refit_identities=args.refit_identities)
    except ReportInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{len(summary.articles):,} articles, {summary.quotes:,} quotes, {len(summary.speakers):,} speakers → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
