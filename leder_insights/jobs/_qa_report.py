"""The QA report of a national submission: verdict, row accounting, gate counts and a seeded
random sample of de-identified excerpts for a human checker.

>>> import tempfile, pathlib
>>> m = {"releasable": False, "run_id": "r1", "rows_in": 1, "rows_out": 1, "rows_quarantined": 0}
>>> page = write_qa_report(pathlib.Path(tempfile.mkdtemp()) / "qa.html", m, {}, [], [], seed=1)
>>> "NOT RELEASABLE" in page.read_text()
True
"""
from __future__ import annotations

import html
import json
from pathlib import Path


def _excerpt(text: str, limit: int = 600) -> str:
    """At most ``limit`` characters of ``text``, cut at a word boundary (then "…").

    Cutting inside a word would show a fragment that is not in the text ("March" -> "Marc…"),
    which can look like a different word, even an identifier, to the human checker.

    >>> _excerpt("seen on 6th March 2021", limit=13)
    'seen on 6th…'
    """
    if len(text) <= limit:
        return text
    cut = max(text.rfind(ws, 0, limit + 1) for ws in (" ", "\n", "\t", "\r"))
    if cut < limit // 2:  # no space near the end: one very long token
        return text[:limit] + "…"
    return text[:cut].rstrip() + "…"


def _release_section(release: dict | None, gate: dict, settings: dict | None = None) -> str:
    """Direct identifiers, the release schema's dropped columns and the disclosure risk."""
    direct = {**gate.get("direct_per_kind", {}), **gate.get("direct_elsewhere", {})}
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in direct.items())
    out = [f"<h2>Direct identifiers (zero tolerance)</h2><p>{gate.get('n_direct', 0)} found.</p>"
           + (f"<table><tr><th>where / kind</th><th>count</th></tr>{rows}</table>" if rows else "")]
    locations = gate.get("direct_locations") or []
    if locations:
        body = "".join(f"<tr><td>{html.escape(str(d.get('review_id')))}</td><td>{html.escape(str(d.get('field')))}</td>"
                       f"<td>{d.get('start')}–{d.get('end')}</td><td>{html.escape(str(d.get('kind')))}</td></tr>"
                       for d in locations)
        out.append("<p>Where (review pseudonym, field, character offsets; the value is not shown):</p>"
                   f"<table><tr><th>review</th><th>field</th><th>offsets</th><th>kind</th></tr>{body}</table>")
    if not release:
        return "".join(out)
    plan, risk = release.get("plan", {}), release.get("risk", {})
    # a dropped header is named only when the schema names it; otherwise by input position and
    # keyed digest (a header can hold a name or a postcode: attacker 3's F12)
    dropped = ", ".join(html.escape(str(d["column"])) if d.get("column") else
                        f"column {d.get('position')} (unknown, digest {html.escape(str(d.get('digest')))})"
                        for d in release.get("dropped_columns", [])) or "none"
    levels = "".join(f"<tr><td>{html.escape(h)}</td><td>{v['level']}</td><td>{html.escape(v['name'])}</td></tr>"
                     for h, v in plan.get("levels", {}).items())
    verdict = "met" if release.get("releasable") else "NOT met"
    out.append(f"""<h2>Disclosure risk (k-anonymity {verdict})</h2>
<p>Release schema {html.escape(str(release.get('schema')))}; columns not released: {dropped};
free text released: {html.escape(str(release.get('text_policy', 'learning_points')))}
(text policy: full, learning_points or none).</p>{_text_risk(release.get('text_policy'), settings)}
<p>Target k = {plan.get('k_target')}; achieved k = {risk.get('k')} on
{html.escape(', '.join(risk.get('quasi_identifiers', [])))};
records below k: {risk.get('share_below_k')}; unique: {risk.get('share_unique')};
suppressed: {plan.get('share_suppressed')}; generalised: {plan.get('share_generalised')};
l-diversity of care grade: {risk.get('l_diversity')}.</p>
<table><tr><th>hierarchy</th><th>level</th><th>released as</th></tr>{levels}</table>""")
    failing = risk.get("failing") or plan.get("failing") or []
    if failing:
        cols = list(failing[0]["values"])
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(f['values'][c]))}</td>" for c in cols)
                       + f"<td>{html.escape(str(f['size']))}</td></tr>" for f in failing)
        out.append(f"<h3>Failing combinations (fewer than k records)</h3><table><tr>{head}"
                   f"<th>records</th></tr>{body}</table>")
    return "".join(out)


