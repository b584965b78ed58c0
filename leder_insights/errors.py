"""Numbered, actionable error messages and the exception classes that carry them.

Every message names what was wrong (file, row, column, setting, value) and what to do. Tests
match the code, e.g. ``[E101]``. Exceptions also inherit from built-ins so that existing
``except ValueError`` handlers keep working.

Exit codes (``../shared/spec/interfaces.md`` §4): 0 success, 1 bad input or failed check,
2 usage error, 3 a quality gate refused to release output.

Codes are grouped by area: E0xx general/config, E1xx input and corpus, E2xx store,
E3xx de-identification, E4xx themes, E5xx widgets/explore, E6xx submission and scale.

>>> err = InputError(Errors.E101, path="reviews.csv")
>>> str(err).startswith("[E101]")
True
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_GATE = 3


class Errors:
    """Message templates. Format fields are filled with ``str.format``."""

    # --- E0xx general and configuration --------------------------------------------------
    E001 = ("Could not read config file {path}: {reason}. Check that it is valid YAML with the "
            "sections nlp, deid, themes, widgets.")
    E002 = "Invalid configuration: {reason}. Fix the setting named above in {path}."
    E003 = ("No spaCy English model could be loaded (tried: {tried}). Install the pinned model with "
            "`make install`, or set LEDER_SPACY_MODEL / config nlp.model to an installed model name "
            "or a model directory.")
    E004 = "Unknown {kind} '{name}'. Registered {kind}s: {available}."
    E005 = "Invalid value '{value}' for {option}. Choose one of: {allowed}."
    E006 = "Invalid value {value} for {option}: {rule}."
    E007 = ("Output {path} is one of this command's inputs and would be overwritten (--force does "
            "not change that); nothing was written. {advice}")
    # E02x: operating-system errors, mapped in one place (os_error below)
    E020 = ("Permission denied: {path} ({action}). Check the permissions of the file and its "
            "directory, or choose another path.")
    E021 = ("No space left on the device while writing {path}. Outputs are written whole or not at "
            "all, so no file was left half-written. Free some space (or write elsewhere: the "
            "command's -o or --project) and run the same command again.")
    E022 = "{path} is a directory, but a file is needed here. Give a file path."
    E023 = "{path}: a part of this path is a file, not a directory. Choose another path."
    E024 = "{path} is on a read-only file system. Write the output somewhere writable with -o."
    E025 = "Could not {action} {path}: {reason}."
    E026 = ("{path} grew past the largest file this process may write (a file-size limit such as "
            "`ulimit -f`, or the file system's own limit). Raise the limit, or write elsewhere (the "
            "command's -o or --project), and run the same command again.")
    E027 = ("{path} already holds {files}, which leder-insights did not write there (or which "
            "changed since). Nothing was changed. Choose another output directory with -o, or "
            "pass --force to replace {them}.")
    E028 = ("{path} holds the outputs of an earlier `leder-insights {command}` ({files}) that this "
            "run would not replace, so the folder would mix two runs. Choose a new output directory "
            "with -o, or pass --force to remove those files and write this run's.")
    E029 = ("{path} is being written by another leder-insights command right now; two runs into one "
            "output directory would mix or break each other. Wait for it to finish, or choose "
            "another output directory with {option}.")
    E009 = ("Unexpected internal error ({kind}) in `leder-insights {command}`. Outputs are written "
            "atomically, so no file was left half-written. This is a bug: please report it with the "
            "command you ran (LEDER_DEBUG=1 shows the details, which may quote input text).")

    # --- E1xx input files and corpus -----------------------------------------------------
    E101 = "File not found: {path}. Check the path and try again."
    E102 = ("Unsupported file type '{suffix}' for {path}. Use .csv, .xlsx, .jsonl (JSON Lines) "
            "or .parquet.")
    E103 = "{path} is empty (no header and no rows). Export the corpus again."
    E104 = ("{path} has no 'review_id' column (columns found: {columns}). Rename the id column to "
            "review_id or pass a column-mapping file with --mapping.{hint}")
    E105 = ("{path}: could not decode the file as UTF-8, UTF-8 with BOM or Windows-1252 "
            "(first bad byte at offset {offset}). Re-export it as UTF-8 CSV.")
    E106 = ("{path}: the file looks {delimiter_hint}-delimited, not comma-delimited. "
            "Re-export as comma-separated CSV or pass --delimiter.")
    E107 = "{path}: could not be parsed as {kind}: {reason}."
    E108 = "Column-mapping file {path} is invalid: {reason}. It must map local names to schema names."
    E109 = "{path}: the corpus has {n_valid} usable rows of {n_rows}; nothing can be processed."
    # E11x-E12x: row- and column-level problems found by leder_insights.io (reported as Problems;
    # row errors send the row to quarantine, warnings keep it)
    E110 = "review_id is empty. Every review needs a unique id: fill it in or remove the row."
    E111 = ("this review_id was already used on row {first_row}; this later row was "
            "quarantined. Give each review a unique id.")
    # values are never repeated in these messages: they reach quarantine files and logs, and a
    # misplaced cell can hold a name or an NHS number. The row and column find the value.
    E112 = "{column} is not a date (value not shown). Use YYYY-MM-DD or day-first DD/MM/YYYY."
    E113 = "care_grade is not a whole number from 1 (excellent) to 6 (value not shown)."
    E114 = "{column} is not a whole number from {low} to {high} (value not shown)."
    E115 = ("{column} is not one of {allowed} (value not shown); the row is kept with the value "
            "unchanged. Correct it, or map the local coding onto these values.")
    E116 = "{column} contained {n} NUL byte(s); they were removed."
    E117 = ("{column} is {n} characters long, over the limit of {limit} (config io.max_text_chars). "
            "Shorten it or raise the limit.")
    E118 = ("the row has {n} fields but the header has {expected}. Look for an unquoted delimiter or "
            "line break in this row.")
    E119 = ("column '{column}' is not in the review schema; it is kept unchanged. If it is a schema "
            "column under a local name, map it with --mapping.")
    E120 = ("the file's encoding was detected as {encoding}, not UTF-8. Check that characters such as \u00a3, "
            "\u00e9 and \u2019 look right, or re-export the file as UTF-8.")
    E121 = "{column} is not yes/no (value not shown; accepted: true/false, y/n, 1/0; empty = unknown)."
    E122 = ("{path}: columns {columns} all match the schema column '{target}'. Keep one, or rename "
            "the others with a mapping file (--mapping).")
    E123 = "{path}: no sheet {sheet} in the workbook (sheets: {sheets})."
    E124 = ("the workbook has {n} sheets ({sheets}); only '{sheet}' was read. Choose another "
            "with --sheet.")
    E125 = "the mapping names column '{column}', which is not in the file; that entry was not used."
    E126 = ("header cell {n} is empty but its column holds values; the column was named "
            "'{column}'. Give it a header in the export.")
    E127 = ("{column} holds {kind}, not a single value; the row was quarantined. Export the field "
            "as plain text.")
    E129 = ("{column} is a number, not a date (value not shown): probably an Excel date kept as "
            "its serial number (the cell lost its date format). Format the column as a date in "
            "Excel, or export it as YYYY-MM-DD, and read the file again.")
    E130 = ("{column} (cell {cell}) is a formula with no saved result, so its value is unknown; the "
            "row was quarantined. The workbook was written by a program, or Excel calculates by "
            "hand: open it in Excel, recalculate (F9) and save, or paste the column as values.")
    E131 = ("cells {cells} of {column} are merged; their value was used for each of the {n} rows "
            "below the first that the merge covers, as Excel shows it. Check that this is right, or "
            "unmerge and fill the cells in Excel.")
    E140 = ("{path} changed while it was being read: {change}. {consequence} Wait until whatever "
            "writes it has finished (or copy it and give the copy), then run the same command again.")
    E132 = ("the header was taken from {where}, the first row naming review_id; the {n} non-blank "
            "row(s) above it (a title?) were skipped. Check that this is the header, or remove the "
            "rows above it.")
    E133 = ("schema columns not in the file: {columns}.{text_note} If one is there under a local "
            "name, map it with --mapping.")
    E134 = ("this review_id differs from row {first_row}'s only in letter case, so it was taken as "
            "the same review and this later row was quarantined. If they are different reviews, "
            "give them ids that differ by more than case.")
    E135 = ("{n} row(s) read are hidden in the sheet (sheet rows {rows}); hidden rows are read like "
            "any other. If they were hidden to leave them out, delete them and read the file again.")
    # E15x: synthetic corpus generator (leder_insights.corpus)
    E128 = ("{path}: line {line} is not UTF-8 text (first bad byte at byte {offset} of that line; "
            "Latin-1 or Windows-1252?). JSON Lines must be UTF-8: re-export the file as UTF-8 JSON "
            "Lines, or fix that line.")
    E150 = "n_reviews must be a whole number >= 0, got {value!r}. Pass e.g. synthesize(n_reviews=100)."
    E151 = ("write_corpus needs a SyntheticCorpus from synthesize(), got {kind}. Generate one with "
            "synthesize(n_reviews, seed) first.")
    E152 = "seed must be an integer, got {value!r}. Pass e.g. synthesize(100, seed=0)."
    # E16x: evaluation gold sets (gold/), read by leder_insights.evaluation
    E160 = ("Gold file {path}, line {line}: {reason}. The gold files are written by "
            "tools/annotate_pfd.py; regenerate them instead of editing them by hand.")
    E161 = ("Gold span {ref}:{field} [{start}:{end}] does not match {reports} (sha1 {expected} "
            "expected, {found} found): the report text changed after annotation. Re-check this "
            "report with tools/annotate_pfd.py and annotate it again.")
    E162 = ("Report {ref} (named in {path}) is not in {reports}. Use the reports file the gold "
            "set was annotated on (../shared/data/pfd_reports.jsonl).")
    E163 = ("The coroners' reports file {path} is not there. Pass {option} PATH, or set "
            "LEDER_SHARED_DATA to the folder that holds pfd_reports.jsonl (../shared/data beside "
            "the repository).")

    # --- E2xx store -----------------------------------------------------------------------
    E201 = ("Project store {path} has schema version {found}, newer than this leder-insights "
            "understands ({supported}). Upgrade leder-insights.")
    E202 = "Project store {path} could not be opened: {reason}.{advice}"
    E203 = ("{table} rows must not carry identifier text (column '{column}' given): the store keeps "
            "only offsets and types. Drop the column before saving.")
    E204 = "{what}: {reason}."
    E205 = ("Project store {path} has schema version {found}; version {supported} is needed and a "
            "read-only store cannot be migrated. Open it once without read_only.")
    E206 = ("Action '{action}' was changed elsewhere (another tab or person, saved {now}) after this form "
            "loaded it ({seen}); nothing was saved, so that change is kept. Make your change again on the "
            "saved version (the workshop's form shows it now).")
    E207 = ("This action is already saved on {where} (perhaps from another page of the workshop); nothing "
            "more was saved. Choose it under Edit to change it.")
    E208 = ("Nothing was saved: {what}. Actions go into the steering pack, which holds only de-identified "
            "text: write a role instead of a name or identifier (\"the daughter\", \"the GP\", \"the ward "
            "manager\") and save again.")

    # --- E3xx de-identification ----------------------------------------------------------
    E301 = ("No pseudonym key: the {profile} profile needs an HMAC key. Pass --key-file FILE or set "
            "LEDER_DEID_KEY. Generate one with `leder-insights deid keygen -o FILE`.")
    E302 = "Pseudonym key in {source} is too short ({n} bytes); use at least 16 random bytes."
    E303 = "Input line {line} of {path}: {reason}."
    E304 = "Document {doc_id} could not be de-identified ({reason}); it was quarantined, not exported."
    E305 = ("Key file {path} already exists; a lost or replaced key changes every pseudonym. Choose "
            "another path or pass --force to overwrite it.")
    E306 = "Key file {path} could not be read ({reason}). Check its permissions."
    E307 = ("Unknown de-identification profile '{profile}'. Profiles in the config: {available}. Add it "
            "under deid.profiles in your config file.")
    E308 = ("Input {path} has none of the free-text columns {columns}; nothing to de-identify. Check "
            "the column names or pass --mapping.")
    E311 = ("Pseudonym key in {source} is not random (it is a short pattern repeated, {n} distinct "
            "byte value(s)): anyone could guess it and link every pseudonym. Make a new key with "
            "`leder-insights deid keygen -o FILE`."
            )
    E310 = ("Key file {path} can be read by other users (mode {mode}); restrict it with "
            "`chmod 600 {path}`.")
    E309 = "Output {path} would overwrite the input file; choose another output directory with -o."
    E312 = ("{n} value(s) in the coded column '{column}' are not among its allowed values and were "
            "withheld (written as {marker}; values not shown): such a cell can hold a name, an "
            "address or an NHS number. Correct them in the input to one of: {allowed}.")

    # E395-E399: deid run's review-id and extra-column checks (deidrun9; a block away from E312)
    E395 = ("review_id is not shaped like a review id or is a person's identifier (an NHS number, a "
            "name, an e-mail address or a phone number; value not shown). deid run keeps review ids "
            "unchanged under this profile, so the row was not written: give each review its LeDeR "
            "review id (map the column that holds it with --mapping), or use --profile national, "
            "which replaces review ids with keyed pseudonyms.")

    # --- E4xx themes ---------------------------------------------------------------------
    E401 = "Unknown theme id '{theme}'. Valid ids are listed in the taxonomy: {valid}."
    E402 = ("No trained theme model at {path}. Run `leder-insights themes train` or pass --model.")
    E403 = "Input line {line} of {path}: {reason}."
    # E403 is the same string as E303 (so it reports as E303); theme code uses E404.
    E404 = "Themes input {path}, line {line}: {reason}. Fix that line and run again."
    E405 = ("{path}: its {n} learning points cannot be clustered: {reason}. Discovery groups points "
            "that share words, so it needs more, and more varied, points (a few dozen or more, a "
            "sentence or so each); theme a handful with `leder-insights themes predict` instead.")

    # --- E5xx widgets and explore --------------------------------------------------------
    E501 = ("The de-identification reviewer shows original text and is local-only; it refuses to run "
            "in workshop mode. Open it from a local notebook instead.")
    E502 = "No learning points to explore in {path}. Run `leder-insights demo` or load a corpus first."
    # E510-E519: the explorer logic (leder_insights.explore)
    E510 = ("The explorer shows de-identified text only, and {what} are not marked as de-identified. "
            "De-identify first: `leder-insights demo`/`run` store marked learning points (open the "
            "project with load_explorer_data), or pass the output of Deidentifier.deidentify_frame "
            "with deidentified=True.")

    # --- E6xx submission and scale -------------------------------------------------------
    E601 = ("Residual-risk gate: {n} identifier candidates remain ({rate:.4f} per 1,000 words, "
            "threshold {threshold}). The bundle is marked not releasable; see {report}.")
    E603 = "Text columns not found: {columns}. Available columns: {available}."
    E602 = "Output directory {path} exists and is not a resumable run of this input. Choose a new -o."
    E605 = ("Row accounting failed: rows in {rows_in} != rows out {rows_out} + rows quarantined "
            "{rows_quarantined}{where}. Nothing was released; this is a bug: please report it with "
            "the command you ran.")
    E606 = ("{path} holds an unfinished run with different settings: {changed} changed. Resuming "
            "would mix two runs. Run again with the original settings, or choose a new -o.")
    E607 = ("Interrupted ({signal}). {done} finished chunk(s) are saved in {work}; nothing was "
            "written under a final name in {out}. Run the same command again to resume from there.")
    E608 = ("Earlier release {path} cannot be composed with: {reason}. --after (release.after) "
            "takes the bundle directories of releases already sent, as they were sent.")
    E609 = ("Earlier release {path} was made with a different key: its pseudonyms cannot be matched "
            "to this run's, yet the two still join on their text. Make this release with the key of "
            "the earlier one (--key-file), or do not release both.")
    E610 = ("Earlier release {path} used schema {schema!r}; this run uses {our_schema!r}. Composition "
            "needs the same schema (the pseudonym scope may differ): set release.schema as it was "
            "for that release.")
    E611 = ("Release refused: {n} review(s) are new or changed since the earlier release {path}, fewer "
            "than k = {k}, so this release would single them out (the only new pseudonyms, or the "
            "only learning points its texts do not link). Nothing was released. Wait until at least "
            "{k} reviews are new, or set release.sequence.few_new: hold to hold them back for a later "
            "release (docs/release.md, 'Successive releases').")
    E612 = ("Release refused: {n} review(s) released in {path} are not in this release, fewer than k = "
            "{k}: the difference singles them out. Nothing was released. Put them back in the input "
            "(a review is withdrawn in at least k at a time), or, if the recipient agrees, set "
            "release.sequence.removed: allow with --accept-weakened-protection (docs/release.md, "
            "'Successive releases').")
    E613 = ("Release refused: the bundle {path} beside the output was made with the same key and schema "
            "and differs from this release by {n} review(s), fewer than k = {k}, but is not named "
            "with --after: the two together single those reviews out. Nothing was released. Run "
            "again with --after {path} (release.after), or, if it was never sent, move it away.")
    E614 = ("The bundle {path} beside the output was made with the same key and schema and is not "
            "named with --after: if it was sent, successive releases need --after {path} "
            "(docs/release.md, 'Successive releases').")
    E604 = ("A worker process died (killed, perhaps for lack of memory); chunks {chunks} did not finish. "
            "Finished chunks are saved: run the same command again to resume, with a smaller "
            "--chunk-rows or fewer --n-process if memory is short.")
    # --- E7xx release-level privacy (leder_insights.release) ------------------------------
    E701 = ("Release schema {path}: {reason}. Every column needs one action of: keep, generalise, "
            "pseudonymise, shift, deidentify_text, drop (see docs/release.md).")
    E702 = ("The release schema needs the pseudonym key (review pseudonyms and date shifts are keyed). "
            "Pass --key-file FILE or set LEDER_DEID_KEY.")
    E703 = ("Release refused: k-anonymity {k} is not met on {qis}; {share} would need "
            "suppression (limit {limit:.2%}). See the QA report for the failing combinations; allow "
            "wider hierarchy levels or a larger suppression share in the release config.")
    E704 = ("Release refused: {n} direct identifier(s) ({kinds}) remain in {where}. Zero tolerance: "
            "{report} says where (review pseudonym, field, offsets; never the value), as does the "
            "manifest's residual_risk.direct_locations; correct the input and run again.")
    E705 = ("Release refused: only {n} review(s) would be released, fewer than k = {k}: every "
            "record would be unique. Submit a larger corpus (at least k reviews) or combine periods.")
    E706 = ("Release refused before it started: these settings weaken the national release's "
            "protection: {settings}. Remove them from your config (the shipped defaults are in "
            "leder_insights/conf/default.yaml), or, only if the recipient has agreed to them, pass "
            "--accept-weakened-protection (release.accept_weakened: true); the manifest and QA "
            "report then list them (docs/release.md, 'Changed settings').")
    E711 = ("Release refused: {n} released value(s) share a distinctive run of words, or rare words, with a "
            "public document (release.public_text.policy: refuse). {report} gives the counts; the local file "
            "<bundle>.local/{local} (never sent) says which learning point or cell and which document. Rewrite those values in "
            "your own words, or set release.public_text.policy: withhold to leave them out.")
    E712 = ("Public text corpus {path} cannot be read: {reason}. release.public_text.paths (submit "
            "--public-text) takes a PFD download (.jsonl, one report a line, e.g. pfd_reports.jsonl), "
            "plain text files (.txt, .md) or directories of them (docs/release.md, 'Public text').")


def os_error(exc: OSError, path=None, action: str = "write") -> "LederError":
    """The numbered error for an operating-system error (permission, disk full, directory …).

    ``path`` names the file when the error does not (a failed ``write()`` carries no file name).

    >>> import errno
    >>> str(os_error(OSError(errno.ENOSPC, "No space left on device"), "out.csv"))[:6]
    '[E021]'
    """
    import errno

    path = path if path is not None else (getattr(exc, "filename", None) or "(unknown path)")
    code = getattr(exc, "errno", None)
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return InputError(Errors.E020, path=path, action=action)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return InputError(Errors.E021, path=path)
    if code == errno.EFBIG:
        return InputError(Errors.E026, path=path)
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return InputError(Errors.E022, path=path)
    if isinstance(exc, (NotADirectoryError, FileExistsError)) or code in (errno.ENOTDIR, errno.EEXIST):
        return InputError(Errors.E023, path=path)
    if code == errno.EROFS:
        return InputError(Errors.E024, path=path)
    return InputError(Errors.E025, action=action, path=path,
                      reason=getattr(exc, "strerror", None) or type(exc).__name__)


#: operating-system failures as DuckDB words them (it raises its own exception types, no errno)
_DUCKDB_OS_ERRORS = (("no space left", "ENOSPC"), ("disk quota", "EDQUOT"),
                     ("file too large", "EFBIG"), ("permission denied", "EACCES"),
                     ("read-only file system", "EROFS"), ("is a directory", "EISDIR"),
                     ("not a directory", "ENOTDIR"), ("operation not permitted", "EPERM"))
#: DuckDB's words for a store file that is cut short or damaged: retrying cannot help (faults8 F3)
_DUCKDB_DAMAGED = ("could not read enough bytes", "not a valid duckdb", "corrupt", "checksum",
                   "failed to read database header", "invalid block", "truncated")


#: what to do with a damaged project store (E202)
STORE_DAMAGED_ADVICE = (" If it was damaged (a disk that filled while it was written, a copy cut "
                        "short), restore it from a backup; if it holds nothing you need, move it "
                        "aside and run the command again to make a new one")


def store_error(exc: Exception, path=None) -> "LederError":
    """The numbered error for a DuckDB error: an operating-system failure (disk full, file-size
    limit, permission …) becomes the same E02x error as an ``OSError`` naming the store; anything
    else is E204, with quoted values removed (they could be review text).

    >>> str(store_error(Exception('Could not write file "p.duckdb.wal": File too large'),
    ...                 "p/project.duckdb"))[:6]
    '[E026]'
    """
    import errno
    import re

    text = str(exc)
    low = text.lower()
    named = re.search(r'file "([^"]+)"', text)
    where = path if path is not None else (named.group(1) if named else "the project store")
    for words, name in _DUCKDB_OS_ERRORS:
        code = getattr(errno, name, None)
        if words in low and code is not None:
            return os_error(OSError(code, words), where)
    first = next((line for line in text.splitlines() if line.strip()), type(exc).__name__)
    first = re.sub(r'"[^"]*"|\'[^\']*\'', "'…'", first)[:300]
    if any(words in low for words in _DUCKDB_DAMAGED):  # the same command would fail forever
        return StoreError(Errors.E202, path=where, reason=f"{first} ({type(exc).__name__})",
                          advice=STORE_DAMAGED_ADVICE)
    return StoreError(Errors.E204, what=f"Project store {where}",
                      reason=f"{first} ({type(exc).__name__}). Nothing was saved by the failed step; "
                             "run the same command again, and report it if it happens again")


def is_store_error(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's (checked by module, so DuckDB need not be imported)."""
    return type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb")


