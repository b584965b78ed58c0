"""The same Deidentifier on PySpark (local[2]) gives the same output as the local run."""
import shutil

import pandas as pd
import pytest

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="PySpark is in the dev extras; install with `make test`")
    if shutil.which("java") is None:
        pytest.fail("Java is required for the Spark test (.ci/run installs openjdk-17-jre-headless)")
    from leder_insights.deid._spark import spark_session

    session = spark_session()
    yield session
    session.stop()


def test_spark_output_equals_local_run(spark):
    from leder_insights.corpus import synthesize
    from leder_insights.deid import Deidentifier
    from leder_insights.deid._spark import SparkDeidentifier
    from leder_insights.schema import FREE_TEXT_COLUMNS

    df = synthesize(n_reviews=8, seed=99).reviews
    cols = list(FREE_TEXT_COLUMNS)
    key = b"0123456789abcdef0123456789abcdef"
    local_out, local_audit, local_quar = Deidentifier(profile="national", key=key).deidentify_frame(
        df, text_columns=cols, id_column="review_id", n_process=1)
    spark_out, spark_audit, spark_quar = SparkDeidentifier(
        profile="national", key=key, spark=spark).deidentify_frame(df, text_columns=cols,
                                                                    id_column="review_id")
    assert len(spark_out) + len(spark_quar) == len(df)
    pd.testing.assert_frame_equal(local_out[cols].reset_index(drop=True),
                                  spark_out[cols].reset_index(drop=True))
    assert list(local_out["review_id"]) == list(spark_out["review_id"])
    assert len(spark_audit) == len(local_audit)
