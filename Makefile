# The two commands of the README's quick start are `make demo` and `make test`.
# Each creates .venv on first use; a stamp file reinstalls only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data/multinews
SHELL  := bash
.SHELLFLAGS := -o pipefail -c
# pip warns about every package for a configured local index folder that does not exist
# on some machines; the warning says nothing about this project, so it is filtered out.
QUIET_PIP := 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }

.PHONY: demo test test-slow lint bench bench-service bench-stories train clean chromium fuzz

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip $(QUIET_PIP)
	$(BIN)/pip install --quiet -e . $(QUIET_PIP)
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]' $(QUIET_PIP)
	touch $@

demo: $(VENV)/.installed
	$(BIN)/newsfuse fuse examples/missiles

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/ruff format --check src tests benchmarks fuzz
	$(BIN)/mypy

# The browser tests drive Debian's Chromium (Playwright may not download a browser here);
# as root it is installed when missing, otherwise the tests say what to do and skip.
CHROMIUM ?= /usr/bin/chromium
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "no $(CHROMIUM): browser tests skipped (sudo apt-get install chromium)"; fi

test: lint chromium
	NEWSFUSE_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m "not slow"

# The slow tests, then the property tests with 3,000 examples each instead of 100 (~2 min).
test-slow: $(VENV)/.installed-dev
	$(BIN)/pytest -m slow || [ $$? -eq 5 ]  # 5: no slow tests yet
	NEWSFUSE_HYPOTHESIS=thorough $(BIN)/pytest -q tests/test_properties*.py

# Coverage-guided fuzzing (atheris) of every input kind, FUZZ_SECONDS each. The corpus
# grows in .fuzz/corpus (kept between runs); a crash stops the run and its input is saved
# as .fuzz/crashes/KIND-crash-*. -timeout: one input slower than 10 s is a hang (a normal
# one takes milliseconds); -rss_limit_mb: 3 GB is a memory blow-up (a run sits near 300 MB).
FUZZ_SECONDS ?= 60
FUZZ_KINDS   ?= txt json jsonl html stdin record fuse
$(VENV)/.installed-fuzz: pyproject.toml $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -e '.[dev,fuzz]' $(QUIET_PIP)
	touch $@

fuzz: $(VENV)/.installed-fuzz
	@mkdir -p .fuzz/crashes
	@for kind in $(FUZZ_KINDS); do \
		echo "== fuzz $$kind for $(FUZZ_SECONDS) s"; mkdir -p .fuzz/corpus/$$kind; \
		$(BIN)/python fuzz/ingest_fuzz.py $$kind .fuzz/corpus/$$kind fuzz/seeds/$$kind \
			-dict=fuzz/ingest.dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix=.fuzz/crashes/$$kind- \
			2>&1 | grep -v -e '^#' -e '^"' -e '^INFO: ' -e '^WARNING: Failed to find' || exit 1; \
	done

# Quality and speed figures; needs the Multi-News files (DATA=path/to/multinews).
bench: $(VENV)/.installed-dev
	$(BIN)/newsfuse bench $(DATA)/dev_fulltext.jsonl
	$(BIN)/newsfuse bench $(DATA)/validation.jsonl.gz --limit 2000
	$(BIN)/python benchmarks/long_cluster.py $(DATA)/dev_fulltext.jsonl
	$(BIN)/python benchmarks/long_lines.py
	$(BIN)/python benchmarks/batch_scaling.py $(DATA)/validation.jsonl.gz --limit 2000
	$(BIN)/python benchmarks/embedders.py $(DATA)/dev_fulltext.jsonl
	for set in dev heldout final; do \
		$(BIN)/python benchmarks/comparison/score.py $(DATA)/dev_fulltext.jsonl --set $$set --no-time; done
	$(BIN)/python benchmarks/comparison/score.py $(DATA)/dev_fulltext.jsonl --set final2
	$(BIN)/python benchmarks/comparison/ner_forms.py $(DATA)/dev_fulltext.jsonl

# The service on 127.0.0.1: 50 clients for 60 s (answers by status, memory), then a worker
# killed under load (replacement, answers in flight); no data set needed.
# Both run; the target fails when either missed its target.
bench-service: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/load.py; load=$$?; $(BIN)/python benchmarks/faults.py && exit $$load

# Corpus mode: story clustering quality, speed and memory (README, "How well it groups
# stories"), N = 1000 then N = 5000 back to back; and the fit of the clusterer's pair score.
bench-stories: $(VENV)/.installed-dev
	for n in 1000 5000; do $(BIN)/python benchmarks/stories/run.py $(DATA)/validation.jsonl.gz \
		$(DATA)/validation.mnplus_relevance.jsonl --clusters $$n --no-reports; done
	$(BIN)/python benchmarks/stories/fit_pairs.py $(DATA)/validation.jsonl.gz \
		$(DATA)/validation.mnplus_relevance.jsonl --first 5000 --last 5622

# The shipped scorers (src/newsfuse/resources/scorer.npz, the transferable one, and
# scorer_lowercased.npz, for Multi-News' lowercased form) from Multi-News train; seeded,
# 6 to 14 minutes on 2 cores. The models carry the data's non-commercial terms.
train: $(VENV)/.installed-dev
	$(BIN)/newsfuse train $(DATA)/train.jsonl.gz -o src/newsfuse/resources/scorer.npz \
		--lowercased-output src/newsfuse/resources/scorer_lowercased.npz --workers 2

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