TEXT_RISK = {
    "full": ("Residual risk of full text: the k-anonymity above is measured on the released columns "
             "only. The whole de-identified text is released, and the shape of its sentences round the "
             "masks (\"lived at [ORGANIZATION_1]\", \"lived with [PERSON_2]\", the phrase of the death) "
             "gives back living arrangement and place of death, which the plan may have generalised or "
             "suppressed. In a test on 520 synthetic reviews, 510 records fell in classes smaller than 5 "
             "once four features read from the text were added (0 from the columns). Timeline lines "
             "about Covid-era measures with a public start and end (day services closed, shielding), "
             "dated relative to the death, bound the date of death: 81 of 100 synthetic reviews with "
             "such lines got a window of median 511 days (89 to 849). Text is also "
             "identical across releases, so two releases can be joined on it. Release full text only "
             "to a recipient trusted with record-level data."),
    "learning_points": ("Only the words of the learning points are released (no pen portrait, "
                        "timeline or whole field); a learning point can still mention a setting "
                        "([HOME_SETTING]) or a severity ([LD_SEVERITY]) as a mask."),
    "none": "No free text is released: learning points keep their themes and polarity only.",
}


#: what a weakened text setting means for the released text (the QA report says it in words)
WEAKENED_TEXT = {
    "release.mask_text_mentions": ("Quasi-identifier values written in the text (severity, setting, "
                                   "ethnic group, age) are NOT masked (release.mask_text_mentions: "
                                   "false): a learning point can give back a column the plan suppressed."),
    "release.text_dates": ("Dates in the text are absolute dates shifted by the review's keyed offset "
                           "(release.text_dates: shifted), not relative to the death: one true date "
                           "known for a review gives its offset and so every other date of it."),
}


def _text_risk(policy, settings: dict | None = None) -> str:
    """The residual risk of the text policy, in words (``full`` above all).

    >>> "living arrangement" in _text_risk("full") and _text_risk("other") == ""
    True
    """
    text = TEXT_RISK.get(str(policy))
    if text and str(policy) == "learning_points" and "release.mask_text_mentions" in (
            (settings or {}).get("weakened") or []):
        text = text.split("; a learning point can still")[0] + "."
    extra = " ".join(WEAKENED_TEXT[n] for n in ((settings or {}).get("weakened") or []) if n in WEAKENED_TEXT)
    text = " ".join(t for t in (text, extra) if t)
    return f"<p class=\"text-risk\"><strong>Free text:</strong> {html.escape(text)}</p>" if text else ""


def _public_text_section(public: dict | None) -> str:
    """Released text compared with public text: counts only (attacker 6's F10).

    >>> "not checked" in _public_text_section({"checked": False, "status": "not checked: no corpus"})
    True
    """
    if not public:
        return ""
    if not public.get("checked"):
        return f"<h2>Public text</h2><p><strong>{html.escape(str(public.get('status')))}</strong>.</p>"
    corpus = public.get("corpus") or {}
    return (f"<h2>Public text</h2><p>{public.get('n_checked', 0)} released values compared with "
            f"{corpus.get('n_documents', 0)} public documents ({corpus.get('shingle_words')}-word shingles "
            f"that cross no mask; shingles found in {corpus.get('boilerplate_documents')} or more documents "
            f"are boilerplate and ignored; a value sharing {corpus.get('min_shared_shingles')} or more "
            f"with one document matches). {html.escape(str(public.get('status')))}: "
            f"{public.get('n_withheld_learning_points', 0)} learning points, "
            f"{public.get('n_withheld_text_cells', 0)} text cells. Which value matched which document is "
            f"only in the local file {html.escape(str(public.get('local_file')))} beside the bundle.</p>")


def _audit_section(audit: dict | None) -> str:
    """What the de-identifier found and did, added up over the release (never per review)."""
    if not audit:
        return ""
    if audit.get("withheld"):
        return (f"<h2>De-identification audit ({audit.get('n_documents', 0)} reviews)</h2>"
                f"<p>{html.escape(str(audit['withheld']))}.</p>")
    rows = "".join(f"<tr><td>{html.escape(t)}</td><td>{html.escape(str(name))}</td><td>{n}</td></tr>"
                   for t in ("by_category", "by_source", "by_field", "by_action", "documents_by_replaced")
                   for name, n in (audit.get(t) or {}).items())
    return (f"<h2>De-identification audit (totals over {audit.get('n_documents', 0)} reviews)</h2>"
            f"<p>{audit.get('n_entities')} entities found, {audit.get('n_replaced')} replaced, "
            f"{audit.get('n_kept')} kept. Counts per review are not released (they would point at "
            f"what was masked in each review); cells below {audit.get('small_cells_below')} are "
            f"shown as such, and cells shown as * are hidden so that a total less the shown cells "
            f"cannot give a small one back.{_rounding(audit)}</p><table><tr><th>table</th><th>value</th><th>count</th></tr>{rows}</table>")


