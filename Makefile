# The two set-up commands of the README: `make run` and `make test`.
# Both create .venv on first use, so each works on a fresh machine.
PY := .venv/bin/python
VENV_STAMP := .venv/.installed

$(VENV_STAMP): pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(VENV_STAMP)

.PHONY: run test
run: $(VENV_STAMP)
	.venv/bin/govfacts run

test: $(VENV_STAMP)
	$(PY) -m pytest
