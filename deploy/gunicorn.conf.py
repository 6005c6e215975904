"""Gunicorn settings for every way the site is served: `make run`, `make scale-demo`, systemd.

    gunicorn -c deploy/gunicorn.conf.py wisebusiness.wsgi

Read from the environment, so one file serves a laptop and a server:

- ``GUNICORN_BIND``: the address, ``127.0.0.1:8000`` unless told (never every interface:
  in production nginx is in front; ``make run`` is for this machine only);
- ``WEB_CONCURRENCY``: worker processes, by default one per CPU this process may use;
- ``GUNICORN_THREADS``: threads per worker (default 1: sync workers; more gives gthread
  workers, which keep connections alive, for serving without nginx in front);
- ``GUNICORN_TIMEOUT``: seconds before a stuck worker is replaced (default 30);
- ``FORWARDED_ALLOW_IPS``: the proxies whose ``X-Forwarded-*`` gunicorn believes (default
  the loopback addresses, where nginx runs).
"""

import gc
import os

bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY") or 0) or len(os.sched_getaffinity(0))
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# Sync workers answer one request at a time and close its connection; nginx in front buffers
# slow clients and keeps theirs alive. A sync worker accepts a connection only when it is free,
# so the load spreads over every worker. gthread workers kept each keep-alive connection in the
# worker that had accepted it: in a quarter of make bench-http's rounds one worker held all eight
# connections while the other was idle, at half the throughput.
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 20
# gthread workers only: longer than nginx's upstream keepalive_timeout (4 s), so nginx always
# closes an idle connection first and never sends a request on one gunicorn is closing.
keepalive = 5
# Replace each worker after 50,000 to 75,000 requests so memory cannot creep up for ever. The wide
# jitter keeps workers from being replaced together (for a second or two nothing would answer),
# and a replaced worker starts with an empty page cache, so not too often either.
max_requests = 50000
max_requests_jitter = 25000
# The site is imported once, by the master: a replaced worker is a fork that answers at once (it
# spent its first second importing Django, while the connections it had taken waited), and the
# workers share that memory. Nothing opens a connection while the site is imported (a test checks
# it), so no worker inherits one; new code needs a restart, as every deploy does (make dev reloads).
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "wisebusiness"
# Gunicorn's control socket has one path per user: two instances on one machine would fight
# over it. Restarts and reloads go through signals (systemd, make) instead.
control_socket_disable = True
# The heartbeat file in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Access log to stdout, errors to stderr: systemd's journal (or the terminal) keeps both.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Who, what, status, size, time in ms; the client address is nginx's unless logged there.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def pre_fork(server, worker):
    # What the master imported lives as long as the workers: frozen, out of the collector's sight,
    # a worker's full collections skip its 200,000 objects (205 ms, then 0, on a search page of
    # the bench) and leave the memory pages it shares with the master unwritten.
    gc.freeze()


def when_ready(server):
    for address in bind:
        print(
            f"WISE Business is serving on http://{address}/ "
            f"(gunicorn, {workers} {worker_class} workers"
            f"{f' x {threads} threads' if threads > 1 else ''}; Ctrl-C stops it).",
            flush=True,
        )
