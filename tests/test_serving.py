"""`mlflow models serve` answers /invocations with the same rows as predict(), also under 50 concurrent requests."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from model import predict
from training.experiment import Experiment
from training.tracking import CHAMPION, REGISTERED_MODEL, connect
from training.train import run_experiment

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ARTICLES = {
    "talks": (ROOT / "data" / "examples" / "ceasefire_talks.txt").read_text(encoding="utf-8"),
    "short": "“We will not sign anything under fire,” the defence minister said. "
             "A mediator said the sides were “closer than at any time this year”.",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def registered(small_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-store")
    uri = f"sqlite:///{folder}/mlflow.db"
    previous = os.getcwd()
    os.chdir(folder)
    try:
        connect(uri)
        result = run_experiment(Experiment.from_yaml(ROOT / "experiments" / "tfidf_logreg.yaml"), small_data,
                                polnear_dir=None, attribution=False)
    finally:
        os.chdir(previous)
    assert result.champion
    return uri, folder


def test_served_model_answers_with_the_rows_predict_gives(registered):
    uri, folder = registered
    port = free_port()
    env = {**os.environ, "MLFLOW_TRACKING_URI": uri, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    server = subprocess.Popen(
        [str(BIN / "mlflow"), "models", "serve", "-m", f"models:/{REGISTERED_MODEL}@{CHAMPION}", "--env-manager", "local",
         "-h", "127.0.0.1", "-p", str(port)],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        def post(articles: dict) -> list[dict]:
            body = {"dataframe_split": {"columns": ["doc_id", "text"], "data": [[k, v] for k, v in articles.items()]}}
            request = urllib.request.Request(f"http://127.0.0.1:{port}/invocations", data=json.dumps(body).encode(),
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=300) as answer:
                return json.loads(answer.read())["predictions"]

        rows = post(ARTICLES)
        # 50 requests at once: every one answered, all alike.
        with ThreadPoolExecutor(max_workers=50) as pool:
            answers = list(pool.map(lambda i: post({f"req{i}": ARTICLES["short"]}), range(50)))
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the workers it started
        server.wait(timeout=30)

    connect(uri)
    expected = [(doc_id, q.start, q.end, q.text, q.speaker, q.stance)
                for doc_id, text in ARTICLES.items() for q in predict(text, model_uri=f"models:/{REGISTERED_MODEL}@{CHAMPION}")]
    assert [(r["doc_id"], r["start"], r["end"], r["quote"], r["speaker"], r["stance"]) for r in rows] == expected
    assert all(abs(r["p_optimistic"] + r["p_sceptical"] + r["p_hostile"] - 1) < 1e-6 for r in rows)
    short = [(r["start"], r["quote"], r["stance"]) for r in rows if r["doc_id"] == "short"]
    assert [[(r["start"], r["quote"], r["stance"]) for r in answer] for answer in answers] == [short] * 50
