"""The MLflow side of training: one store, safe when runs race, and a champion alias that ends on the best.

Any number of runs may train side by side against one store (a SQLite file or
an `mlflow server`): creating the store, the experiment, the dataset inputs
and the registration are safe under races (`store_lock`, `retry_on_conflict`),
and moving the champion alias is a compare-and-set (`promote_if_better`).
"""

from __future__ import annotations

import contextlib
import os
import random
import threading
import time
import warnings
from pathlib import Path

from model.predict import DEFAULT_TRACKING_URI

REGISTERED_MODEL = "negotiation-stance"
MLFLOW_EXPERIMENT = "negotiation-stance"
CHAMPION = "champion"
#: The metric a run must beat to take the champion alias: see `train.selection_score`.
SELECTION_METRIC = "selection_score"


class TrackingError(RuntimeError):
    """The MLflow tracking store cannot be reached."""




def tracking_uri(explicit: str | None = None) -> str:
    """The tracking URI: explicit, else $MLFLOW_TRACKING_URI, else a SQLite store in the current folder."""
    return explicit or os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI


def local_store_file(uri: str | None) -> Path | None:
    """The database file of a `sqlite:///…` URI (None for a server or any other store)."""
    if not uri or not uri.startswith("sqlite:///"):
        return None
    path = uri[len("sqlite:///"):].split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path).resolve()


