"""Apply a release schema to reviews: pseudonymised ids, shifted dates, banded ages, generalised
quasi-identifiers, dropped columns.

Dates in structured fields move by the same keyed per-review offset as the dates in the text
(``deid.date_offset`` with the review id as the document key), so comparing a column with the text
gives the true interval, never the offset. Ages use the text's own banding (``deid.age_band``).

>>> import pandas as pd
>>> rel = Release("national", key=b"k" * 32)
>>> df = pd.DataFrame({"review_id": ["LDR-1"], "death_date": ["2019-04-16"], "age_at_death": [47],
...                    "Name": ["Ann Smith"]})
>>> out = rel.transform(df, rel.plan(df, k=1))
>>> list(out.columns), out.loc[0, "age_band"]
(['review_id', 'death_year', 'age_band'], '40\u201349')
>>> [(d["position"], d["reason"]) for d in rel.dropped_columns(df.columns)]
[(4, 'not in the release schema')]
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd

from ..deid import PseudonymKey, as_key, date_offset
from ..errors import ConfigError, Errors
from ._risk import SUPPRESSED, ReleasePlan, factorize, generalise_values, measure_risk, plan_release
from ._schema import TEXT_POLICIES, ReleaseSchema, load_release_schema

#: pseudonym alphabet: consonants only, so a pseudonym never looks like a number, a postcode or a word
_ALPHABET = "bcdfghjkmnpqrstvwxz"
_PSEUDONYM_LEN = 14
_OTHER = "other"
#: the columns of a learning point that hold or point into its words (withheld by ``text: none``)
LEARNING_POINT_TEXT = ("text", "start", "end", "evidence")


def _letters(digest: bytes, n: int) -> str:
    value = int.from_bytes(digest, "big")
    out = []
    for _ in range(n):
        value, r = divmod(value, len(_ALPHABET))
        out.append(_ALPHABET[r])
    return "".join(out)


def _coded(col: pd.Series, allowed) -> pd.Series:
    """``col`` with every value outside ``allowed`` replaced by "other" (missing stays missing), so
    free text typed into a coded column never reaches a release.

    >>> _coded(pd.Series(["female", "female (Ann Smith, 4 High St)", None]), ("female", "male")).tolist()
    ['female', 'other', None]
    """
    ok = {str(a) for a in allowed}
    return pd.Series([None if v is None or (not isinstance(v, str) and pd.isna(v))
                      else v if str(v) in ok else _OTHER for v in col], index=col.index, dtype=object)


class Release:
    """A release schema bound to a pseudonym key.

    Parameters
    ----------
    schema : str, path or ReleaseSchema
        ``"national"`` (shipped) or a schema file.
    key : bytes, str or PseudonymKey
        The same key the de-identifier uses (required: pseudonyms and date shifts are keyed).
    max_date_shift_days : int
        As ``config.deid.max_date_shift_days`` (the text's dates use the same bound).
    free_text : sequence of str
        Columns outside the schema that the column mapping marks as free text: de-identified
        as text instead of being dropped.
    text_dates : {"relative", "shifted"}
        How the release writes the dates of its text (``config.release.text_dates``): relative
        to the review's death, or shifted by the keyed offset.
    mask_text_mentions : bool
        Mask quasi-identifier values written in the text (``config.release.mask_text_mentions``).
    pseudonym_scope : str
        ``""`` (default): the pseudonym of a review depends on the key only, so it is the same in
        every release made with that key. A name: the pseudonym is derived for that scope, so two
        releases with different scopes cannot be joined on it (``config.release.pseudonym_scope``).
    """

    def __init__(self, schema="national", key=None, *, max_date_shift_days: int = 365,
                 free_text=(), text_dates: str = "relative", mask_text_mentions: bool = True,
                 pseudonym_scope: str = "", text_policy: str | None = None):
        self.schema: ReleaseSchema = (schema if isinstance(schema, ReleaseSchema)
                                      else load_release_schema(schema))
        if key is None:
            raise ConfigError(Errors.E702)
        self._key: PseudonymKey = as_key(key)  # type: ignore[assignment]  # key is not None here
        self.max_date_shift_days = int(max_date_shift_days)
        self.free_text = tuple(free_text)
        if text_dates not in ("relative", "shifted"):
            raise ValueError(f"text_dates must be relative or shifted, not {text_dates!r}")
        self.text_dates = text_dates
        self.mask_text_mentions = bool(mask_text_mentions)
        self.pseudonym_scope = str(pseudonym_scope or "")
        if text_policy is not None and text_policy not in TEXT_POLICIES:
            raise ValueError(f"text_policy must be one of {', '.join(TEXT_POLICIES)}, not {text_policy!r}")
        self._text_policy = text_policy
        self.floor: dict = {}                       # hierarchy -> lowest level (earlier releases)
        self.carried_suppressed: frozenset = frozenset()  # pseudonyms an earlier release suppressed
        self.carried_scoped: dict = {}  # scope -> pseudonyms suppressed by an earlier release of that scope

    def compose_after(self, floor: dict, suppressed=()) -> "Release":
        """Make this release safe to join with earlier releases of overlapping reviews.

        Two k-anonymous releases of the same reviews are not k-anonymous together: they join on
        the pseudonym (or the text), and each may have generalised a different column. So every
        hierarchy stays at or above the level an earlier release used (``floor``), and a review an
        earlier release suppressed (its pseudonym in ``suppressed``) is suppressed again.
        ``suppressed`` may also be ``{pseudonym_scope: pseudonyms}`` for earlier releases made
        under another scope (their pseudonyms are re-derived from the raw ids in :meth:`prepare`).

        >>> rel = Release(key=b"k" * 32).compose_after({"age": 2}, {Release(key=b"k" * 32).pseudonym("A")})
        >>> df = pd.DataFrame({"review_id": ["A", "B"], "sex": ["male", "female"], "age_at_death": [54, 71]})
        >>> out = rel.transform(df, rel.plan(df, k=1, max_suppressed_share=0.0))
        >>> out["sex"].tolist(), rel.plan(df, k=1).levels["age"] >= 2
        (['*', 'female'], True)
        """
        self.floor = {str(h): int(v) for h, v in dict(floor).items()}
        scoped = (dict(suppressed) if isinstance(suppressed, dict)
                  else {self.pseudonym_scope: suppressed})
        self.carried_scoped = {str(s): frozenset(v) for s, v in scoped.items() if v}
        self.carried_suppressed = frozenset(self.carried_scoped.get(self.pseudonym_scope, ()))
        return self

    @classmethod
    def from_config(cls, cfg, key, free_text=()) -> "Release":
        """The release of ``cfg.release.schema_name`` with the de-identifier's date bound."""
        return cls(cfg.release.schema_name, key, max_date_shift_days=cfg.deid.max_date_shift_days,
                   free_text=free_text, text_dates=cfg.release.text_dates,
                   mask_text_mentions=cfg.release.mask_text_mentions,
                   pseudonym_scope=cfg.release.pseudonym_scope,
                   text_policy=cfg.release.text_policy)

    def __repr__(self) -> str:
        return f"Release(schema={self.schema.name!r}, key={self._key!r})"

    # --- columns ---------------------------------------------------------------------------------
    def text_columns(self, columns) -> list[str]:
        """The columns to de-identify as text (declared ones and mapped free-text ones)."""
        return self.schema.text_columns(list(columns), self.free_text)

    def column_digest(self, name) -> str:
        """The keyed digest that stands for an unknown column's header in the manifest (the header
        text itself can hold a name or a postcode, attacker 3's F12); whoever holds the key and the
        input can tell which column it was.

        >>> rel = Release(key=b"k" * 32)
        >>> d = rel.column_digest("Reviewer Ann Smith notes")
        >>> len(d), d == rel.column_digest("Reviewer Ann Smith notes"), "Smith" in d
        (16, True, False)
        """
        return self._key.digest("release-dropped-column", str(name)).hex()[:16]

    def dropped_columns(self, columns) -> list[dict]:
        """Input columns that are not released, each with the reason (for the manifest): its
        position in the input (1-based) and, for a column the schema does not know, the keyed
        :meth:`column_digest` of its header -- never the header text; a column the schema drops
        by name keeps that (public) name."""
        out = []
        for position, c in enumerate(columns, start=1):
            if str(c).startswith("_"):
                continue
            rule = self.schema.columns.get(c)
            if rule is None and c not in self.free_text:
                out.append({"position": position, "digest": self.column_digest(c),
                            "reason": "not in the release schema"})
            elif rule is not None and rule.action == "drop":
                out.append({"column": str(rule.name), "position": position,
                            "reason": rule.why or "dropped by the release schema"})
        return out

    def qi_columns(self, columns) -> tuple:
        """Released quasi-identifier columns for an input with ``columns``."""
        return tuple(r.output for r in self.schema.columns.values()
                     if r.hierarchy and r.name in set(columns) and r.action != "drop")

    @property
    def text_policy(self) -> str:
        """The free text this release carries: ``full``, ``learning_points`` or ``none``
        (``config.release.text`` when set, else ``text:`` in the schema; national:
        ``learning_points``)."""
        return self._text_policy or self.schema.text_policy

    def apply_text_policy(self, reviews: pd.DataFrame, learning_points: pd.DataFrame | None,
                          text_columns) -> tuple:
        """``(reviews, learning_points)`` as the text policy releases them: ``full`` as they are;
        ``learning_points`` without the text columns in ``reviews``; ``none`` also without the
        words (and their offsets) of each learning point.

        >>> rel = Release(key=b"k" * 32)
        >>> df = pd.DataFrame({"review_id": ["R"], "sex": ["male"], "pen_portrait": ["He sang."]})
        >>> list(rel.apply_text_policy(df, None, ["pen_portrait"])[0].columns), rel.text_policy
        (['review_id', 'sex'], 'learning_points')
        >>> list(Release(key=b"k" * 32, text_policy="full").apply_text_policy(df, None, ["pen_portrait"])[0].columns)
        ['review_id', 'sex', 'pen_portrait']
        """
        if self.text_policy == "full":
            return reviews, learning_points
        reviews = reviews.drop(columns=[c for c in text_columns if c in reviews.columns])
        if self.text_policy == "none" and learning_points is not None:
            learning_points = learning_points.drop(
                columns=[c for c in LEARNING_POINT_TEXT if c in learning_points.columns])
        return reviews, learning_points

    # --- values ----------------------------------------------------------------------------------
    def keyed_fraction(self, purpose: str, message: str) -> float:
        """A number in [0, 1) from an HMAC under the release's key: reproducible with the key,
        unpredictable without it (the random rounding of published counts).

        >>> rel = Release(key=b"k" * 32)
        >>> 0 <= rel.keyed_fraction("x", "a") < 1 and rel.keyed_fraction("x", "a") != rel.keyed_fraction("x", "b")
        True
        """
        digest = self._key.digest("release-" + purpose, str(message))
        return int.from_bytes(digest[:8], "big") / 2 ** 64

    def pseudonym(self, review_id, scope: str | None = None) -> str | None:
        """The keyed pseudonym of one review id (``None`` stays ``None``); ``scope`` (default this
        release's ``pseudonym_scope``) gives the pseudonym an earlier release of that scope used.

        >>> rel = Release(key=b"k" * 32)
        >>> p = rel.pseudonym("9434765919")
        >>> p == rel.pseudonym("9434765919") and p.startswith("R") and not any(c.isdigit() for c in p)
        True
        >>> Release(key=b"k" * 32, pseudonym_scope="2026-Q4").pseudonym("9434765919") != p
        True
        >>> Release(key=b"k" * 32, pseudonym_scope="2026-Q4").pseudonym("9434765919", scope="") == p
        True
        """
        if review_id is None or (not isinstance(review_id, str) and pd.isna(review_id)):
            return None
        scope = self.pseudonym_scope if scope is None else str(scope)
        purpose = "release-review-id" + (f"/scope:{scope}" if scope else "")
        digest = self._key.digest(purpose, str(review_id).strip())
        return "R" + _letters(digest, _PSEUDONYM_LEN)

    def pseudonymise(self, ids, scope: str | None = None) -> pd.Series:
        """:meth:`pseudonym` of every value of ``ids`` (a Series keeps its index)."""
        ids = ids if isinstance(ids, pd.Series) else pd.Series(list(ids), dtype=object)
        return pd.Series([self.pseudonym(v, scope) for v in ids], index=ids.index, dtype=object)

    def offsets(self, ids) -> list[int]:
        """The per-review date offsets: those the de-identifier applies to the review's text."""
        return [date_offset(self._key, str(v), self.max_date_shift_days) for v in ids]

    def shift(self, dates: pd.Series, ids: pd.Series, precision: str = "day") -> pd.Series:
        """``dates`` moved by each review's offset and cut to ``precision`` (day, month, year)."""
        parsed = pd.to_datetime(dates, errors="coerce", format="ISO8601")
        if parsed.isna().any():  # day-first local formats the reader may have left as text
            alt = pd.to_datetime(dates[parsed.isna()], errors="coerce", dayfirst=True, format="mixed")
            parsed = parsed.where(parsed.notna(), alt)
        shifted = parsed + pd.to_timedelta(self.offsets(ids), unit="D").to_numpy()
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision]
        return pd.Series([d.strftime(fmt) if pd.notna(d) else None for d in shifted],
                         index=dates.index, dtype=object)

    def _base(self, df: pd.DataFrame) -> pd.DataFrame:
        """Each hierarchy's level-0 input: the source column after its action (dates shifted)."""
        ids = df[self.schema.id_column]
        base = {}
        for name, h in self.schema.hierarchies.items():
            rule = self.schema.columns[h.source]
            values = df[h.source] if h.source in df.columns else pd.Series(None, index=df.index,
                                                                            dtype=object)
            if rule.action == "shift":
                values = self.shift(values, ids, rule.precision)
            elif rule.allowed:  # a coded column: a value outside its list is released as "other"
                values = _coded(values, rule.allowed)
            base[name] = values.astype(object)
            for spec in h.levels:
                fb = spec.get("fallback_column")
                if fb:
                    base[f"_fb_{name}"] = (df[fb] if fb in df.columns
                                           else pd.Series(None, index=df.index, dtype=object))
        return pd.DataFrame(base, index=df.index)

    def _qi_at(self, base: pd.DataFrame, levels: dict, columns: tuple, cache: dict | None = None):
        cache = {} if cache is None else cache
        out = {}
        for rule in self.schema.columns.values():
            if rule.output not in columns:
                continue
            h = self.schema.hierarchies[rule.hierarchy]
            level = min(max(levels.get(h.name, 0), rule.base_level), len(h.levels) - 1)
            if (h.name, level) not in cache:
                cache[(h.name, level)] = generalise_values(base[h.name], h.levels[level],
                                                           base.get(f"_fb_{h.name}"))
            out[rule.output] = cache[(h.name, level)]
        return pd.DataFrame(out, index=base.index, columns=list(columns))

    # --- prepare (row by row), plan (all rows), generalise (chunk by chunk) ------------------------
    def prepare(self, chunk: pd.DataFrame) -> pd.DataFrame:
        """The row-level part of the release: ids pseudonymised, dates shifted, ages banded,
        coded columns checked, unknown and dropped columns left out, quasi-identifiers at their
        narrowest level. Needs the raw review ids (date offsets); its output holds none.

        Columns come in schema order, then mapped free-text columns (text is passed through: the
        caller de-identifies it). Internal ``_`` columns are left out.
        """
        ids = chunk[self.schema.id_column]
        columns = self.qi_columns(chunk.columns)
        qi = self._qi_at(self._base(chunk), {}, columns)
        if self.carried_scoped and len(qi):
            again = pd.Series(False, index=ids.index)
            for scope, gone in self.carried_scoped.items():
                again |= self.pseudonymise(ids, scope).isin(gone)
            if again.any():
                qi = qi.copy()
                qi.loc[again.to_numpy(), list(columns)] = SUPPRESSED
        out: dict[str, pd.Series] = {}
        present = set(chunk.columns)
        for rule in self.schema.columns.values():
            if rule.name not in present or rule.action == "drop":
                continue
            col = chunk[rule.name]
            if rule.output in columns:
                out[rule.output] = qi[rule.output]
            elif rule.action == "pseudonymise":
                out[rule.output] = self.pseudonymise(col)
            elif rule.action == "shift":
                out[rule.output] = self.shift(col, ids, rule.precision)
            elif rule.action == "generalise":  # a hierarchy column outside the plan (not a QI here)
                h = self.schema.hierarchies[rule.hierarchy]
                out[rule.output] = generalise_values(col, h.levels[min(rule.base_level,
                                                                       len(h.levels) - 1)])
            elif rule.action == "keep" and rule.allowed:
                out[rule.output] = _coded(col, rule.allowed)
            else:  # keep, deidentify_text (already de-identified)
                out[rule.output] = col
        for c in chunk.columns:
            if c not in self.schema.columns and c in self.free_text:
                out[str(c)] = chunk[c]
        return pd.DataFrame(out, index=chunk.index)

    def _prepared_base(self, prepared: pd.DataFrame) -> pd.DataFrame:
        """Each hierarchy's input read back from prepared columns (level 0 is idempotent)."""
        base = {}
        for name, h in self.schema.hierarchies.items():
            rules = sorted((r for r in self.schema.columns.values()
                            if r.hierarchy == name and r.output in prepared.columns),
                           key=lambda r: r.base_level)
            base[name] = (prepared[rules[0].output].astype(object) if rules
                          else pd.Series(None, index=prepared.index, dtype=object))
            for spec in h.levels:
                fb = spec.get("fallback_column")
                if fb:
                    out = self.schema.columns[fb].output if fb in self.schema.columns else fb
                    base[f"_fb_{name}"] = (prepared[out] if out in prepared.columns
                                           else pd.Series(None, index=prepared.index, dtype=object))
        return pd.DataFrame(base, index=prepared.index)

    def plan_prepared(self, prepared: pd.DataFrame, k: int = 5,
                      max_suppressed_share: float = 0.05, search: str = "auto") -> ReleasePlan:
        """Choose hierarchy levels (and suppressed combinations) from the prepared
        quasi-identifier columns of **all** rows (only those columns are read: small).
        ``search``: ``auto``, ``exhaustive`` or ``greedy`` (see :func:`plan_release`)."""
        columns = tuple(c for c in self.released_qi_names() if c in prepared.columns)
        base = self._prepared_base(prepared)
        cache: dict = {}
        hier = {r.hierarchy: self.schema.hierarchies[r.hierarchy]
                for r in self.schema.columns.values() if r.output in columns}
        order = tuple(h for h in self.schema.hierarchies if h in hier)
        codes: dict = {}
        rules = [r for r in self.schema.columns.values() if r.output in columns]

        def level_of(r, levels):
            h = self.schema.hierarchies[r.hierarchy]
            return h.name, min(max(levels.get(h.name, 0), r.base_level), len(h.levels) - 1)

        def codes_at(levels):
            out = []
            for r in rules:
                hl = level_of(r, levels)
                if hl not in codes:
                    frame = self._qi_at(base, levels, (r.output,), cache)
                    codes[hl] = factorize(frame[r.output])
                out.append(codes[hl])
            return out

        stars: dict = {}

        def exempt_at(levels):
            mask = np.ones(len(prepared), dtype=bool) if rules else np.zeros(len(prepared), dtype=bool)
            for r in rules:
                hl = level_of(r, levels)
                if hl not in stars:
                    stars[hl] = (self._qi_at(base, levels, (r.output,), cache)[r.output]
                                 == SUPPRESSED).to_numpy()
                mask &= stars[hl]
            return mask

        return plan_release(lambda lv: self._qi_at(base, lv, columns, cache), hier, len(prepared),
                            k=k, max_suppressed_share=max_suppressed_share, order=order,
                            codes_at=codes_at, exempt_at=exempt_at, search=search,
                            floor={h: v for h, v in self.floor.items() if h in hier},
                            split=self._text_sex(base))

    def _text_sex(self, base: pd.DataFrame):
        """Per record, the sex the text gives back through its pronouns (``0`` female, ``1``
        male, ``-1`` other or unknown), read from the ``sex`` hierarchy's level-0 values; ``None``
        when the schema has no ``sex`` hierarchy. The suppressed records must be ``k`` or more
        within each (attacker 5's F11: 4 suppressed women whose learning points say "she")."""
        if "sex" not in base.columns:
            return None
        values = base["sex"].astype(object)
        return np.array([0 if v == "female" else 1 if v == "male" else -1 for v in values])

    def generalise(self, prepared: pd.DataFrame, plan: ReleasePlan) -> pd.DataFrame:
        """``prepared`` with its quasi-identifiers at the plan's levels, suppressed combinations
        masked (``*``). Any chunk, in any order: the result depends only on the row and the plan."""
        columns = tuple(c for c in plan.columns if c in prepared.columns)
        if not columns:
            return prepared
        qi = plan.suppress(self._qi_at(self._prepared_base(prepared), plan.levels, columns))
        out = prepared.copy()
        for c in columns:
            out[c] = qi[c]
        return out

    def plan(self, df: pd.DataFrame, k: int = 5, max_suppressed_share: float = 0.05,
             search: str = "auto") -> ReleasePlan:
        """:meth:`prepare` then :meth:`plan_prepared`, for a frame of **all** rows (only the id and
        quasi-identifier columns are needed)."""
        return self.plan_prepared(self.prepare(df), k=k, max_suppressed_share=max_suppressed_share,
                                  search=search)

    def transform(self, chunk: pd.DataFrame, plan: ReleasePlan) -> pd.DataFrame:
        """The released form of ``chunk``: :meth:`prepare` then :meth:`generalise`."""
        return self.generalise(self.prepare(chunk), plan)

    def measure(self, released: pd.DataFrame, k: int = 5) -> dict:
        """k-anonymity and l-diversity of a released frame (all of it), on its QI columns."""
        qi_cols = [c for c in released.columns if c in set(self.released_qi_names())]
        sens = [r.output for r in self.schema.columns.values()
                if r.name in self.schema.sensitive and r.output in released.columns]
        return measure_risk(released[qi_cols], k,
                            sensitive=released[sens[0]] if sens else None)

    def released_qi_names(self) -> tuple:
        """Every output name a quasi-identifier may be released under."""
        return tuple(r.output for r in self.schema.columns.values() if r.hierarchy)


def free_text_columns(mapping) -> list[str]:
    """Local columns that a mapping marks as free text (``"Learning Points": free_text``)."""
    if mapping is None:
        return []
    if not isinstance(mapping, dict):
        import yaml

        path = os.fspath(mapping)
        try:
            with open(path, encoding="utf-8-sig") as fh:
                mapping = yaml.safe_load(fh) or {}
        except (OSError, yaml.YAMLError):
            return []
    return [str(k).replace("\ufeff", "").strip() for k, v in (mapping or {}).items()
            if isinstance(v, str) and v.strip().lower() == "free_text"]


__all__ = ["Release", "free_text_columns"]
