"""No log line holds a visitor's answers: result codes and query strings are masked
(config/private_logs.py, LOGGING in config/settings.py). gunicorn's access log: test_server.py."""

import io
import logging
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.rules import codes
from catalog.rules.answers import Answers
from catalog.rules.vocabulary import USES
from config.private_logs import PrivatePaths, mask

CODE = codes.encode(Answers("FR", "adult", "on", None, frozenset({"posts", "ai-tools"})), 2)


@pytest.mark.parametrize(
    ("logged", "masked"),
    [
        (f"/en/r/{CODE}/", "/en/r/…/"),
        (f"/fr/r/{CODE}/card-3.png", "/fr/r/…/card-3.png"),
        (f"/fr/r/{CODE}/card.png", "/fr/r/…/card.png"),
        (f"/en/r/{CODE}/letter/", "/en/r/…/letter/"),
        (f"/en/r/{CODE}/letter.txt", "/en/r/…/letter.txt"),
        (f"/en/r/{CODE}", "/en/r/…"),  # before the slash is appended
        (f"/en/R/{CODE.upper()}/", "/en/R/…/"),
        (f'"GET /en/r/{CODE}/?utm=x HTTP/1.1" 200 12', '"GET /en/r/…/?… HTTP/1.1" 200 12'),
        ("Not Found: /en/result/?country=FR&age=adult", "Not Found: /en/result/?…"),
        (f"https://example.org/fr/r/{CODE}/ shared", "https://example.org/fr/r/…/ shared"),
        ("Not Found: /en/categories/nothing/", "Not Found: /en/categories/nothing/"),
        ("GET /static/site.css HTTP/1.1", "GET /static/site.css HTTP/1.1"),
    ],
)
def test_mask_hides_the_code_and_the_query_and_keeps_the_rest(logged, masked):
    assert mask(logged) == masked
    assert mask(masked) == masked


@given(
    country=st.sampled_from(["FR", "DE", "GB", "CH", "US", "IN"]),
    uses=st.frozensets(st.sampled_from(USES)),
    lang=st.sampled_from(["fr", "en"]),
    suffix=st.sampled_from(["", "card-1.png", "card.png", "letter/", "letter.txt"]),
)
def test_no_code_survives_the_mask(country, uses, lang, suffix):
    code = codes.encode(Answers(country, "adult", "on", None, uses), 2)
    assert code not in mask(f'"GET /{lang}/r/{code}/{suffix} HTTP/1.1" 200')


def record(message: str, *args, name: str = "django.request") -> logging.LogRecord:
    return logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, None)


def test_the_filter_masks_the_formatted_message_and_keeps_every_record():
    warning = record("%s: %s", "Not Found", f"/en/r/{CODE}/letter/")
    assert PrivatePaths().filter(warning) is True
    assert warning.getMessage() == "Not Found: /en/r/…/letter/"
    plain = record("Watching for file changes with %s", "StatReloader")
    assert PrivatePaths().filter(plain) is True
    assert plain.getMessage() == "Watching for file changes with StatReloader"
    broken = record("%s %s", "one argument only")  # logging itself reports it, later
    assert PrivatePaths().filter(broken) is True


def test_the_filter_masks_a_traceback_too():
    try:
        raise ValueError(f"no such page: /fr/r/{CODE}/")
    except ValueError:
        failed = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            (f"/fr/r/{CODE}/",),
            sys.exc_info(),
        )
    PrivatePaths().filter(failed)
    written = logging.Formatter().format(failed)
    assert CODE not in written
    assert "Internal Server Error: /fr/r/…/" in written
    assert "ValueError: no such page: /fr/r/…/" in written


@pytest.fixture
def streams():
    """The stdout and runserver handlers LOGGING configured, writing to a StringIO meanwhile."""
    root = logging.getLogger()
    server = logging.getLogger("django.server")
    handlers = [
        handler
        for handler in (*root.handlers, *server.handlers)
        if any(isinstance(f, PrivatePaths) for f in handler.filters)
    ]
    assert len(handlers) == 2, (root.handlers, server.handlers)
    stream = io.StringIO()
    kept = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, previous in zip(handlers, kept, strict=True):
        handler.setStream(previous)


@pytest.mark.django_db
def test_djangos_not_found_warning_names_no_code(client, streams):
    # A handler on the "django" logger, as Django's own DEBUG console: it sees each record before
    # the root's stdout handler does, so only the filter on django.request itself can mask it.
    console = io.StringIO()
    handler = logging.StreamHandler(console)
    logging.getLogger("django").addHandler(handler)
    try:
        bad = CODE[:-1]
        assert client.get(f"/en/r/{bad}/letter/").status_code == 404
    finally:
        logging.getLogger("django").removeHandler(handler)
    for written in (console.getvalue(), streams.getvalue()):
        assert "Not Found: /en/r/…/letter/" in written
        assert bad not in written, written


def test_runservers_request_lines_name_no_code_and_no_query(streams):
    # As django.core.servers.basehttp.WSGIRequestHandler.log_message writes them.
    logging.getLogger("django.server").info(
        '"%s" %s %s',
        f"GET /fr/r/{CODE}/card.png?country=FR HTTP/1.1",
        "301",
        "0",
        extra={"request": None, "server_time": "27/Nov/2026 10:00:00", "status_code": 301},
    )
    written = streams.getvalue()
    assert '"GET /fr/r/…/card.png?… HTTP/1.1" 301 0' in written
    assert CODE not in written and "country" not in written


def test_any_other_logger_writing_to_stdout_is_masked_too(streams):
    # e.g. catalog.web.middleware: "Database unavailable for /en/r/<code>/: …"
    logging.getLogger("catalog.web.middleware").warning(
        "Database unavailable for %s: %s", f"/en/r/{CODE}/", "connection refused"
    )
    assert "Database unavailable for /en/r/…/: connection refused" in streams.getvalue()
    assert CODE not in streams.getvalue()


def test_gunicorns_access_log_masks_every_atom_a_format_may_read():
    """config/gunicorn.py masks atoms as the format reads them: a format naming the request
    line, path, query, referrer, a request and a response header and the environ shows no
    code and no query, and still shows the rest."""
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config

    from config.gunicorn import PrivateAccessLogger

    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set(
        "access_log_format",
        "%(r)s|%(U)s|%(q)s|%(f)s|%({x-followed}i)s|%({location}o)s|%({raw_uri}e)s|%(s)s %(m)s",
    )
    uri = "/fr/r/24km070gb/letter/?country=FR"
    request = SimpleNamespace(
        method="GET",
        path="/fr/r/24km070gb/letter/",
        query="country=FR",
        uri=uri,
        version=(1, 1),
        headers=[("REFERER", f"https://site.example{uri}"), ("X-FOLLOWED", uri)],
    )
    response = SimpleNamespace(
        status="302 Found",
        sent=0,
        response_length=0,
        headers=[("Location", "/en/r/24km070gb/")],
    )
    environ = {"RAW_URI": uri, "REQUEST_METHOD": "GET", "SERVER_PROTOCOL": "HTTP/1.1"}
    lines = []
    logger = PrivateAccessLogger(cfg)
    logger.access_log.handlers = [logging.Handler()]
    logger.access_log.handlers[0].emit = lambda record: lines.append(record.getMessage())
    logger.access(response, request, environ, timedelta(milliseconds=1))
    assert len(lines) == 1
    assert "24km070gb" not in lines[0] and "country" not in lines[0], lines[0]
    assert "/fr/r/…/letter/" in lines[0] and lines[0].endswith("|302 GET"), lines[0]
