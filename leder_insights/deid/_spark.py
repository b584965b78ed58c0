"""Run the same Deidentifier on PySpark through ``mapInPandas``.

Each executor Python worker builds one :class:`Deidentifier` (cached per process) and
de-identifies its batches with ``deidentify_frame``; rows that fail are returned with their text
columns emptied and ``_deid_status`` set to the reason, so nothing raw leaves and nothing is lost.
On the same input the de-identified rows equal a local run (same key, profile and config).

>>> out = deidentify_spark(spark_df, text_columns=["pen_portrait"], key=key)   # doctest: +SKIP
>>> out.filter("_deid_status = 'ok'").count()                                  # doctest: +SKIP

Notes for a Databricks-style cluster: install this package and the spaCy model wheel on every
node (cluster libraries), pass the key from a secret scope (``dbutils.secrets.get``) — never a
notebook literal — and size partitions to a few thousand reviews (``df.repartition(n)``).
"""
from __future__ import annotations

import json
import os
from typing import Iterator, Sequence

import pandas as pd

STATUS_COLUMN = "_deid_status"
AUDIT_COLUMN = "_deid_audit"
SPANS_COLUMN = "_deid_spans"
_CACHE: dict = {}


def _worker_deidentifier(profile: str, key: bytes | None, config_json: str | None):
    from ..config import Config
    from . import Deidentifier

    cache_key = (profile, key, config_json)
    if cache_key not in _CACHE:
        cfg = Config.model_validate_json(config_json) if config_json else None
        _CACHE.clear()
        _CACHE[cache_key] = Deidentifier(profile=profile, key=key, config=cfg)
    return _CACHE[cache_key]


def _deid_batches(batches: Iterator[pd.DataFrame], text_columns: Sequence[str], id_column: str,
                  profile: str, key: bytes | None, config_json: str | None) -> Iterator[pd.DataFrame]:
    deid = _worker_deidentifier(profile, key, config_json)
    for pdf in batches:
        df_out, audit, quarantine, spans = deid.deidentify_frame(
            pdf, text_columns=list(text_columns), id_column=id_column, n_process=1,
            return_spans=True)
        audit_by_id = {rec[id_column]: json.dumps(rec, sort_keys=True, default=str)
                       for rec in audit.to_dict("records")} if len(audit) else {}
        df_out = df_out[list(pdf.columns)].copy()
        df_out[STATUS_COLUMN] = "ok"
        df_out[AUDIT_COLUMN] = df_out[id_column].map(audit_by_id)
        df_out[SPANS_COLUMN] = df_out[id_column].map(lambda rid: json.dumps(
            {col: [list(s) for s in spans.get((rid, col), ())] for col in text_columns}))  # noqa: B023 (used at once)
        if len(quarantine):
            failed = pdf[pdf[id_column].isin(quarantine[id_column])].copy()
            reasons = quarantine.set_index(id_column)["reason"].astype(str)
            for col in text_columns:
                failed[col] = None
            failed[STATUS_COLUMN] = failed[id_column].map(lambda i: f"quarantined: {reasons.get(i)}")  # noqa: B023
            failed[AUDIT_COLUMN] = None
            failed[SPANS_COLUMN] = None
            df_out = pd.concat([df_out, failed], ignore_index=True)
        yield df_out


def deidentify_spark(sdf, text_columns: Sequence[str], id_column: str = "review_id",
                     profile: str = "national", key: bytes | None = None, config=None):
    """De-identify a Spark DataFrame.

    Returns a new DataFrame with the same columns (text columns de-identified) plus
    ``_deid_status`` (``ok`` or ``quarantined: reason``; quarantined rows have empty text),
    ``_deid_audit`` (the per-review audit record as JSON, no raw identifiers) and ``_deid_spans``
    (JSON offsets of replacements in the output, for the residual-risk gate).
    """
    from pyspark.sql.types import StringType, StructField, StructType

    from ..errors import Errors, InputError

    if id_column not in sdf.columns:
        raise InputError(Errors.E104, path="Spark DataFrame", columns=", ".join(sdf.columns))
    missing = [c for c in text_columns if c not in sdf.columns]
    if missing:
        raise InputError(Errors.E603, columns=", ".join(missing), available=", ".join(sdf.columns))
    extra = [StructField(STATUS_COLUMN, StringType(), False), StructField(AUDIT_COLUMN, StringType(), True),
             StructField(SPANS_COLUMN, StringType(), True)]
    schema = StructType(list(sdf.schema.fields) + extra)
    config_json = config.model_dump_json() if config is not None else None
    cols, idc = list(text_columns), id_column

    def fn(batches):
        yield from _deid_batches(batches, cols, idc, profile, key, config_json)

    return sdf.mapInPandas(fn, schema=schema)


class SparkDeidentifier:
    """Adapter giving Spark the local ``deidentify_frame`` signature (used by ``submit --engine spark``).

    The pandas chunk is distributed over a Spark session, de-identified by executors with
    :func:`deidentify_spark`, and collected back in input order.
    """

    def __init__(self, profile: str = "national", key: bytes | None = None, config=None,
                 spark=None, partitions: int = 2):
        from . import Deidentifier

        self.profile, self.config, self.partitions = profile, config, partitions
        self._key = key
        self._spark = spark
        self._local = Deidentifier(profile=profile, key=key, config=config)

    def __repr__(self) -> str:
        return f"SparkDeidentifier(profile={self.profile!r})"

    @property
    def model_info(self) -> dict:
        return {**self._local.model_info, "engine": "spark"}

    def deidentify_frame(self, df: pd.DataFrame, text_columns, id_column="review_id", n_process=None,
                         return_spans=False):
        spark = self._spark or spark_session()
        text_columns = list(text_columns)
        pdf = df.reset_index(drop=True).copy()
        pdf["_order"] = range(len(pdf))
        for col in text_columns:
            pdf[col] = pdf[col].astype("object").where(pdf[col].notna(), None)
        sdf = spark.createDataFrame(pdf).repartition(self.partitions)
        out = deidentify_spark(sdf, text_columns, id_column, self.profile, self._key,
                               self.config).toPandas().sort_values("_order").reset_index(drop=True)
        ok = out[out[STATUS_COLUMN] == "ok"]
        bad = out[out[STATUS_COLUMN] != "ok"]
        df_out = ok[list(df.columns)].reset_index(drop=True)
        df_out = df_out.astype({c: df[c].dtype for c in df.columns if c not in text_columns},
                               errors="ignore")
        audit = pd.DataFrame([json.loads(a) for a in ok[AUDIT_COLUMN] if isinstance(a, str)])
        quarantine = pd.DataFrame({
            id_column: bad[id_column].tolist(),
            "_row": bad["_row"].tolist() if "_row" in bad else [None] * len(bad),
            "reason_code": "E304",
            "reason": [s.split(": ", 1)[-1] for s in bad[STATUS_COLUMN]]})
        if not return_spans:
            return df_out, audit, quarantine
        spans = {}
        for rid, blob in zip(ok[id_column], ok[SPANS_COLUMN]):
            for col, lst in json.loads(blob).items():
                spans[(rid, col)] = [tuple(x) for x in lst]
        return df_out, audit, quarantine, spans


def spark_session(app_name: str = "leder-insights", master: str = "local[2]"):
    """A local Spark session configured for this machine (loopback only)."""
    import sys

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(master).appName(app_name)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate())


__all__ = ["deidentify_spark", "spark_session", "SparkDeidentifier", "STATUS_COLUMN", "AUDIT_COLUMN",
           "SPANS_COLUMN"]
