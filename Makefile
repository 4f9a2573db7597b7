# `make run` and `make test` work on a machine with only Python 3.11+: they create .venv and install
# the pinned packages (requirements.lock) the first time, and skip that while it is current.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint demo schema clean bundle

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coordinator-app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

demo: $(STAMP)
	rm -f /tmp/demo.group
	$(BIN)/coordinator-app demo /tmp/demo.group
	$(BIN)/coordinator-app check --group /tmp/demo.group

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

# Until the first release, revision 0001 is still being designed: rebuild it from the models.
schema: $(STAMP)
	rm -f coordinator_app/db/migrations/versions/0001_*.py
	$(BIN)/python -m coordinator_app.db.migrate --regenerate-initial

# The one-folder app for this system in dist/GroupCoordinator/ (see packaging/README.md), checked by
# running the frozen app's own smoke test.
BUNDLE_STAMP := $(VENV)/.bundle-installed

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	rm -rf build/pyinstaller dist/GroupCoordinator
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/GroupCoordinator.spec
	@du -s --apparent-size --block-size=1MB dist/GroupCoordinator | awk '{print "Bundle size: " $$1 " MB (at most 120 MB)"}'
	QT_QPA_PLATFORM=offscreen dist/GroupCoordinator/GroupCoordinator --smoke-test

# A PNG of every page, opened on the demo group, and of every printed document's first page, in
# docs/screenshots/ (offscreen; no display needed); every document page for review in build/document-pages/.
.PHONY: screenshots
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m coordinator_app.ui.screenshots docs/screenshots
	$(BIN)/python docs/document_pictures.py docs/screenshots
