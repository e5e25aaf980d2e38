# The two commands of the README's quick start. Each sets up what it needs first.
.PHONY: briefs test goldens

# Build every brief in content/ into build/.
briefs:
	scripts/setup.sh
	.venv/bin/make-brief build content --out build

# Lint, then run the whole test suite (what CI runs).
test:
	scripts/setup.sh --test
	.venv/bin/ruff check src tests
	.venv/bin/ruff format --check src tests
	.venv/bin/python -m pytest

# Rewrite the golden files after an intended change of output; review the diff.
goldens:
	scripts/setup.sh --test
	.venv/bin/python -m pytest --update-goldens -q tests/test_golden.py tests/test_invalid_cases.py
