"""Training runs side by side, as real processes: against one SQLite file, against one `mlflow server`,
and a sweep's points in parallel workers. Every round starts from a fresh store; CI runs three rounds."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mlflow.tracking import MlflowClient

from training.stance_data import SPLITS
from training.tracking import CHAMPION, MLFLOW_EXPERIMENT, REGISTERED_MODEL, SCORE_TAG, SELECTION_METRIC

pytestmark = pytest.mark.concurrency

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = range(3)
#: Four TF-IDF baselines that differ only in regularisation, so their validation scores differ.
C_VALUES = (0.05, 0.5, 5.0, 50.0)
TIMEOUT_S = 600


def environment() -> dict[str, str]:
    """This checkout's code first; the venv's bin on PATH (`mlflow server` starts its workers from there);
    one thread per process, as four processes share the CPUs."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
            "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
            "MLFLOW_HTTP_REQUEST_TIMEOUT": "120"}  # a busy CI machine can take longer than train's 10 s default


def experiment_files(folder: Path) -> list[Path]:
    files = []
    for c in C_VALUES:
        path = folder / f"tfidf_c{c}.yaml"
        path.write_text(f"name: tfidf-c{c}\nencoder: tfidf\ninput_mode: quote+context\nhead: {{C: {c}, class_weight: balanced}}\n"
                        "calibration: temperature\nseed: 13\n")
        files.append(path)
    return files


def run_together(commands: list[list[str]], folder: Path) -> None:
    """Start every command at once and wait for all; on a failure, show what each printed."""
    logs = [folder / f"process-{i}.log" for i in range(len(commands))]
    processes = []
    for command, log in zip(commands, logs):
        with open(log, "w") as handle:
            processes.append(subprocess.Popen(command, cwd=folder, env=environment(), stdout=handle, stderr=subprocess.STDOUT))
    deadline = time.time() + TIMEOUT_S
    codes = []
    for process in processes:
        try:
            codes.append(process.wait(timeout=max(1.0, deadline - time.time())))
        except subprocess.TimeoutExpired:
            process.kill()
            codes.append("timeout")
    if any(code != 0 for code in codes):
        shown = "\n".join(f"--- process {i} exited {code}:\n{log.read_text()[-3000:]}" for i, (code, log) in enumerate(zip(codes, logs)))
        pytest.fail(f"not every process succeeded: {codes}\n{shown}")


def train_command(experiment: Path, uri: str, data: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "training.train", str(experiment), "--data", str(data), "--tracking-uri", uri,
            "--polnear", str(folder / "no-polnear"), "--no-attribution"]


def check_store(uri: str, runs_expected: int) -> None:
    """All runs FINISHED with their datasets; one champion, and it has the best score."""
    client = MlflowClient(uri, uri)
    experiment = client.get_experiment_by_name(MLFLOW_EXPERIMENT)
    runs = client.search_runs([experiment.experiment_id])
    assert len(runs) == runs_expected
    assert [r.info.status for r in runs] == ["FINISHED"] * runs_expected
    for run in runs:
        assert sorted(i.tags[0].value for i in run.inputs.dataset_inputs) == sorted(SPLITS), run.info.run_name
    versions = client.search_model_versions(f"name='{REGISTERED_MODEL}'")
    assert len(versions) == runs_expected
    assert {v.run_id for v in versions} == {r.info.run_id for r in runs}
    aliases = client.get_registered_model(REGISTERED_MODEL).aliases
    assert list(aliases) == [CHAMPION]
    champion = client.get_model_version(REGISTERED_MODEL, aliases[CHAMPION])
    scores = {r.info.run_id: r.data.metrics[SELECTION_METRIC] for r in runs}
    assert scores[champion.run_id] == max(scores.values()), (champion.version, scores)
    assert all(float(v.tags[SCORE_TAG]) == scores[v.run_id] for v in versions)
    claimed = [r for r in runs if r.data.tags.get("champion_at_registration") == "true"]
    assert any(r.info.run_id == champion.run_id for r in claimed)


