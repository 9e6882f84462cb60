# The two commands a fresh clone needs: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TOOLS := tools/node_modules/.installed
OUTPUT ?= output
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build publish test test-fast lint check bench bench-scan bench-scale bench-shards clean tools audit

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## build the site and serve it: rebuilt on every save, problems shown in the page, the page reloads (headshots serve)
	$(BIN)/headshots serve --output $(OUTPUT) --bind $(HOST) --port $(PORT)

build: $(STAMP)  ## one development build into output/
	$(BIN)/python -m pelican content -s pelicanconf.py -o $(OUTPUT)

publish: $(STAMP)  ## production build (absolute URLs from publishconf.py)
	$(BIN)/python -m pelican content -s publishconf.py -o $(OUTPUT)

check: $(STAMP)  ## validate profiles, images and articles without building
	$(BIN)/headshots check

$(TOOLS): tools/package.json  ## the npm auditors: vnu-jar (HTML), lighthouse (audit), sharp (bench)
	npm install --prefix tools --no-audit --no-fund
	touch $(TOOLS)

tools: $(TOOLS)

need-%:  ## first of all: which Debian packages `make %` needs and this machine lacks (scripts/system_packages.py)
	@$(PYTHON) scripts/system_packages.py $*

# pytest-xdist: one worker per core, tests handed out as workers come free
WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(WORKERS) --dist load

test: need-test $(STAMP) $(TOOLS)  ## the whole test suite (the sample site's build starts at once: tests/conftest.py)
	SAMPLE_SITE_EARLY=1 $(PYTEST)

test-fast: $(STAMP)  ## the tests that need no browser and no full-site build (about 50 s on 2 quiet cores; make test: about 5 minutes from a fresh clone)
	$(PYTEST) -m "not browser and not slow" -q

lint: $(STAMP)  ## ruff: lint and formatting (`$(BIN)/ruff format .` fixes the formatting)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

audit: $(STAMP) $(TOOLS)  ## Lighthouse (mobile) on a served publish-like build: home, directory, profile, scan, article
	$(BIN)/python scripts/audit.py

bench: need-bench $(STAMP) $(TOOLS)  ## the headshot pipeline against sharp and vipsthumbnail: seconds, memory, bytes, SSIM, face detection (a few minutes)
	$(BIN)/python scripts/bench_thumbnails.py

N ?= 1000
IMAGES ?= 1
FORMATS ?= jpeg
bench-scan: build  ## the five-second scan's face check on a 24-megapixel photo in Chromium, cold and warm
	$(BIN)/python scripts/bench_scan_faces.py

bench-scale: $(STAMP)  ## the build at N photographers: cold, warm, one edit, vs plain Pelican; then the editor's loop under headshots serve: saved edit to served page (N=1000: ~15 min; N=10000 IMAGES=0)
	$(BIN)/python scripts/bench_scale.py -n $(N) --images $(IMAGES) --formats $(FORMATS)
	$(BIN)/python scripts/bench_serve.py -n $(N) --images $(IMAGES)

SHARDS ?= 4
bench-shards: $(STAMP)  ## the cold image build in SHARDS render jobs, merged, then built: simulated CI wall time vs one machine (N=1000: ~40 min)
	$(BIN)/python scripts/bench_shards.py -n $(N) --shards $(SHARDS) --formats $(FORMATS)

clean:  ## the output and this checkout's caches (kept outside it: headshots.cachedir)
	rm -rf $(OUTPUT) .cache
	cache="$$($(BIN)/python -m headshots.cachedir)" && [ -n "$$cache" ] && rm -rf "$$cache"
