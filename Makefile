# Two commands do everything: `make run` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench clean messages backup

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the catalog template after changing any user-facing text (a test checks it is current).
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location \
		--sort-output --omit-header -o bot/locales/messages.pot .

# An online copy of the SQLite database, also while the bot runs: backups/steady-<date>.db (0600).
backup: $(STAMP)
	mkdir -p -m 700 backups
	$(BIN)/python -m bot backup backups

bench: $(STAMP)
	$(BIN)/python bench/dispatch.py
	$(BIN)/python bench/summary.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