@pytest.mark.parametrize("round", ROUNDS)
def test_four_runs_at_once_on_a_fresh_sqlite_store(round, tmp_path, small_data):
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    run_together([train_command(path, uri, small_data, tmp_path) for path in experiment_files(tmp_path)], tmp_path)
    check_store(uri, len(C_VALUES))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """`mlflow server` on a free port of 127.0.0.1, with a fresh SQLite store behind it; stopped at the end."""
    port = free_port()
    log = open(tmp_path / "server.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
         "--backend-store-uri", f"sqlite:///{tmp_path}/server.db", "--artifacts-destination", str(tmp_path / "artifacts")],
        cwd=tmp_path, env=environment(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    uri = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{uri}/health", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.time() > deadline:
                pytest.fail(f"mlflow server did not start:\n{(tmp_path / 'server.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield uri
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


@pytest.mark.parametrize("round", ROUNDS)
def test_four_runs_at_once_against_one_tracking_server(round, server, tmp_path, small_data):
    run_together([train_command(path, server, small_data, tmp_path) for path in experiment_files(tmp_path)], tmp_path)
    check_store(server, len(C_VALUES))


def sweep_metrics(uri: str) -> dict[str, dict[str, float]]:
    """Each child run's metrics by run name, without the timings."""
    client = MlflowClient(uri, uri)
    experiment = client.get_experiment_by_name(MLFLOW_EXPERIMENT)
    children = client.search_runs([experiment.experiment_id], "tags.mlflow.parentRunId != ''")
    assert [r.info.status for r in children] == ["FINISHED"] * len(children)
    timings = {"train_seconds", "encode_texts_per_s"}
    return {r.info.run_name: {k: v for k, v in r.data.metrics.items() if k not in timings} for r in children}


@pytest.mark.parametrize("round", ROUNDS)
def test_a_sweep_with_two_workers_gives_what_one_worker_gives(round, tmp_path, small_data):
    sweep = tmp_path / "grid.yaml"
    base = ROOT / "experiments" / "tfidf_logreg.yaml"
    sweep.write_text(f"base: {base}\ngrid:\n  C: [0.5, 2.0, 10.0]\n")
    results = {}
    for workers in (1, 2):
        uri = f"sqlite:///{tmp_path}/sweep-{workers}.db"
        run_together([[sys.executable, "-m", "training.sweep", str(sweep), "--workers", str(workers), "--data", str(small_data),
                       "--tracking-uri", uri, "--no-attribution"]], tmp_path)
        results[workers] = sweep_metrics(uri)
        client = MlflowClient(uri, uri)
        experiment = client.get_experiment_by_name(MLFLOW_EXPERIMENT)
        parents = client.search_runs([experiment.experiment_id], "tags.sweep = 'grid'")
        assert len(parents) == 1 and parents[0].info.status == "FINISHED"
        children = client.search_runs([experiment.experiment_id], f"tags.mlflow.parentRunId = '{parents[0].info.run_id}'")
        assert len(children) == 3
    assert len(results[1]) == 3
    assert results[2] == results[1]


class FakeRegistry:
    """Just enough of MlflowClient for `promote_if_better`, with writes we can delay: a store without a lock."""

    _registry_uri = "http://registry.invalid"  # not a local file: no lock, the re-check rounds alone

    def __init__(self, scores: dict[str, float], champion: str | None = None):
        from types import SimpleNamespace

        self.versions = {v: SimpleNamespace(version=v, run_id=f"run-{v}", tags={}, creation_timestamp=1_000 + int(v)) for v in scores}
        self.scores = scores
        self.alias = champion
        self.on_set = None  # called after every alias write, to let a "concurrent" writer in

    def get_model_version_by_alias(self, name, alias):
        from mlflow.exceptions import MlflowException

        if self.alias is None:
            raise MlflowException("no alias", error_code="RESOURCE_DOES_NOT_EXIST")
        return self.versions[self.alias]

    def get_run(self, run_id):
        from types import SimpleNamespace

        return SimpleNamespace(data=SimpleNamespace(metrics={SELECTION_METRIC: self.scores[run_id.removeprefix("run-")]}))

    def get_model_version(self, name, version):
        return self.versions[str(version)]

    def search_model_versions(self, filter_string):
        return list(self.versions.values())

    def set_model_version_tag(self, name, version, key, value):
        self.versions[str(version)].tags[key] = value

    def set_registered_model_alias(self, name, alias, version):
        self.alias = str(version)
        if self.on_set:
            hook, self.on_set = self.on_set, None
            hook()


def test_a_late_write_of_a_worse_run_is_undone_by_its_own_recheck():
    from training.tracking import promote_if_better

    registry = FakeRegistry({"1": 0.50, "2": 0.70, "3": 0.60}, champion="1")
    assert promote_if_better(registry, "2", 0.70)  # the best run takes the alias and returns
    registry.alias = "3"  # run 3 read the old champion long ago; its write lands only now
    assert not promote_if_better(registry, "3", 0.60)  # its re-check finds run 2 and gives the alias back
    assert registry.alias == "2"


def test_interleaved_promotions_end_on_the_best():
    from training.tracking import promote_if_better

    registry = FakeRegistry({"1": 0.50, "2": 0.60, "3": 0.70, "4": 0.55}, champion="1")
    # Run 2 writes; before it re-reads, run 3 announces itself and promotes; then run 4 (worse) comes.
    registry.on_set = lambda: promote_if_better(registry, "3", 0.70)
    assert not promote_if_better(registry, "2", 0.60)
    assert not promote_if_better(registry, "4", 0.55)
    assert registry.alias == "3"
    # A tie with the champion does not move it (strictly better only), and a worse champion-to-be never gets it.
    registry.versions["5"] = type(registry.versions["1"])(version="5", run_id="run-5", tags={}, creation_timestamp=1_005)
    registry.scores["5"] = 0.70
    assert not promote_if_better(registry, "5", 0.70) and registry.alias == "3"
