"""The ``deid run`` job: de-identify a review corpus into a directory.

``deid run INPUT -o OUTDIR [--profile national] [--key-file KEY] [--mapping FILE] [--n-process N]``
reads any supported corpus, de-identifies its free-text columns and writes to ``OUTDIR``:

* ``<INPUT name>`` -- the de-identified reviews in the input's format (csv, xlsx, jsonl, parquet);
* ``audit.jsonl`` -- one record per review: counts per category/detector/action, entity offsets,
  profile, config hash, model -- never identifier text, replacement text or the key (a release,
  ``--profile national``, keeps only the profile, configuration and model per review: counts per
  review are a channel to the masked text; ``run.json`` holds their totals under ``audit``);
* ``quarantine.csv`` -- every row not written, from reading (``stage=input``) or de-identification
  (``stage=deidentify``): row number, review_id (``(not shown)`` when it is a person's identifier:
  such a row is quarantined with E395 under the local profile, which keeps ids unchanged),
  numbered reason. **Raw text of quarantined rows is
  not copied anywhere**: it stays only in the input file, where the row number finds it. (A copy
  would be one more file holding raw text that could be released by mistake.)
* ``run.json`` -- row accounting (``rows_in == rows_out + rows_quarantined``), model info, config
  hash, profile and timings.

Columns outside the review schema are never copied raw (local profile,
:func:`mask_extra_columns`): a header naming an identifier masks every value; elsewhere numbers,
dates and short values are masked whole and longer text is de-identified as free text.

A profile with ``release: true`` (``national``) also applies the release schema
(:mod:`leder_insights.release`) to the whole record: review ids become keyed pseudonyms (in the
data, audit and quarantine), structured dates move with the text's offset, ages are banded,
quasi-identifiers are generalised to k-anonymity, and columns the schema does not know are
dropped; ``run.json`` records the dropped columns, the levels and the achieved k.

Such a run also passes the **same release gate as** ``submit``: the residual-risk scanner reads
every released text cell (soft candidates against the rate threshold) and every other released
column (zero tolerance for direct identifiers), and the release must meet k. ``run.json`` says
``releasable: true/false`` with the gate's counts. A refused run publishes no data: the
de-identified file, ``audit.jsonl`` and ``quarantine.csv`` are staged in a hidden directory and
only moved under their final names when the release passes; when refused they are deleted (with
any earlier run's copies) and ``run.json`` lists them as ``withheld`` -- as ``submit`` does.
Released text cells that repeat a public report (``release.public_text``, ``--public-text``) are
emptied, or refuse the run under ``policy: refuse`` (E711), with counts in ``run.json``.

Exit codes (interfaces.md §4): 0 success (quarantined rows are listed, not fatal), 1 bad input, a
missing/short key or no row could be de-identified, 2 usage error, 3 release refused by the gate
(E704 direct identifiers, E711 public text, E703 k-anonymity, E601 soft-candidate rate).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import pandas as pd

QUARANTINE_FIELDS = ["stage", "_row", "review_id", "reason_code", "reason"]
QUARANTINE_NOTE = ("quarantine.csv lists row numbers and reasons only; the raw text of quarantined "
                   "rows is not copied (find it in the input file by _row)")


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    return str(value)


STAGING_DIR = ".deid-staging"


def _gate_chunk(scanner, df_out, released, text_columns, spans) -> tuple[list, int]:
    """The release gate on one chunk: text cells (soft and direct candidates, the de-identifier's
    own replacements excluded) and every other released column (direct identifiers only)."""
    from ..deid import gate_words

    texts, excl = [], []
    for rid, *values in df_out[["review_id", *text_columns]].itertuples(index=False):
        for col, value in zip(text_columns, values):
            texts.append(value if isinstance(value, str) else "")
            excl.append(spans.get((rid, col), ()))
    found = scanner.scan_many(texts, excl)
    for col in [c for c in released.columns if c not in text_columns and c != "review_id"]:
        for value in released[col]:
            if value is None or (not isinstance(value, str) and value != value):
                continue
            hits = scanner.direct_identifiers(str(value))
            if hits:
                found.append(hits)
    return found, sum(gate_words(t) for t in texts)


def run_deid(input_path, out_dir, *, profile: str | None = None, key=None, config=None,
             mapping=None, n_process: int | None = None, chunk_rows: int = 500, detector=None,
             on_chunk: Callable[[int, int], None] | None = None, scanner=None,
             delimiter: str | None = None, sheet: str | int | None = None) -> dict:
    """De-identify the corpus at ``input_path`` into ``out_dir``; returns the ``run.json`` content.

    ``delimiter`` (CSV) and ``sheet`` (XLSX) are passed to :func:`~leder_insights.io.read_reviews`.
    Every file is written in a staging folder and moved
    to its final name only when the run has finished (run.json last): a run that fails (disk
    full, file-size limit) leaves no output of it under a final name (faults6 F05).

    Examples
    --------
    >>> summary = run_deid("reviews.csv", "out", profile="national", key=key)   # doctest: +SKIP
    >>> summary["rows_in"] == summary["rows_out"] + summary["rows_quarantined"]  # doctest: +SKIP
    True
    """
    try:
        return _run_deid(input_path, out_dir, profile=profile, key=key, config=config,
                         mapping=mapping, n_process=n_process, chunk_rows=chunk_rows,
                         detector=detector, on_chunk=on_chunk, scanner=scanner,
                         delimiter=delimiter, sheet=sheet)
    except BaseException as exc:
        stage = Path(out_dir) / STAGING_DIR
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(exc, OSError) and exc.filename and Path(exc.filename).parent == stage:
            exc.filename = str(Path(out_dir) / Path(exc.filename).name)  # the output's own name
        raise


def _run_deid(input_path, out_dir, *, profile: str | None = None, key=None, config=None,
              mapping=None, n_process: int | None = None, chunk_rows: int = 500, detector=None,
              on_chunk: Callable[[int, int], None] | None = None, scanner=None,
              delimiter: str | None = None, sheet: str | int | None = None) -> dict:
    """The body of :func:`run_deid` (which removes the staging folder when it fails)."""
    from .._files import FileFingerprint, atomic_path, atomic_write, publish, write_text_atomic
    from ..config import load_config
    from ..deid import Deidentifier, load_key
    from ..errors import DeidError, Errors, InputError, UsageError
    from ..io import neutralise_formulas, read_reviews, write_reviews
    from ..schema import FREE_TEXT_COLUMNS
    from ..deid import audit_totals
    from ._composition import read_earlier_releases
    from ._public_text import MATCHES_FILE, build_public_index, check_public_text, public_text_record
    from ._refusal import audit_summary, release_audit, suppress_rest
    from ._release_text import release_texts
    from ._submission import key_fingerprint

    t0 = time.perf_counter()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    cfg = config or load_config()
    input_path, out_dir = Path(input_path), Path(out_dir)
    deid = Deidentifier(config=cfg, profile=profile, key=key, detector=detector)
    fingerprint = FileFingerprint(input_path) if input_path.is_file() else None
    loaded = read_reviews(input_path, mapping=mapping, delimiter=delimiter, sheet=sheet)
    if fingerprint is not None:  # a file rewritten while it was read is not de-identified (F1)
        fingerprint.check("Nothing was written.")
    if loaded.n_rows == 0:  # a header and no rows: nothing to de-identify, as validate says
        raise InputError(Errors.E109, path=input_path, n_valid=0, n_rows=0)
    valid = loaded.valid.reset_index(drop=True)
    input_quarantine = loaded.quarantine
    text_columns = [c for c in FREE_TEXT_COLUMNS if c in valid.columns]
    # fail closed: a column the schema does not know ("Timeline of events", "Narrative", a text
    # field in JSON Lines, "_patient", "Hospital Number") is never copied through raw (faults F2,
    # faults8 F1): see mask_extra_columns; a release (national profile) drops such columns instead
    unlisted = unlisted_text_columns(valid)
    extra: dict[str, dict] = {}
    masks: dict[str, Any] = {}
    id_refused = 0
    if not deid.settings.release:
        from ..release import free_text_columns

        # review ids are kept unchanged under this profile: one that is a person's identifier
        # (an NHS number, a name, an e-mail) quarantines its row rather than reach the outputs
        valid, refused = refuse_identifier_ids(valid)
        id_refused = len(refused)
        if id_refused:
            input_quarantine = pd.concat([input_quarantine, refused], ignore_index=True)
        valid, masks, extra = mask_extra_columns(valid, unlisted, free_text_columns(mapping))
        text_columns += [c for c in unlisted if extra[c]["kind"] != "identifier_header"]
    else:
        text_columns += unlisted
    withheld: dict[str, int] = {}
    if not deid.settings.release:  # fail closed on coded columns too (faults6 F04); a release
        # generalises them itself (a value off the list is released as "other")
        valid, withheld = withhold_uncoded(valid, coded_values(cfg.release.schema_name))
    release: Any = None
    plan: Any = None  # the release's k-anonymity plan (national profile)
    public: Any = None  # the public-text index (national profile, release.public_text.paths)
    if deid.settings.release:
        from ..release import Release, free_text_columns

        release_key = key if key is not None else load_key(
            None, env_var=cfg.deid.key_env_var, min_bytes=cfg.deid.min_key_bytes)
        release = Release.from_config(cfg, release_key, free_text=free_text_columns(mapping))
        floor, again, earlier = read_earlier_releases(cfg.release.after, release,
                                                      key_fingerprint(release_key))
        release.compose_after(floor, again)
        text_columns = release.text_columns(valid.columns)
        plan = release.plan(valid, k=cfg.release.k,
                            max_suppressed_share=cfg.release.max_suppressed_share)
        public = build_public_index(cfg)  # as submit: released text repeating a public report
    if not text_columns and len(valid):
        raise InputError(Errors.E308, path=input_path, columns=", ".join(FREE_TEXT_COLUMNS))
    target = out_dir / input_path.name
    if target.resolve() == input_path.resolve():
        raise UsageError(Errors.E309, path=target)
    out_dir.mkdir(parents=True, exist_ok=True)
    # outputs are staged out of sight and published only when the run has finished (and, for a
    # release, when the gate lets it through)
    stage = out_dir / STAGING_DIR
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(mode=0o700)  # owner-only, whatever the umask (attacker 3's F13)
    os.chmod(stage, 0o700)
    if release is not None:
        from ..deid import ResidualRiskScanner

        scanner = scanner or ResidualRiskScanner(model=cfg.nlp.model,
                                                 max_chars=cfg.submit.gate_window_chars)
    gate_found: list = []
    gate_n_words = 0
    public_chunks: list[dict] = []

    outputs, quarantines = [], []
    audit_lines: list[tuple[str, int, str]] = []
    totals: dict[str, int] = {}
    audit_sum = audit_totals([])
    n_chunks = max(1, -(-len(valid) // chunk_rows))
    with atomic_write(stage / "audit.jsonl") as audit_fh:
        for i in range(n_chunks):
            chunk = valid.iloc[i * chunk_rows:(i + 1) * chunk_rows]
            if len(chunk):
                if release is not None:
                    df_out, audit_df, quar_df, spans = deid.deidentify_frame(
                        chunk, text_columns=text_columns, id_column="review_id",
                        n_process=n_process, return_spans=True)
                else:
                    df_out, audit_df, quar_df = deid.deidentify_frame(
                        chunk, text_columns=text_columns, id_column="review_id", n_process=n_process)
                    df_out = restore_masks(df_out, masks)
                if release is not None:  # DOBs, named days, publicly listed dates masked (F2)
                    df_out, spans = release_texts(df_out, text_columns, spans, release=release)
                    released = suppress_rest(release.transform(df_out, plan), plan.columns)
                    found, n_words = _gate_chunk(scanner, df_out, released, text_columns, spans)
                    released = release.apply_text_policy(released, None, text_columns)[0]
                    released, _, public_chunk = check_public_text(public, released, None, text_columns)
                    public_chunks.append(public_chunk)
                    gate_found += found
                    gate_n_words += n_words
                    df_out = released
                    audit_df = audit_df.assign(review_id=release.pseudonymise(audit_df["review_id"]))
                for rec in audit_df.to_dict("records"):
                    for cat, n in (rec.get("by_category") or {}).items():
                        totals[cat] = totals.get(cat, 0) + int(n)
                if release is not None:  # counts added up, never per review (a channel)
                    audit_totals(audit_df.to_dict("records"), audit_sum)
                    audit_df = release_audit(audit_df)  # attestation only: no counts or offsets
                    quar_df = quar_df.assign(review_id=release.pseudonymise(quar_df["review_id"]))
                outputs.append(df_out)
                quarantines.append(quar_df.assign(stage="deidentify"))
                for rec in audit_df.to_dict("records"):
                    line = json.dumps(rec, sort_keys=True, default=_json_default,
                                      ensure_ascii=False) + "\n"
                    if release is not None:  # written at the end, in pseudonym order
                        audit_lines.append((str(rec.get("review_id") or ""), len(audit_lines), line))
                    else:
                        audit_fh.write(line)
            if on_chunk:
                on_chunk(i, n_chunks)
        for _rid, _n, line in sorted(audit_lines):
            audit_fh.write(line)

    reviews = pd.concat(outputs) if outputs else valid.iloc[0:0]
    if release is not None:  # released rows ordered by the keyed pseudonym, not the input's order
        reviews = reviews.iloc[reviews["review_id"].fillna("").astype(str).argsort(kind="stable")
                               .to_numpy()]
    out_file = write_reviews(reviews, stage / input_path.name)
    input_quar = input_quarantine.assign(stage="input")
    if release is not None:
        input_quar = input_quar.assign(review_id=release.pseudonymise(input_quar["review_id"]))
    quarantine = pd.concat([input_quar, *quarantines], ignore_index=True)
    quarantine = quarantine.reindex(columns=QUARANTINE_FIELDS)
    with atomic_path(stage / "quarantine.csv") as tmp:
        neutralise_formulas(quarantine).to_csv(tmp, index=False)

    n_deid_quar = sum(len(q) for q in quarantines)
    summary = {
        "command": "deid run",
        "input": input_path.name,
        "output": out_file.name,
        "started": started,
        "seconds": round(time.perf_counter() - t0, 3),
        "rows_in": int(loaded.n_rows),
        "rows_out": int(len(reviews)),
        "rows_quarantined": int(len(quarantine)),
        "rows_quarantined_input": int(len(input_quar)),
        "rows_quarantined_deidentify": int(n_deid_quar),
        "text_columns": text_columns,
        "unlisted_text_columns": unlisted if release is None else [],
        "extra_columns": extra,
        "review_ids_refused": id_refused,
        "coded_values_withheld": withheld,
        "entities_by_category": dict(sorted(totals.items())),
        "config_hash": cfg.hash(),
        "model_info": deid.model_info,
        "quarantine_note": QUARANTINE_NOTE,
    }
    summary["accounted"] = summary["rows_in"] == summary["rows_out"] + summary["rows_quarantined"]
    if not summary["accounted"]:  # nothing lost: checked before the run record is written
        raise DeidError(Errors.E605, rows_in=summary["rows_in"], rows_out=summary["rows_out"],
                        rows_quarantined=summary["rows_quarantined"], where="")
    if release is not None:
        from ..deid import gate_verdict
        from ..release import small_counts_hidden

        risk = release.measure(reviews, k=cfg.release.k)
        risk_ok = release_risk_ok(plan, risk, cfg, n_rows=len(reviews))
        summary["release"] = {"schema": release.schema.name, "text_policy": release.text_policy,
                              "dropped_columns": release.dropped_columns(valid.columns),
                              "pseudonym_scope": release.pseudonym_scope, "composed_after": earlier,
                              "plan": plan.to_dict(), "risk": risk, "releasable": risk_ok,
                              "max_unique_share": cfg.release.max_unique_share}
        summary["audit"] = audit_summary(audit_sum, cfg.release.k)
        gate = gate_verdict(gate_found, gate_n_words, cfg.submit.residual_risk_threshold_per_1k_words)
        summary["residual_risk"] = gate.to_dict()
        matches_file = _write_public_matches(out_dir, public, public_chunks, MATCHES_FILE)
        summary["public_text"] = public_text_record(public, cfg.release.public_text.policy,
                                                    public_chunks, matches_file)
        summary["releasable"] = bool(gate.releasable and risk_ok
                                     and not summary["public_text"].get("refused"))
        files = [out_file.name, "audit.jsonl", "quarantine.csv"]
        for name in files:
            if summary["releasable"]:
                publish(stage / name, out_dir / name)
            elif (out_dir / name).exists():  # an earlier run's copy must not pass for this one
                (out_dir / name).unlink()
        shutil.rmtree(stage, ignore_errors=True)
        if not summary["releasable"]:
            summary["withheld"] = files
            # no data published: counts of records below k written "<k" (attacker 3's F11)
            summary["release"] = small_counts_hidden(summary["release"])
    run_json = json.dumps(summary, indent=2, sort_keys=True, default=_json_default)
    if release is None:  # the whole set, run.json last, once every file is written
        write_text_atomic(stage / "run.json", run_json)
        for name in (out_file.name, "audit.jsonl", "quarantine.csv", "run.json"):
            publish(stage / name, out_dir / name)
        shutil.rmtree(stage, ignore_errors=True)
        return summary
    write_text_atomic(out_dir / "run.json", run_json)
    return summary


def _write_public_matches(out_dir: Path, public, chunks: list[dict], name: str) -> Path | None:
    """Which released value matched which public document, in ``<OUT>.local/`` (owner-only,
    never beside the released files: the document id says that review went to inquest)."""
    if public is None:
        return None
    from ._public_text import write_public_matches
    from ._submission import _private_dir, local_dir_for

    return write_public_matches(_private_dir(local_dir_for(out_dir)) / name, chunks)


def unlisted_text_columns(df) -> list[str]:
    """Columns of ``df`` that are not in the review schema, whatever they hold: every one but the
    reader's own ``_row`` (a file's own ``_row`` column is read as ``_row_in_file``, so a header
    can never pass for it). A header starting with ``_`` is a user's column like any other
    (faults8 F1). ``deid run`` never copies them raw (:func:`mask_extra_columns`).

    >>> import pandas as pd
    >>> unlisted_text_columns(pd.DataFrame({"review_id": ["R1"], "Narrative": ["x"], "_row": [1],
    ...                                     "_patient": ["x"], "Phone": [7700900123.0]}))
    ['Narrative', '_patient', 'Phone']
    """
    from ..io import RESERVED_COLUMNS
    from ..schema import REVIEW_COLUMNS

    return [str(c) for c in df.columns if c not in REVIEW_COLUMNS and c not in RESERVED_COLUMNS]


#: what a value of a column outside the schema becomes when it is masked whole (local profile)
EXTRA_MASK = "[withheld: value of a column outside the schema]"
_EXTRA_RULES_PATH = Path(__file__).parent / "conf" / "extra_columns.yaml"


def extra_column_rules() -> dict:
    """The rules for columns outside the schema (``jobs/conf/extra_columns.yaml``: header words
    and phrases naming an identifier, the longest short cell, the shortest long number).

    >>> rules = extra_column_rules(); "surname" in rules["identifier_header_words"]
    True
    """
    import yaml

    with open(_EXTRA_RULES_PATH, encoding="utf-8") as fh:
        rules = yaml.safe_load(fh)
    rules["identifier_header_words"] = {str(w).casefold() for w in rules["identifier_header_words"]}
    rules["identifier_header_phrases"] = [str(p).casefold() for p in rules["identifier_header_phrases"]]
    return rules


def header_words(header: str) -> list[str]:
    """The words of a column header: split at spaces, punctuation and camelCase, lower case.

    >>> header_words("_NHSNo"), header_words("Hospital Number"), header_words("e-mail_address")
    (['nhs', 'no'], ['hospital', 'number'], ['e', 'mail', 'address'])
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", str(header))
    return [w for w in re.split(r"[^0-9a-z]+", spaced.casefold()) if w]


