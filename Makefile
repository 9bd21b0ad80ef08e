# ExpatDesk: `make run` starts the app on a demo database, `make test` runs every check.
# Both create or update the virtual environment in .venv from requirements.lock first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= var/demo.sqlite3

# Debian/Ubuntu packages the Qt wheels need on a bare machine (X11/xcb and EGL libraries,
# fonts: DejaVu for Latin, Greek and Cyrillic, Noto for Arabic and Devanagari, Noto CJK for Chinese).
QT_SYSTEM_PACKAGES := libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 \
	libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
	libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 \
	libxcb-xkb1 libx11-xcb1 fonts-dejavu-core fonts-noto-core fonts-noto-cjk

.PHONY: run test test-moved-clock dist dist-check lint typecheck i18n forms system-deps venv clean

run: system-deps $(STAMP) $(DEMO_DB)
	$(BIN)/expatdesk --database $(DEMO_DB)

test: system-deps $(STAMP)
	$(BIN)/ruff check expatdesk tests main.py
	$(BIN)/ruff format --check expatdesk tests main.py
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The suite once more with the machine's clock moved (libfaketime, Debian's `faketime`) and the
# tests' own clock (EXPATDESK_TEST_NOW) at awkward moments: a leap day, late on New Year's Eve.
# Nothing may depend on the day the tests run. (libfaketime's monotonic clock stays faked too:
# with FAKETIME_DONT_FAKE_MONOTONIC=1, Python's time.sleep fails with EINVAL.)
# (SQLite only: the PostgreSQL server's clock is not moved, and the suite already ran on both.)
MOVED_CLOCK_TESTS ?= -m "not reliability and not postgres"
test-moved-clock: system-deps $(STAMP)
	@command -v faketime >/dev/null 2>&1 || { \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends faketime; }
	EXPATDESK_TEST_NOW=2028-02-29T10:00:00+01:00 faketime -f '+800d' \
		$(BIN)/python -m pytest -q -p no:cacheprovider $(MOVED_CLOCK_TESTS)
	# (an offset to this year's New Year's Eve, 23:50, not an absolute '@' start: with that, each
	# process's monotonic clock starts anew and the bench's children disagree with their parent)
	offset=$$(( $$(date -d "$$(date +%Y)-12-31 23:50:00" +%s) - $$(date +%s) )); \
	EXPATDESK_TEST_NOW=2030-12-31T23:40:00+01:00 faketime -f "$$(printf '%+ds' $$offset)" \
		$(BIN)/python -m pytest -q -p no:cacheprovider $(MOVED_CLOCK_TESTS)

# The frozen one-folder build: dist/expatdesk/expatdesk runs without Python or the source tree.
dist: system-deps $(STAMP)
	rm -rf dist/expatdesk
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller resources/packaging/expatdesk.spec

# The bundle moved to another folder and run with an empty environment: the self-test, init,
# the small demo and a Dutch PDF report. Any line on stderr fails it (resources/packaging/check).
dist-check: dist
	resources/packaging/check dist/expatdesk

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "ExpatDesk needs Python 3.11 or newer (PYTHON=$(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . \
		|| $(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# The demo database is written under another name and moved into place when complete.
$(DEMO_DB): | $(STAMP)
	mkdir -p $(dir $@)
	rm -f $@.partial $@.partial-wal $@.partial-shm
	$(BIN)/expatdesk --database $@.partial demo --size small
	mv $@.partial $@

# Installs what is missing, with sudo when not root; does nothing on a machine that has it all.
system-deps:
	@command -v dpkg-query >/dev/null 2>&1 || exit 0; \
	missing=""; \
	for package in $(QT_SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" \
			|| missing="$$missing $$package"; \
	done; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# For developers: refresh the catalogs after changing strings, the forms after editing ui/.
i18n: $(STAMP)
	$(BIN)/python -m expatdesk.i18n_tools update

forms: $(STAMP)
	$(BIN)/python -m expatdesk.qt.build_forms

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
