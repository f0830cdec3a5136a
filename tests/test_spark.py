"""Scale-out: the MLflow model as a Spark UDF in local mode gives predict()'s rows (test group `spark`)."""

import os
import sys
from pathlib import Path

import pytest

from model import predict
from training.experiment import Experiment
from training.tracking import REGISTERED_MODEL, connect
from training.train import run_experiment

pyspark = pytest.importorskip("pyspark", reason="install the dev extra: pip install -e '.[dev]'")
pytestmark = pytest.mark.spark

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    ("talks", (ROOT / "data" / "examples" / "ceasefire_talks.txt").read_text(encoding="utf-8")),
    ("short", "“We will not sign anything under fire,” the defence minister said."),
    ("none", "The talks were postponed until Thursday."),
]


@pytest.fixture(scope="module")
def model_uri(small_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark-store")
    previous = os.getcwd()
    os.chdir(folder)
    try:
        connect(f"sqlite:///{folder}/mlflow.db")
        run_experiment(Experiment.from_yaml(ROOT / "experiments" / "tfidf_logreg.yaml"), small_data, polnear_dir=None,
                       attribution=False)
    finally:
        os.chdir(previous)
    return f"models:/{REGISTERED_MODEL}/1"


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers run this venv's Python
    session = (SparkSession.builder.master("local[2]").appName("negotiation-stance-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    yield session
    session.stop()


def test_spark_udf_rows_equal_predict(spark, model_uri):
    from model.spark import score_articles

    articles = spark.createDataFrame(ARTICLES, ["doc_id", "text"])
    rows = [r.asDict() for r in score_articles(articles, model_uri).collect()]
    expected = [(doc_id, q.start, q.end, q.text, q.speaker, q.stance)
                for doc_id, text in ARTICLES for q in predict(text, model_uri=model_uri)]
    got = sorted((r["doc_id"], r["start"], r["end"], r["quote"], r["speaker"], r["stance"]) for r in rows)
    assert got == sorted(expected)
    assert len(expected) >= 10 and "none" not in {r["doc_id"] for r in rows}
