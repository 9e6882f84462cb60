# The two commands a fresh clone needs: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUTPUT ?= output
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build publish test check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## build the sample site and serve it with autoreload
	$(BIN)/pelican content -s pelicanconf.py -o $(OUTPUT) --autoreload --listen --bind $(HOST) --port $(PORT)

build: $(STAMP)  ## one development build into output/
	$(BIN)/pelican content -s pelicanconf.py -o $(OUTPUT)

publish: $(STAMP)  ## production build (absolute URLs from publishconf.py)
	$(BIN)/pelican content -s publishconf.py -o $(OUTPUT)

check: $(STAMP)  ## validate profiles, images and articles without building
	$(BIN)/headshots check

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

clean:
	rm -rf $(OUTPUT) .cache
