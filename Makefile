# Two entry points, both from a fresh clone:
#   make run    set up, train the default experiment (tracked in MLflow, registered), then predict on an example article
#   make test   set up, then run the tests (and the PolNeAR yardstick when ../shared is there)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
POLNEAR ?= ../shared/eval/polnear
EXPERIMENT ?= experiments/mpnet_tfidf_context_onnx_int8.yaml

.PHONY: setup run test evaluate default-model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	# The CPU build of torch first, so the project's torch range is already met
	# (an unpinned torch would pull a multi-GB CUDA build).
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[dev]"

run: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.train $(EXPERIMENT)
	HF_HUB_OFFLINE=1 $(BIN)/python -m model data/examples/ceasefire_talks.txt --model-uri models:/negotiation-stance@champion

# Re-create the model shipped in model/default_model from the default experiment.
default-model: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.train $(EXPERIMENT) --export model/default_model

test: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --split heldout --min-f1 0.95 --min-speaker 0.92
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --polnear $(POLNEAR) --split test --worst 0 --min-f1 0.93 --min-speaker 0.90

evaluate: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --polnear $(POLNEAR) --split test
