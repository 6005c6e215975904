"""The site's own settings with one addition, for bench/http_bench.py: a bare view at /bench/ok/.

Never used in production: gunicorn gets ``DJANGO_SETTINGS_MODULE=bench.settings`` only from the
benchmark, which sets every other setting through the environment as production does.
"""

from wisebusiness.settings import *  # noqa: F403 (the whole site, unchanged)

ROOT_URLCONF = "bench.urls"
