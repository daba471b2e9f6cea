"""gunicorn settings for `make serve`: `gunicorn -c config/gunicorn.py config.wsgi`.

Logs go to stdout. The access log keeps no visitor data: no client address, no query string (it
holds a visitor's answers), no referrer or user agent; only time, method, path, status, size and
duration.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# Workers are recycled now and then (a leak cannot grow forever), not often: each restart empties
# its page cache.
max_requests = 100000
max_requests_jitter = 10000
timeout = 30
graceful_timeout = 20
control_socket_disable = True
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
