# The two quick-start commands of the README, and the steps they are made of.
.PHONY: site serve test lint setup

setup:
	scripts/setup

# Set up, then build the sample marketplace into site/ (English at /, French at /fr/).
site: setup
	.venv/bin/devex build

# Set up, then serve it at http://127.0.0.1:8000 with live reload.
serve: setup
	.venv/bin/devex serve

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

# Set up (with Debian's chromium and Java, and the pinned checkers of tests/engines/), then run the whole test
# suite and the linters.
test:
	scripts/setup --with-engines
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	.venv/bin/python -m pytest -n auto