def _rounding(audit: dict) -> str:
    """The audit's rounding note ("" for exact counts)."""
    base = audit.get("rounded_to")
    return (f" Every count but the number of reviews is rounded to a multiple of {base} (random "
            f"rounding, keyed per release), so two releases' counts do not subtract to a review's."
            if base else "")


def _settings_paragraph(record: dict | None) -> str:
    """The verdict's note on settings changed from the shipped defaults (attacker 5's F7)."""
    from ._settings import settings_sentence

    text = settings_sentence(record)
    return f"<p class='v'>{html.escape(text)}</p>" if text else ""


def _released_rate(gate: dict) -> str:
    """The released text's part of the rate sentence (empty when all text is released).

    >>> _released_rate({"n_soft_released": 2, "n_words_released": 1000, "rate_released_per_1k_words": 2.0})
    '; in the released text: 2 soft candidates in 1000 words, 2.0 per 1,000 (the higher rate is used)'
    """
    if gate.get("n_words_released") is None:
        return ""
    return (f"; in the released text: {gate.get('n_soft_released')} soft candidates in "
            f"{gate.get('n_words_released')} words, {gate.get('rate_released_per_1k_words')} per 1,000 "
            "(the higher rate is used)")


def write_qa_report(path: Path, manifest: dict, gate: dict, sample: list[tuple],
                    text_columns: list[str], seed: int) -> Path:
    """Write the QA page to ``path`` and return it.

    ``manifest`` needs ``releasable``, ``run_id`` and the row counts; ``gate`` the gate's
    ``to_dict()``; ``sample`` is ``(review_id, {column: text})`` for the reviews drawn (seeded)
    for human QA.
    """
    rows = []
    for rid, rec in sample:
        for col in text_columns:
            text = rec.get(col)
            if isinstance(text, str) and text.strip():
                excerpt = html.escape(_excerpt(text))
                rows.append(f"<tr><td>{html.escape(str(rid))}</td><td>{col}</td><td>{excerpt}</td>"
                            "<td><label><input type='checkbox'> identifier seen</label></td></tr>")
    verdict = "RELEASABLE" if manifest["releasable"] else "NOT RELEASABLE"
    kinds = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>"
                    for k, v in gate.get("per_kind", {}).items()) or (
        f"<tr><td colspan=2>{html.escape(str(gate['per_kind_withheld']))}</td></tr>"
        if gate.get("per_kind_withheld") else "<tr><td colspan=2>none</td></tr>")
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>QA report — {html.escape(manifest['run_id'])}</title>
<style>body{{font-family:sans-serif;max-width:70em;margin:2em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:.3em .5em;vertical-align:top}}.v{{font-size:1.4em;font-weight:bold}}</style>
</head><body>
<h1>National submission QA report</h1>
<p class="v">Verdict: {verdict}</p>
{_settings_paragraph(manifest.get('settings'))}
<h2>Row accounting</h2>
<table><tr><th>rows in</th><th>rows out</th><th>rows quarantined</th></tr>
<tr><td>{manifest['rows_in']}</td><td>{manifest['rows_out']}</td><td>{manifest['rows_quarantined']}</td></tr></table>
<h2>Residual-risk scan (independent second pass)</h2>
<p>{gate.get('n_candidates', 0)} identifier candidates in {gate.get('n_words', 0)} words:
{gate.get('rate_per_1k_words', 0)} per 1,000 words (threshold {gate.get('threshold_per_1k_words')}){_released_rate(gate)}.</p>
<table><tr><th>kind</th><th>candidates</th></tr>{kinds}</table>
{_release_section(manifest.get('release'), gate, manifest.get('settings'))}
{_public_text_section(manifest.get('public_text'))}
{_audit_section(manifest.get('audit'))}
<h2>Random sample for human review ({len(sample)} {'learning points' if text_columns == ['learning_point'] else 'reviews'}, seed {seed:08x})</h2>
<p>Read each excerpt; tick any identifier you can see and report it before release.</p>
<table><tr><th>review</th><th>field</th><th>de-identified excerpt</th><th>check</th></tr>{''.join(rows)}</table>
<h2>Versions</h2><pre>{html.escape(json.dumps(manifest.get('versions', {}), indent=2))}</pre>
</body></html>"""
    path = Path(path)
    path.write_text(page, encoding="utf-8")
    return path


__all__ = ["write_qa_report"]
