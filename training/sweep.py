"""Run a grid of experiments as nested MLflow runs under one parent run.

    python -m training.sweep experiments/sweeps/logreg_grid.yaml

A sweep file names a base experiment and a grid; every combination is one
child run (not registered: promote the best with `training.train`). The
parent run records the grid, the best child and its validation macro-F1.

    base: ../minilm_logreg_context.yaml
    grid:
      input_mode: [quote, quote+context]
      C: [0.5, 2.0, 8.0]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import yaml

from .experiment import Experiment, ExperimentError
from .train import MLFLOW_EXPERIMENT, POLNEAR_DIR, SELECTION_METRIC, attribution_metrics, connect, run_experiment, tracking_uri


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


def main(argv: list[str] | None = None) -> int:
    import mlflow

    parser = argparse.ArgumentParser(prog="python -m training.sweep", description=__doc__.splitlines()[0])
    parser.add_argument("sweep", type=Path)
    parser.add_argument("--tracking-uri")
    args = parser.parse_args(argv)
    base, grid = load_sweep(args.sweep)
    connect(tracking_uri(args.tracking_uri))
    mlflow.set_experiment(MLFLOW_EXPERIMENT)
    points = grid_points(grid)
    print(f"sweep {args.sweep.name}: {len(points)} runs around {base.name}")
    with mlflow.start_run(run_name=f"sweep-{args.sweep.stem}", tags={"sweep": args.sweep.stem}):
        mlflow.log_params({"base": base.name, **{f"grid_{k}": str(v) for k, v in grid.items()}})
        mlflow.log_metrics(attribution_metrics(POLNEAR_DIR))  # the same for every child: measured once
        results = []
        for point in points:
            child = base.with_overrides(**dict(point))
            child.name = base.name + "[" + ", ".join(f"{k}={v}" for k, v in point.items()) + "]"
            result = run_experiment(child, register=False, nested=True, attribution=False)
            results.append((result.metrics[SELECTION_METRIC], child.name, result.run_id))
            print(f"  {child.name}: {SELECTION_METRIC} {result.metrics[SELECTION_METRIC]:.3f}")
        best_score, best_name, best_run = max(results)
        mlflow.log_metric(f"best_{SELECTION_METRIC}", best_score)
        mlflow.set_tags({"best_child": best_name, "best_child_run_id": best_run})
    print(f"best: {best_name} ({SELECTION_METRIC} {best_score:.3f}, run {best_run})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
