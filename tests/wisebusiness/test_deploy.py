"""The production nginx configuration as nginx itself reads it, and the headers it sends on."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.services import require

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_proxy_settings_overwrite_every_forwarded_header_a_client_could_send():
    lines = (DEPLOY / "nginx" / "proxy_params.conf").read_text().splitlines()
    text = "\n".join(line.split("#")[0].strip() for line in lines)  # the directives, not the comments
    settings = dict(re.findall(r"^proxy_set_header\s+(\S+)\s+(.+?);", text, re.MULTILINE))
    assert settings["Host"] == "$server_name"
    assert settings["X-Forwarded-For"] == "$remote_addr"  # replaced, never appended to
    assert settings["X-Forwarded-Proto"] == "$scheme"
    assert settings["X-Forwarded-Host"] == settings["Forwarded"] == '""'
    assert "$proxy_add_x_forwarded_for" not in text and "$http_" not in text
    # Retries of idempotent requests only: never `non_idempotent`.
    assert re.search(r"^proxy_next_upstream error timeout", text, re.MULTILINE)
    assert "non_idempotent" not in text


def test_the_production_nginx_configuration_is_valid(tmp_path):
    nginx = require("nginx", "apt-get install nginx")
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl to make a test certificate")
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=wise.example.org",
            "-keyout",
            str(tmp_path / "privkey.pem"),
            "-out",
            str(tmp_path / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx" / "wisebusiness.conf").read_text()
    site = site.replace("/etc/ssl/wisebusiness", str(tmp_path))
    site = site.replace(
        "/etc/nginx/wisebusiness_proxy_params.conf", str(DEPLOY / "nginx" / "proxy_params.conf")
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
