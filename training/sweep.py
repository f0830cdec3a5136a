"""Run a grid of experiments as nested MLflow runs under one parent run.

    python -m training.sweep experiments/sweeps/logreg_grid.yaml              # points in parallel, one per core
    python -m training.sweep experiments/sweeps/logreg_grid.yaml --workers 1  # one after another, in this process

A sweep file names a base experiment and a grid; every combination is one
child run (not registered: promote the best with `training.train`). The
parent run records the grid, the best child and its validation macro-F1.

With `--workers N` (default: the machine's cores) the points run in N worker
processes, each logging its child run under the parent and using one thread,
so N workers on N cores do not fight over them. With one worker the points run
in this process, also on one thread: a point's metrics are the same whatever N.
The embedding cache is filled once before the points start (so every point
reads the same vectors) and is a SQLite file the workers then share.

    base: ../minilm_logreg_context.yaml
    grid:
      input_mode: [quote, quote+context]
      C: [0.5, 2.0, 8.0]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import multiprocessing
import os
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

import yaml

from .experiment import Experiment, ExperimentError
from .stance_data import DATA_DIR, read_stance_data
from .tracking import SELECTION_METRIC, connect, set_experiment, tracking_uri
from .train import (
    EMBEDDING_CACHE,
    POLNEAR_DIR,
    TrainResult,
    attribution_metrics,
    run_experiment,
    to_inputs,
)

#: Thread pools a worker process keeps to one thread (set before it imports numpy, torch, ONNX Runtime).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def load_sweep(path: Path) -> tuple[Experiment, dict[str, list]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or "base" not in raw or not isinstance(raw.get("grid"), dict):
        raise ExperimentError(f"{path}: a sweep is a mapping with 'base' (an experiment file) and 'grid' (setting: [values])")
    base = Experiment.from_yaml((path.parent / raw["base"]).resolve())
    for name, values in raw["grid"].items():
        if not isinstance(values, list) or not values:
            raise ExperimentError(f"{path}: grid '{name}' must be a non-empty list")
    return base, raw["grid"]


def grid_points(grid: dict[str, list]) -> list[dict]:
    names = list(grid)
    return [dict(zip(names, values)) for values in itertools.product(*(grid[n] for n in names))]


def point_experiment(base: Experiment, point: dict) -> Experiment:
    child = base.with_overrides(**dict(point))
    child.name = base.name + "[" + ", ".join(f"{k}={v}" for k, v in point.items()) + "]"
    return child


def warm_embedding_cache(children: list[Experiment], data_dir: Path) -> None:
    """Encode every text of the data once, for each frozen encoder in the grid, into the shared cache,
    so that parallel workers read embeddings instead of all computing the same ones at once."""
    from model.stance import TFIDF, SentenceEncoder, normalized

    rows = [row for split in read_stance_data(data_dir).values() for row in split]
    inputs = normalized(to_inputs(rows))
    texts = list(dict.fromkeys([i.quote for i in inputs] + [i.context or i.quote for i in inputs]))
    for encoder, backend in sorted({(c.encoder, c.encoder_backend) for c in children if c.encoder != TFIDF and c.finetune is None}):
        SentenceEncoder(encoder, cache_dir=EMBEDDING_CACHE, backend=backend).encode(texts)


@contextlib.contextmanager
def one_thread():
    """One thread for BLAS, torch and ONNX Runtime while a point trains in this process.

    Every point runs on one thread, in a worker or not: the head's solver sums in a different order
    on two BLAS threads than on one, and the metrics of a point must not depend on `--workers`."""
    import torch
    from threadpoolctl import threadpool_limits

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with _one_thread_environment(), threadpool_limits(1):
            yield
    finally:
        torch.set_num_threads(threads)


def _limit_threads() -> None:
    """In a worker: one thread for torch (numpy's BLAS and ONNX Runtime read the variables at import and use)."""
    import torch

    torch.set_num_threads(1)


def _run_point(uri: str, parent_run_id: str, child: Experiment, data_dir: Path) -> tuple[str, TrainResult]:
    """One grid point in a worker process: a child run under the sweep's parent run."""
    _limit_threads()
    connect(uri)
    return child.name, run_experiment(child, data_dir, register=False, attribution=False, parent_run_id=parent_run_id)


@contextlib.contextmanager
def _one_thread_environment():
    """The environment spawned workers inherit: one thread each."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: "1" for name in THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_points(children: list[Experiment], uri: str, parent_run_id: str, data_dir: Path, workers: int):
    """Yield (name, result) for every child as it finishes: in this process with one worker, else in a pool.

    A failing point marks its own run FAILED; the points not yet started are cancelled and the error is raised."""
    if workers <= 1:
        with one_thread():
            for child in children:
                yield child.name, run_experiment(child, data_dir, register=False, nested=True, attribution=False)
        return
    # spawn, not fork: a forked copy of a process that already holds torch's and MLflow's threads can hang.
    with _one_thread_environment(), ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = {pool.submit(_run_point, uri, parent_run_id, child, data_dir) for child in children}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def main(argv: list[str] | None = None) -> int:
    import mlflow
    from tqdm import tqdm

    parser = argparse.ArgumentParser(prog="python -m training.sweep", description=__doc__.splitlines()[0])
    parser.add_argument("sweep", type=Path)
    parser.add_argument("--tracking-uri")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="grid points trained at once, each in its own process (default: the machine's cores)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with train/validation/test/heldout_setting.jsonl")
    parser.add_argument("--no-attribution", action="store_true", help="skip the quote-attribution yardsticks on the parent run")
    args = parser.parse_args(argv)
    base, grid = load_sweep(args.sweep)
    uri = tracking_uri(args.tracking_uri)
    connect(uri)
    set_experiment()
    children = [point_experiment(base, point) for point in grid_points(grid)]
    workers = max(1, min(args.workers, len(children)))
    print(f"sweep {args.sweep.name}: {len(children)} runs around {base.name}, {workers} at a time")
    with mlflow.start_run(run_name=f"sweep-{args.sweep.stem}", tags={"sweep": args.sweep.stem}) as parent:
        mlflow.log_params({"base": base.name, "workers": workers, **{f"grid_{k}": str(v) for k, v in grid.items()}})
        if not args.no_attribution:
            mlflow.log_metrics(attribution_metrics(POLNEAR_DIR))  # the same for every child: measured once
        warm_embedding_cache(children, args.data)
        results = []
        with tqdm(total=len(children), desc="sweep", unit="run") as progress:
            for name, result in run_points(children, uri, parent.info.run_id, args.data, workers):
                results.append((result.metrics[SELECTION_METRIC], name, result.run_id))
                progress.write(f"  {name}: {SELECTION_METRIC} {result.metrics[SELECTION_METRIC]:.3f}")
                progress.update()
        best_score, best_name, best_run = max(results)
        mlflow.log_metric(f"best_{SELECTION_METRIC}", best_score)
        mlflow.set_tags({"best_child": best_name, "best_child_run_id": best_run})
    print(f"best: {best_name} ({SELECTION_METRIC} {best_score:.3f}, run {best_run})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
