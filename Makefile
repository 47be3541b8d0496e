# The two commands of the README. Each sets up what it needs first.
.PHONY: serve test

export NO_MKDOCS_2_WARNING := 1

PORT ?= 8000

serve:
	@scripts/bootstrap.sh
	@.venv/bin/python build.py serve --port $(PORT)

test:
	@scripts/bootstrap.sh --test
	.venv/bin/python build.py catalogs --check
	.venv/bin/ruff check .
	.venv/bin/python -m pytest
