# Two entry points, both from a fresh clone:
#   make run    set up, train the default experiment (tracked in MLflow, registered), then predict on an example article
#   make test   set up, then run the tests (and the PolNeAR and real-news yardsticks, clean and damaged,
#               when ../shared is there; any leak of quoted words into a speaker fails it)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
POLNEAR ?= ../shared/eval/polnear
REALNEWS ?= ../shared/eval/realnews/dev
EXPERIMENT ?= experiments/mpnet_tfidf_two_heads_onnx_int8.yaml

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
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --split heldout --damaged \
		--min-f1 0.95 --min-speaker 0.92 --min-damaged-f1 0.97 --min-damaged-speaker 0.92
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --polnear $(POLNEAR) --split test --worst 0 --damaged \
		--min-f1 0.93 --min-speaker 0.90 --min-damaged-f1 0.93 --min-damaged-speaker 0.90
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --realnews $(REALNEWS) --damaged \
		--min-f1 0.96 --min-speaker 0.98 --min-damaged-f1 0.96 --min-damaged-speaker 0.98

evaluate: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --damaged --allow-leaks
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --polnear $(POLNEAR) --split test --damaged --allow-leaks
	HF_HUB_OFFLINE=1 $(BIN)/python -m training.evaluate_attribution --realnews $(REALNEWS) --damaged --allow-leaks
