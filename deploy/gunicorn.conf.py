"""gunicorn settings for every app server (deploy/systemd/, make serve).

Threaded workers behind nginx, which buffers each request whole before it
passes it on (deploy/nginx/tilondon.conf): a client that sends its headers a
line every few seconds holds an nginx connection, never a worker thread.
Without such a proxy, each slow client holds a thread (docs/operations.md).
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request still running after this is killed; the email timeout
# (EMAIL_TIMEOUT) and the database's are well inside it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Access log without secret-link tokens, with nginx's request id.
logger_class = "pages.redaction.RedactingGunicornLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = (
    '%(h)s [%({x-request-id}i)s] "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
)
# nginx on the same host (or named in FORWARDED_ALLOW_IPS) may say https.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