@contextlib.contextmanager
def store_lock(uri: str | None = None):
    """Hold an exclusive lock on a local SQLite store while a racy step runs; a no-op for a server.

    The lock is `fcntl.flock` on `<db>.lock` beside the database, so it serialises the processes of one
    machine (a SQLite file is only ever shared on one machine) and is released when a holder dies.
    """
    database = local_store_file(uri if uri is not None else _current_uri())
    held = (database, threading.get_ident())
    if database is None or held in _HELD_LOCKS:  # a server, or this thread holds it already
        yield
        return
    import fcntl

    database.parent.mkdir(parents=True, exist_ok=True)
    with open(database.with_name(database.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _HELD_LOCKS.add(held)
        try:
            yield
        finally:
            _HELD_LOCKS.discard(held)
            fcntl.flock(handle, fcntl.LOCK_UN)


_HELD_LOCKS: set[tuple[Path, int]] = set()


def _current_uri() -> str:
    import mlflow

    return mlflow.get_tracking_uri()


#: What a store says when two writers created the same row at once, or one waited too long for the other.
CONFLICT_SIGNS = ("unique constraint", "integrityerror", "duplicate entry", "duplicate key", "already exists",
                  "database is locked", "deadlock")


def is_conflict(error: BaseException) -> bool:
    """Whether `error` is a store's answer to a race that trying again resolves."""
    from mlflow.exceptions import MlflowException

    if isinstance(error, MlflowException) and error.error_code in ("RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS"):
        return True
    text = f"{type(error).__name__}: {error}".lower()
    return any(sign in text for sign in CONFLICT_SIGNS)


def retry_on_conflict(action, attempts: int = 8, first_delay: float = 0.1):
    """`action()`, tried again (with jittered, doubling pauses) while the store answers with a race."""
    delay = first_delay
    for attempt in range(attempts):
        try:
            return action()
        except Exception as error:
            if attempt == attempts - 1 or not is_conflict(error):
                raise
        time.sleep(delay * random.uniform(0.5, 1.5))
        delay = min(delay * 2, 5.0)


def connect(uri: str):
    """Point MLflow at `uri` and check it answers, so a bad URI fails before any work is done.

    A fresh SQLite file gets its tables here, under `store_lock`, so processes that start together
    do not all try to create them at once."""
    import mlflow
    from mlflow.tracking import MlflowClient

    if uri.startswith("http"):
        os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
        os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "10")
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    try:
        with store_lock(uri):
            client = MlflowClient(uri, uri)
            client.search_experiments(max_results=1)
            if local_store_file(uri) is not None:
                client.search_registered_models(max_results=1)  # the registry's tables too
    except Exception as error:  # connection refused, bad scheme, unreadable file: all mean "cannot track"
        raise TrackingError(f"cannot reach the MLflow tracking store at {uri!r}: {error}") from error
    return client


def set_experiment(name: str = MLFLOW_EXPERIMENT):
    """Make `name` the active experiment, creating it if need be; safe when several processes create it at once.

    (`mlflow.set_experiment` alone is not: the process that loses the creation race gets the experiment
    back but does not make it active, so its run lands in the Default experiment.)"""
    import mlflow
    from mlflow.exceptions import MlflowException

    client = mlflow.tracking.MlflowClient()

    def create_or_get():
        experiment = client.get_experiment_by_name(name)
        if experiment is None:
            try:
                client.create_experiment(name)
            except MlflowException as error:
                if not is_conflict(error):
                    raise
            experiment = client.get_experiment_by_name(name)
        if experiment is None:
            raise MlflowException(f"experiment {name!r} was created but cannot be read back", error_code="RESOURCE_ALREADY_EXISTS")
        return experiment

    with store_lock():
        experiment = retry_on_conflict(create_or_get)
    return mlflow.set_experiment(experiment_id=experiment.experiment_id)


def champion_score(client) -> float | None:
    """The selection metric of the run behind the `champion` alias (None: no champion yet)."""
    return _champion(client)[1]


#: The model-version tag a contender for the alias writes its selection score to.
SCORE_TAG = "selection_score"
#: Contenders registered this long before a run still count as its rivals (server clock).
CONTEST_WINDOW_S = 600
#: Rounds of read, compare, set before a promotion gives up waiting for the alias to settle.
PROMOTION_ROUNDS = 40


def _champion(client):
    """The version behind the alias and its score (None, None without a champion)."""
    from mlflow.exceptions import MlflowException

    try:
        version = client.get_model_version_by_alias(REGISTERED_MODEL, CHAMPION)
    except MlflowException:
        return None, None
    metrics = client.get_run(version.run_id).data.metrics
    score = metrics.get(SELECTION_METRIC)
    if score is None and SCORE_TAG in version.tags:
        score = float(version.tags[SCORE_TAG])
    if score is None:
        score = metrics.get("val_macro_f1")  # a champion from before the rule: validation
    return str(version.version), score


def _contenders(client, since_ms: int) -> dict[str, float]:
    """Versions that ran the promotion (they carry `SCORE_TAG`) and were registered since `since_ms`."""
    found = {}
    for version in client.search_model_versions(f"name='{REGISTERED_MODEL}'"):
        if SCORE_TAG in version.tags and (version.creation_timestamp or 0) >= since_ms:
            found[str(version.version)] = float(version.tags[SCORE_TAG])
    return found


def promote_if_better(client, version: str, score: float) -> bool:
    """Give `version` the champion alias when it beats the current champion (strictly); True if it now holds it.

    MLflow has no compare-and-set on an alias, so this is one built from reads and writes:

    1. Our version announces itself as a contender: the tag `selection_score` on the model version,
       written before we look at the alias.
    2. Read the alias holder and its score, and every contender registered in the last
       `CONTEST_WINDOW_S` (by the server's clock). The best of them wins: the higher score, on a tie the
       holder (so a run must beat the champion strictly), then the earlier version.
    3. If the holder is the best, stop. Otherwise set the alias to the best (ours or another's, a
       contender that is not best helps the best one in), pause with jitter and go to 2.

    Guarantee: every value written is at least as good as the holder it replaced, so the alias never
    falls below the champion before the contest. And every writer reads again after its last write,
    and a contender only announces itself before its first read; so the last check any contender
    makes comes after every write and sees every contender. It stops only when the holder is the
    best of them, hence when all promotions have returned, the alias is on the best of the previous
    champion and every run that registered meanwhile, whatever order their requests reached the store.
    A contender that crashes mid-way is still counted by later ones (its tag was written first).

    On a local SQLite store the whole read-compare-set runs under `store_lock`, which makes it exact
    on the first round; against a server the rounds above make it converge.
    """
    from mlflow.exceptions import MlflowException

    version = str(version)
    with store_lock(getattr(client, "_registry_uri", None)):
        client.set_model_version_tag(REGISTERED_MODEL, version, SCORE_TAG, repr(float(score)))
        since = (client.get_model_version(REGISTERED_MODEL, version).creation_timestamp or 0) - CONTEST_WINDOW_S * 1000
        delay = 0.05
        for _ in range(PROMOTION_ROUNDS):
            holder, holder_score = _champion(client)
            scores = _contenders(client, since)
            scores.setdefault(version, float(score))
            if holder is not None:
                scores[holder] = float("-inf") if holder_score is None else holder_score
            best = max(scores, key=lambda v: (scores[v], v == holder, -int(v)))
            if best == holder:
                return holder == version
            try:
                client.set_registered_model_alias(REGISTERED_MODEL, CHAMPION, best)
            except MlflowException as error:
                if not is_conflict(error):
                    raise
            time.sleep(delay * random.uniform(0.5, 1.5))
            delay = min(delay * 2, 2.0)
    warnings.warn(f"the {CHAMPION!r} alias of {REGISTERED_MODEL} did not settle after {PROMOTION_ROUNDS} rounds", stacklevel=2)
    return _champion(client)[0] == version
