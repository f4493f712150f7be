# The two quick-start commands of the README, and the steps they are made of.
.PHONY: site serve test lint setup

setup:
	scripts/setup

# Set up, then build the sample marketplace into site/ (English at /, French at /fr/) and say how to view it.
# The pages link to folder addresses (`opportunities/<id>/`) and fetch their search index, which only a web
# server answers: opened from the disk (file://), site/index.html shows folder listings and no search.
# tests/site/test_quick_start.py runs the command this prints on a built site.
site: setup
	.venv/bin/devex build
	@echo "make site: the site is in site/; view it through a web server, not from the disk:"
	@echo "  python3 -m http.server -b 127.0.0.1 -d site 8000    then open http://127.0.0.1:8000/"
	@echo "  or make serve                                       a live preview, rebuilt on every change, at the address it prints"

# Set up, then preview the site with live reload at the address devex serve prints (the path of site_url:
# http://127.0.0.1:8000/marketplace/ for the sample).
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