def names_identifier(header: str, rules: dict | None = None) -> bool:
    """Whether a column header names an identifier (a word or phrase of the rules' lists).

    >>> names_identifier("Local Patient ID"), names_identifier("_NHSNo"), names_identifier("Narrative")
    (True, True, False)
    """
    rules = rules or extra_column_rules()
    words = header_words(header)
    if any(w in rules["identifier_header_words"] for w in words):
        return True
    joined = f" {' '.join(words)} "
    return any(f" {p} " in joined for p in rules["identifier_header_phrases"])


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _number_text(value) -> str | None:
    """A number cell as digits (7700900123.0 -> '7700900123'); None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) or hasattr(value, "dtype"):
        return str(value)
    return None


def mask_extra_columns(df, columns: list[str], declared=()) -> tuple[Any, dict, dict]:
    """Mask what the recognizers cannot judge in the columns outside the schema (faults8 F1).

    Returns ``(df, masks, record)``: ``df`` with masked cells emptied (for the de-identifier),
    ``masks`` (column -> boolean Series of the cells to write as :data:`EXTRA_MASK`, see
    :func:`restore_masks`) and ``record`` (column -> its ``kind`` and the number of cells masked,
    for run.json; never a value). Kinds: ``identifier_header`` (every value masked),
    ``declared_free_text`` (``--mapping`` marks it ``free_text``: text de-identified as free
    text, long numbers masked) and ``undeclared`` (numbers, dates and short text masked whole,
    longer text de-identified as free text).

    >>> df = pd.DataFrame({"Surname": ["Quorrin"], "Notes": ["Zed"], "Phone no": [7700900123.0]})
    >>> out, masks, rec = mask_extra_columns(df, ["Surname", "Notes", "Phone no"])
    >>> rec["Surname"], rec["Notes"], out["Notes"].tolist()
    ({'kind': 'identifier_header', 'cells_masked': 1}, {'kind': 'undeclared', 'cells_masked': 1}, [''])
    """
    rules = extra_column_rules()
    declared_keys = {re.sub(r"[^0-9a-z]+", "", str(c).casefold()) for c in declared}
    out = df.copy() if columns else df
    masks: dict[str, Any] = {}
    record: dict[str, dict] = {}
    for col in columns:
        values = df[col]
        present = values.map(lambda v: not _missing(v) and not (isinstance(v, str) and not v.strip()))
        if re.sub(r"[^0-9a-z]+", "", col.casefold()) in declared_keys:
            kind = "declared_free_text"

            def judge(v) -> bool:
                digits = _number_text(v)
                if digits is not None:
                    return len(re.sub(r"\D", "", digits)) >= int(rules["long_number_digits"])
                return not isinstance(v, str)  # a date or other object: no text to read
        elif names_identifier(col, rules):
            kind = "identifier_header"

            def judge(v) -> bool:
                return True
        else:
            kind = "undeclared"

            def judge(v) -> bool:
                return (not isinstance(v, str)
                        or len(v.split()) <= int(rules["short_cell_max_words"]))
        mask = present & values.map(judge).astype(bool)
        record[col] = {"kind": kind, "cells_masked": int(mask.sum())}
        new = values.astype(object).copy()
        if kind == "declared_free_text":  # numbers kept are read as text (no ".0")
            new = new.map(lambda v: v if _missing(v) or isinstance(v, str)
                          else (_number_text(v) or str(v)))
        new[mask] = ""
        out[col] = new
        masks[col] = mask
    return out, masks, record


def restore_masks(df_out, masks: dict) -> Any:
    """Write :data:`EXTRA_MASK` into the cells :func:`mask_extra_columns` emptied (rows of
    ``df_out`` keep the index they had in its input).

    >>> df = pd.DataFrame({"Notes": ["", "long enough text"]})
    >>> restore_masks(df, {"Notes": pd.Series([True, False])})["Notes"].tolist()
    ['[withheld: value of a column outside the schema]', 'long enough text']
    """
    if not masks or not len(df_out):
        return df_out
    df_out = df_out.copy()
    for col, mask in masks.items():
        rows = mask.reindex(df_out.index, fill_value=False).to_numpy(dtype=bool)
        if rows.any():
            new = df_out[col].astype(object).copy()
            new[rows] = EXTRA_MASK
            df_out[col] = new
    return df_out


def refuse_identifier_ids(df) -> tuple[Any, Any]:
    """Split off the rows whose review_id is not shaped like a review id or is a person's
    identifier (:func:`leder_insights.io.shown_id`): ``(kept, quarantine rows)``, the quarantine
    with ``_row``, review_id ``(not shown)`` and reason E395. ``deid run`` keeps review ids
    unchanged under the local profile, so such an id would reach every output (faults8 F2).

    >>> kept, q = refuse_identifier_ids(pd.DataFrame({"review_id": ["LDR-1", "Jo Bloggs"], "_row": [1, 2]}))
    >>> kept["review_id"].tolist(), q[["_row", "review_id", "reason_code"]].values.tolist()
    (['LDR-1'], [[2, '(not shown)', 'E395']])
    """
    from ..errors import Errors
    from ..io import WITHHELD_ID, shown_id

    bad = df["review_id"].map(lambda v: not _missing(v) and shown_id(str(v)) == WITHHELD_ID)
    bad = bad.astype(bool)
    refused = pd.DataFrame({"_row": df.loc[bad, "_row"].astype("int64"),
                            "review_id": WITHHELD_ID, "reason_code": "E395",
                            "reason": f"[E395] {Errors.E395}"}).reset_index(drop=True)
    return df.loc[~bad].reset_index(drop=True), refused


#: what a coded column's value that is not one of its allowed values becomes under the local
#: profile (the value itself may be an identifier typed into the wrong column)
WITHHELD_MARKER = "[withheld: not a coded value]"


def coded_values(schema_name: str = "national") -> dict[str, tuple[str, ...]]:
    """The allowed values of each coded column: the release schema's ``allowed`` lists (a data
    file, ``release/schemas/<name>.yaml``) and the NHS regions.

    >>> coded_values()["sex"]
    ('female', 'male', 'other', 'unknown', 'not_stated')
    """
    from ..release import load_release_schema
    from ..schema import NHS_REGIONS

    schema = load_release_schema(schema_name)
    coded = {name: tuple(str(a) for a in rule.allowed)
             for name, rule in schema.columns.items() if rule.allowed}
    coded.setdefault("region", NHS_REGIONS)
    return coded


def _code_key(value: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", value.strip().casefold()).strip("_")


def withhold_uncoded(df, coded: dict) -> tuple[Any, dict[str, int]]:
    """``df`` with every value of a coded column that is not one of its allowed values (compared
    ignoring case, spaces and punctuation; the reader has already mapped aliases such as "own
    home") replaced by :data:`WITHHELD_MARKER`; allowed and
    missing values unchanged. Returns the frame and the number withheld per column.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["Male", "Zed Quorrin", None], "region": ["North West"] * 3})
    >>> out, n = withhold_uncoded(df, {"sex": ("female", "male"), "region": ("North West",)})
    >>> out["sex"].tolist()[:2], out["sex"].isna().tolist()[2], n
    (['Male', '[withheld: not a coded value]'], True, {'sex': 1})
    """
    counts: dict[str, int] = {}
    out = df
    for column, allowed in coded.items():
        if column not in df.columns:
            continue
        keys = {_code_key(a) for a in allowed}
        col = df[column]
        present = col.notna() & (col.astype(str).str.strip() != "")
        ok = col.map(lambda v, keys=keys: isinstance(v, str) and _code_key(v) in keys)
        bad = present & ~ok.astype(bool)
        if bad.any():
            if out is df:
                out = df.copy()
            new = col.astype(object).copy()  # missing values stay as they were
            new[bad] = WITHHELD_MARKER
            out[column] = new
            counts[column] = int(bad.sum())
    return out, counts


def release_risk_ok(plan, risk: dict, cfg, n_rows: int) -> bool:
    """Whether the released rows meet the configured k and unique-record share."""
    from ._refusal import enough_records

    return bool(plan.meets_k and (risk["k"] is None or risk["k"] >= cfg.release.k)
                and risk["share_unique"] <= cfg.release.max_unique_share
                and enough_records(risk, cfg.release.k))


__all__ = ["run_deid", "release_risk_ok", "unlisted_text_columns", "coded_values",
           "mask_extra_columns", "restore_masks", "refuse_identifier_ids", "EXTRA_MASK",
           "names_identifier", "header_words", "extra_column_rules",
           "withhold_uncoded", "WITHHELD_MARKER", "QUARANTINE_NOTE", "QUARANTINE_FIELDS"]
