"""gunicorn settings for `make serve`: `gunicorn -c config/gunicorn.py config.wsgi`.

Logs go to stdout. The access log keeps no visitor data: no client address, no query string (it
holds a visitor's answers), no referrer or user agent; only time, method, path, status, size and
duration. And in the path, no result code either (it decodes to the answers): /fr/r/…/card-3.png.
"""

import os

from gunicorn.glogging import Logger, SafeAtoms

from config.private_logs import mask  # gunicorn puts the working directory on sys.path first


class MaskedAtoms(SafeAtoms):
    """The atoms of an access-log line, each masked as the format reads it: every one it may
    read (path, request line, referrer, headers, environ), and only those. Masking all forty-odd
    of them at every request cost more than gunicorn's own logging."""

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        return mask(value) if isinstance(value, str) else value


class PrivateAccessLogger(Logger):
    """gunicorn's logger, with result codes and query strings masked in every access-log atom,
    whichever the format uses."""

    atoms_wrapper_class = MaskedAtoms


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# Workers are recycled now and then (a leak cannot grow forever), not often: a new worker builds its
# content snapshot and compiles its templates again on its first requests.
max_requests = 100000
max_requests_jitter = 10000
# A sync worker reads one connection at a time, and one that sends nothing holds it until this
# timeout replaces the worker: only a proxy that reads each request whole may reach gunicorn.
timeout = 30
graceful_timeout = 20
control_socket_disable = True
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
logger_class = PrivateAccessLogger