def numbered(exc: BaseException, path=None, action: str = "write") -> "LederError | None":
    """The numbered error for ``exc`` -- ours as is, an ``OSError`` or a DuckDB error mapped (see
    :func:`os_error`, :func:`store_error`) -- or None when it is none of those.

    >>> numbered(FileNotFoundError(2, "No such file", "x.csv")).code
    'E025'
    """
    if isinstance(exc, LederError):
        return exc
    if isinstance(exc, OSError):
        return os_error(exc, path, action)
    if is_store_error(exc):
        return store_error(exc, path)  # type: ignore[arg-type]
    return None


class LederError(Exception):
    """Base class: carries an exit code and a numbered message."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, template: str, **fields):
        code = next((k for k, v in vars(Errors).items() if v is template), "E000")
        self.code = code
        self.fields = fields
        try:
            msg = template.format(**fields)
        except (KeyError, IndexError):  # never let a message template hide the real problem
            msg = f"{template} {fields}"
        super().__init__(f"[{code}] {msg}")


class InputError(LederError, ValueError):
    """Bad input: unreadable file, missing column, invalid rows. Exit code 1."""


class ConfigError(LederError, ValueError):
    """Invalid configuration or missing model. Exit code 1."""


class UsageError(LederError, ValueError):
    """Wrong command-line usage. Exit code 2."""

    exit_code = EXIT_USAGE


class StoreError(LederError, RuntimeError):
    """The project store could not be used. Exit code 1."""


class DeidError(LederError, RuntimeError):
    """De-identification failed for a document (it is quarantined, never exported raw)."""


class InterruptedRun(LederError, RuntimeError):
    """A run stopped by Ctrl-C or SIGTERM; the message says what is saved. Exit code 130.

    Not a ``KeyboardInterrupt`` on purpose: the CLI framework turns those into a silent exit."""

    exit_code = 130


class GateError(LederError, RuntimeError):
    """A quality gate refused to release output. Exit code 3."""

    exit_code = EXIT_GATE


__all__ = [
    "Errors", "LederError", "InputError", "ConfigError", "UsageError", "StoreError", "DeidError",
    "GateError", "InterruptedRun", "os_error", "store_error", "is_store_error", "numbered", "EXIT_OK", "EXIT_BAD_INPUT", "EXIT_USAGE", "EXIT_GATE",
]
