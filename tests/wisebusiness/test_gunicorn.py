"""The one gunicorn configuration (make run, the scale demo, systemd) as gunicorn itself reads it."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def gunicorn_config(**env: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"GUNICORN_BIND", "WEB_CONCURRENCY", "GUNICORN_THREADS", "PORT", "GUNICORN_CMD_ARGS"}
    }
    environment.update(env)
    result = subprocess.run(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "--print-config", "wisebusiness.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.MULTILINE))


def test_gunicorn_binds_the_loopback_address_by_default_even_when_port_is_set():
    # Gunicorn alone would listen on every interface when PORT is in the environment.
    assert gunicorn_config()["bind"] == "['127.0.0.1:8000']"
    assert gunicorn_config(PORT="9000")["bind"] == "['127.0.0.1:8000']"


def test_gunicorn_workers_follow_the_cpus_or_web_concurrency():
    config = gunicorn_config()
    assert int(config["workers"]) == len(os.sched_getaffinity(0))
    assert (config["worker_class"], config["threads"]) == ("sync", "1")
    config = gunicorn_config(WEB_CONCURRENCY="3", GUNICORN_THREADS="4", GUNICORN_BIND="127.0.0.1:8021")
    assert (config["workers"], config["threads"], config["bind"]) == ("3", "4", "['127.0.0.1:8021']")
    assert config["worker_class"] == "gthread"


def test_gunicorn_logs_access_to_stdout_and_two_instances_do_not_share_a_control_socket():
    config = gunicorn_config()
    assert config["accesslog"] == "-"
    assert config["control_socket_disable"] == "True"
    assert config["forwarded_allow_ips"] == "['127.0.0.1', '::1']"


def test_the_site_is_imported_by_the_master_and_opens_no_connection_while_it_is():
    assert gunicorn_config()["preload_app"] == "True"
    # What a forked worker would inherit: no database connection, no thread.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import threading, wisebusiness.wsgi; from django.db import connections;"
            "print(sum(c.connection is not None for c in connections.all(initialized_only=True)),"
            " threading.active_count())",
        ],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "false"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "1"]


def test_the_master_freezes_what_it_imported_before_each_fork():
    import gc
    import importlib.util

    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "deploy" / "gunicorn.conf.py")
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    gc.unfreeze()
    try:
        config.pre_fork(server=None, worker=None)
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
