"""Score a Spark DataFrame of articles with the MLflow model, on a laptop or a cluster.

    from pyspark.sql import SparkSession
    from model.spark import score_articles

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    articles = spark.read.json("articles.jsonl")          # doc_id, text
    quotes = score_articles(articles, "models:/negotiation-stance@champion")
    quotes.write.parquet("quotes.parquet")

`mlflow.pyfunc.spark_udf` returns exactly one value per input row, so the
model answers with each article's quotes as one JSON array
(`output="per_article"`), which is parsed and exploded here into one row per
quote, with the same columns as the pyfunc model's rows.
"""

from __future__ import annotations

from .stance import LABELS

#: The Spark type of one article's quotes.
QUOTES_SCHEMA = (
    "array<struct<doc_id:string,start:long,end:long,quote:string,speaker:string,speaker_mention:string,"
    "stance:string,confidence:double," + ",".join(f"p_{label}:double" for label in LABELS)
    + ",on_topic:double,speaker_id:string,speaker_name:string>>"  # identities within each batch Spark hands the model
)


def score_articles(articles, model_uri: str, env_manager: str = "local"):
    """One row per quote for a Spark DataFrame with `doc_id` and `text` columns.

    `env_manager="local"` uses the Python environment Spark's workers already
    have (the project installed); no environment is downloaded.
    """
    import mlflow.pyfunc
    from pyspark.sql import functions as F

    udf = mlflow.pyfunc.spark_udf(
        articles.sparkSession, model_uri, result_type="string", env_manager=env_manager, params={"output": "per_article"}
    )
    inputs = F.struct(F.col("doc_id").cast("string").alias("doc_id"), F.col("text").alias("text"))
    parsed = articles.select(F.from_json(udf(inputs), QUOTES_SCHEMA).alias("quotes"))
    return parsed.select(F.explode("quotes").alias("q")).select("q.*")
