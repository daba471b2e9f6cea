# Quick start: `make run` (serve the site locally) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run install install-dev fonts gettext browser vnu test lint serve bench bench-memory lighthouse screenshots clean messages

# The venv is rebuilt when the pinned requirements change.
$(BIN)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12+ is needed (found " + sys.version.split()[0] + "); install 3.13, e.g. with pyenv (.python-version says 3.13).")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed fonts gettext
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_content

install-dev: install $(BIN)/.installed-dev

# Debian's DejaVu fonts draw the result cards (catalog/present/card.py) with accents; without them the
# cards fall back to Pillow's own font and unaccented text.
fonts:
	@if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core) >/dev/null; \
	else echo "fonts-dejavu-core is missing: result cards will be drawn without accents."; fi

# GNU gettext's msgfmt compiles the French translations (compilemessages).
gettext:
	@if command -v msgfmt >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext) >/dev/null; \
	else echo "GNU gettext is missing: install Debian's 'gettext' package." >&2; exit 1; fi

# Debian's Chromium for the browser tests (never a downloaded browser), when we can install it.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	else echo "Chromium is missing: install Debian's 'chromium' package (browser tests will be skipped)."; fi

# The Nu Html Checker for tests/test_html_validity.py: vnu.jar pinned in package-lock.json (npm ci
# without install scripts: vnu-jar's own would download a JDK) and run by Debian's Java.
VNU_STAMP := node_modules/.installed
$(VNU_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is missing: install Node.js and npm (the HTML validity test will be skipped)."; fi

vnu: $(VNU_STAMP)
	@if java -version >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless) >/dev/null; \
	else echo "Java is missing: install Debian's 'default-jre-headless' (the HTML validity test will be skipped)."; fi

run: install
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev browser vnu
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/pytest

# Production server: gunicorn behind your TLS proxy or load balancer. Needs DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS (see README, Production); DATABASE_URL for PostgreSQL (SQLite otherwise).
# HOST=0.0.0.0 (or a private address) when the load balancer is on another machine.
HOST ?= 127.0.0.1
serve: $(BIN)/.installed fonts gettext
	export DJANGO_DEBUG=$${DJANGO_DEBUG:-0} && \
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0 && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python manage.py load_content && \
	exec $(BIN)/gunicorn -c config/gunicorn.py config.wsgi

# Load test of the production server with wrk, every page and endpoint and 2,000 distinct results,
# then the memory check (see README, Benchmark). Quick look: BENCH_DURATION=2s BENCH_MEMORY_REQUESTS=5000.
# Both always run; the exit status is non-zero when either misses a target.
bench: install
	status=0; $(BIN)/python bench/run.py || status=$$?; \
	$(BIN)/python bench/memory.py || status=$$?; exit $$status

# One gunicorn worker's memory after 1,000 and after 100,000 requests (BENCH_MEMORY_REQUESTS).
bench-memory: install
	$(BIN)/python bench/memory.py

# Lighthouse (mobile preset) on the production server: home, category and question pages must score
# 100 in performance, accessibility, best practices and SEO (see README, Lighthouse). Not in `make test`.
lighthouse: install browser
	$(BIN)/python scripts/lighthouse.py

# The README's screenshots of the result page (docs/screenshots/), from the browser tests' own.
screenshots: install-dev browser
	$(BIN)/python scripts/screenshots.py

lint: install-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules

# Collect translatable strings (Python code and Jinja2 templates, see babel.cfg) into locale/fr,
# then fill the new ones (e.g. with scripts/fill_po.py). GNU gettext's msgmerge keeps translations.
MESSAGE_KEYWORDS := -k _ -k gettext -k gettext_lazy -k gettext_noop -k ngettext:1,2 \
	-k ngettext_lazy:1,2 -k pgettext:1c,2 -k pgettext_lazy:1c,2
messages: $(BIN)/.installed gettext
	PYTHONPATH=. $(BIN)/pybabel --quiet extract -F babel.cfg --no-location --omit-header \
		--no-wrap --ignore-dirs="node_modules .* _*" $(MESSAGE_KEYWORDS) -o locale/django.pot .
	msgmerge --quiet --update --backup=none --no-wrap --no-location \
		locale/fr/LC_MESSAGES/django.po locale/django.pot
	rm locale/django.pot
