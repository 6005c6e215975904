"""Scale-out run: two gunicorn instances behind nginx on shared PostgreSQL, Redis and S3 storage.

    make scale-demo          # or: .venv/bin/python bench/scale_demo.py [--ports 18020-18029]

Starts, all on 127.0.0.1 and all stopped at the end (also on a failure or Ctrl-C):

- PostgreSQL: the embedded server (or the one of DATABASE_URL), with a database of its own,
  ``wisebusiness_scale``, made afresh and loaded with the demo content (never the developer's);
- Redis (Debian's redis-server) for the cache and sessions;
- an S3-compatible server (moto's server mode, from PyPI) with a public and a private bucket;
- two gunicorn instances of the site (deploy/gunicorn.conf.py), A and B;
- nginx (Debian) in front, round robin with retries of idempotent requests, using the same
  proxy settings as production (deploy/nginx/proxy_params.conf); a second nginx port sends
  everything to A alone, for the one-instance throughput.

Debian's redis-server, nginx and wrk are installed with apt-get when missing. Then every check
of issue 19 runs through the load balancer and prints PASS or FAIL; the exit status is 1 when
any failed. Ports: the first free ones in 18020-18029 (``--ports`` or SCALE_DEMO_PORTS to
choose another range).
"""

import argparse
import collections
import concurrent.futures
import contextlib
import html.parser
import http.client
import http.cookies
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import wrk as bench_wrk  # noqa: E402

BIN = Path(sys.executable).parent
DATABASE = os.environ.get("WISE_SCALE_DB", "wisebusiness_scale")
PUBLIC_BUCKET, PRIVATE_BUCKET = "wise-media", "wise-private"
DEMO_PASSWORD = "wise-demo-2026"  # the demo's partner editors (organisations/demo)
LOAD_SECONDS, KILL_AT, RESTART_AT = 60, 20, 40
THROUGHPUT_SECONDS = 15
CONNECTIONS = 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --------------------------------------------------------------------------- processes


class Processes:
    """Every process this run starts, each in its own process group, stopped in reverse order."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        process.log = log
        self.running[name] = process
        return process

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group: a crash, not a shutdown."""
        process = self.running.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        process.log.close()

    def stop(self, name: str, timeout: float = 10) -> None:
        process = self.running.pop(name, None)
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.log.close()

    def stop_all(self) -> None:
        for name in reversed(list(self.running)):
            self.stop(name)


def wait_until(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError as error:
            last = error
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s ({last})")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pick_ports(spec: str, count: int) -> list[int]:
    start, _, end = spec.partition("-")
    candidates = range(int(start), int(end or start) + 1)
    free = [port for port in candidates if port_is_free(port)][:count]
    if len(free) < count:
        raise SystemExit(
            f"Need {count} free ports in {spec}, found {free}: choose another range with --ports."
        )
    return free


def ensure_debian_packages(binaries: dict[str, str]) -> None:
    """apt-get install the packages whose binaries are missing, without starting their services."""
    missing = [package for binary, package in binaries.items() if shutil.which(binary) is None]
    if not missing:
        return
    print(f"Installing {', '.join(missing)} from Debian …", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    policy = Path("/usr/sbin/policy-rc.d")
    # Debian's postinst would start redis and nginx as system services: forbid it (exit 101).
    made_policy = os.geteuid() == 0 and not policy.exists()
    if made_policy:
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
    try:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
            check=True,
            env=env,
        )
    finally:
        if made_policy:
            policy.unlink()


# --------------------------------------------------------------------------- HTTP client


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    upstream: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    """A browser without JavaScript: cookies, forms, one connection per request."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Connection": "close", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            data = raw.read()
        finally:
            connection.close()
        for header in raw.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        headers = {name.lower(): value for name, value in raw.getheaders()}
        return Response(raw.status, headers, data, headers.get("x-upstream", ""))

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]], files: dict | None = None) -> Response:
        boundary = secrets.token_hex(16)
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + value.encode()
                + b"\r\n"
            )
        for name, (filename, content, content_type) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def login(self, username: str, password: str) -> Response:
        page = self.get("/admin/login/")
        fields = form_fields(page.text, "login-form")
        fields = [(n, v) for n, v in fields if n not in {"username", "password"}]
        fields += [("username", username), ("password", password), ("next", "/admin/")]
        return self.post("/admin/login/", fields)


class FormParser(html.parser.HTMLParser):
    """The fields a browser would submit from one form (no JavaScript, no file inputs)."""

    def __init__(self, form_id: str | None):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select: tuple[str, bool] | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "select" and name:
            self.select = (name, False)
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select[0], attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            value = "".join(self.text)
            self.fields.append((self.textarea, value[1:] if value.startswith("\n") else value))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


def form_fields(page: str, form_id: str | None = None) -> list[tuple[str, str]]:
    parser = FormParser(form_id)
    parser.feed(page)
    return [(name, value) for name, value in parser.fields if "__prefix__" not in name]


def replace_field(fields, name: str, value: str) -> list[tuple[str, str]]:
    return [(n, v) for n, v in fields if n != name] + [(name, value)]


def field_value(fields, name: str) -> str:
    return next(v for n, v in fields if n == name)


# --------------------------------------------------------------------------- the run


@dataclass
class Run:
    folder: Path
    processes: Processes
    ports: dict[str, int]
    env: dict = field(default_factory=dict)
    results: list[tuple[bool, str, str]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    instance_generation: dict = field(default_factory=lambda: {"a": 0, "b": 0})

    # -- reporting

    def check(self, name: str, passed: bool, detail: str = "") -> bool:
        self.results.append((passed, name, detail))
        print(f"{'PASS' if passed else 'FAIL'}  {name}" + (f" — {detail}" if detail else ""), flush=True)
        return passed

    def instance_of(self, upstream: str) -> str:
        last = upstream.split(",")[-1].strip()
        for name in ("a", "b"):
            if last == f"127.0.0.1:{self.ports[name]}":
                return name.upper()
        return upstream or "?"

    # -- services

    def manage(self, *args: str) -> None:
        subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def start_redis(self) -> None:
        self.processes.start(
            "redis",
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.ports["redis"]),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        wait_until(lambda: redis_ping(self.ports["redis"]), "redis-server", 20)

    def start_instance(self, name: str) -> None:
        self.instance_generation[name] += 1
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.ports[name]}"}
        self.processes.start(
            f"gunicorn-{name}-{self.instance_generation[name]}",
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "wisebusiness.wsgi"],
            env,
        )
        self.processes.running[name] = self.processes.running.pop(
            f"gunicorn-{name}-{self.instance_generation[name]}"
        )

    def instance_ready(self, name: str) -> bool:
        return Client(self.ports[name]).get("/healthz").status == 200


def redis_ping(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
        connection.sendall(b"PING\r\n")
        return connection.recv(16).startswith(b"+PONG")


def s3_client(port: int):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="eu-central-1",
        aws_access_key_id="scale-demo",
        aws_secret_access_key="scale-demo",
    )


def prepare_s3(port: int) -> None:
    client = s3_client(port)
    for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
        client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    # The public bucket: anyone may read an object, nobody may list. The private one: nothing.
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{PUBLIC_BUCKET}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=PUBLIC_BUCKET, Policy=json.dumps(policy))
    client.put_public_access_block(
        Bucket=PRIVATE_BUCKET,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )


def bucket_keys(port: int, bucket: str) -> list[str]:
    response = s3_client(port).list_objects_v2(Bucket=bucket)
    return [item["Key"] for item in response.get("Contents", [])]


def database_url() -> str:
    """A fresh database for this run on the developer's server (embedded or DATABASE_URL)."""
    import psycopg2
    from psycopg2 import sql

    sys.path.insert(0, str(ROOT))
    if url := os.environ.get("DATABASE_URL"):
        parts = urllib.parse.urlsplit(url)
        admin = {"dsn": urllib.parse.urlunsplit(parts._replace(path="/postgres"))}
        scale_url = urllib.parse.urlunsplit(parts._replace(path=f"/{DATABASE}"))
    else:
        from wisebusiness.embedded_db import database_settings

        settings = database_settings()
        admin = {"dbname": "postgres", "user": settings["USER"], "host": settings["HOST"]}
        scale_url = f"postgres://{settings['USER']}@/{DATABASE}?host={urllib.parse.quote(settings['HOST'])}"
    connection = psycopg2.connect(**admin)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    connection.close()
    return scale_url


def nginx_config(run: Run) -> Path:
    """The production proxy settings in a loopback-only config: LB port (A and B), single port (A)."""
    folder = run.folder / "nginx"
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / sub).chmod(0o777)  # nginx's workers drop root privileges
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    a, b, moto = run.ports["a"], run.ports["b"], run.ports["moto"]
    proxy_params = ROOT / "deploy" / "nginx" / "proxy_params.conf"
    static_root = ROOT / ".data"
    servers = "\n".join(
        nginx_server(run, port, upstream, static_root, proxy_params)
        for port, upstream in ((run.ports["lb"], "both"), (run.ports["single"], "only_a"))
    )
    # (Indentation means nothing to nginx: the text is written as it stands.)
    text = f"""\
        {user}
        worker_processes 1;
        pid {folder}/nginx.pid;
        error_log {folder}/error.log warn;
        events {{ worker_connections 1024; }}
        http {{
            include /etc/nginx/mime.types;
            default_type application/octet-stream;
            access_log {folder}/access.log;
            client_body_temp_path {folder}/client_body;
            proxy_temp_path {folder}/proxy;
            fastcgi_temp_path {folder}/fastcgi;
            uwsgi_temp_path {folder}/uwsgi;
            scgi_temp_path {folder}/scgi;
            client_max_body_size 12m;
            gzip on;
            gzip_vary on;
            gzip_proxied any;
            gzip_types text/css application/javascript application/json application/xml image/svg+xml;
            map $uri $static_cache {{
                "~\\.[0-9a-f]{{12}}\\.[A-Za-z0-9]+$" "public, max-age=31536000, immutable";
                default "public, max-age=3600";
            }}
            upstream both {{
                server 127.0.0.1:{a} max_fails=1 fail_timeout=5s;
                server 127.0.0.1:{b} max_fails=1 fail_timeout=5s;
                keepalive 16;
                keepalive_timeout 4s;
            }}
            upstream only_a {{
                server 127.0.0.1:{a};
                keepalive 16;
                keepalive_timeout 4s;
            }}
            upstream media {{
                server 127.0.0.1:{moto};
            }}
{servers}
        }}
    """
    path = folder / "nginx.conf"
    path.write_text(text)
    return path


def nginx_server(run: Run, port: int, upstream: str, static_root: Path, proxy_params: Path) -> str:
    moto = run.ports["moto"]
    return textwrap.dedent(
        f"""\
        server {{
            listen 127.0.0.1:{port};
            server_name 127.0.0.1;
            location /static/ {{
                root {static_root};
                gzip_static on;
                add_header Cache-Control $static_cache;
            }}
            # Public media from the public bucket: objects only, no listing, no query string.
            location = /media/ {{ return 404; }}
            location /media/ {{
                limit_except GET HEAD {{ deny all; }}
                rewrite ^/media/(.+)$ /{PUBLIC_BUCKET}/$1? break;
                proxy_pass http://media;
                proxy_set_header Host 127.0.0.1:{moto};
                proxy_set_header Authorization "";
                proxy_set_header Cookie "";
                proxy_hide_header Set-Cookie;
            }}
            location / {{
                include {proxy_params};
                # Demo only (never in production): which instance answered.
                add_header X-Upstream $upstream_addr always;
                proxy_pass http://{upstream};
            }}
        }}
        """
    )


# --------------------------------------------------------------------------- checks


def other_instance(client: Client, path: str, not_on: str, tries: int = 8) -> Response:
    """GET through the load balancer until the other instance answers."""
    response = client.get(path)
    for _ in range(tries):
        if response.upstream and not response.upstream.endswith(not_on):
            return response
        response = client.get(path)
    return response


def last_upstream(response: Response) -> str:
    return response.upstream.split(",")[-1].strip()


def check_sessions(run: Run, admin_password: str) -> Client:
    client = Client(run.ports["lb"])
    login = client.login("scale-admin", admin_password)
    logged_in_on = last_upstream(login)
    page = other_instance(client, "/admin/", logged_in_on)
    run.check(
        "shared sessions: log in on one instance, keep working on the other",
        login.status == 302
        and page.status == 200
        and "logout" in page.text
        and last_upstream(page) != logged_in_on,
        f"logged in on {run.instance_of(login.upstream)}, "
        f"/admin/ {page.status} on {run.instance_of(page.upstream)}",
    )
    return client


def check_editor_save(run: Run) -> None:
    editor = Client(run.ports["lb"])
    editor.login("editor-it", DEMO_PASSWORD)
    changelist = editor.get("/admin/catalogue/tool/?status__exact=published")
    change = re.search(r'href="(/admin/catalogue/tool/(\d+)/change/[^"]*)"', changelist.text)
    form_page = editor.get(f"/admin/catalogue/tool/{change.group(2)}/change/")
    fields = form_fields(form_page.text, "tool_form")
    slug = field_value(fields, "slug")
    visitor = Client(run.ports["lb"])
    for _ in range(2):  # both instances render (and may cache) the page before the edit
        visitor.get(f"/en/catalogue/{slug}/")
    token = f"Checked in the scale-out run {secrets.token_hex(4)}."
    fields = [*replace_field(fields, "summary_en", token), ("_save", "Save")]
    saved = editor.post(form_page_path(change.group(1)), fields)
    saved_on = last_upstream(saved)
    page = other_instance(visitor, f"/en/catalogue/{slug}/", saved_on)
    run.check(
        "an editor saves on one instance, the next anonymous request on the other shows it",
        saved.status == 302 and page.status == 200 and token in page.text and last_upstream(page) != saved_on,
        f"saved on {run.instance_of(saved.upstream)} ({saved.status}), "
        f"/en/catalogue/{slug}/ on {run.instance_of(page.upstream)} "
        f"{'shows' if token in page.text else 'lacks'} it",
    )


def form_page_path(href: str) -> str:
    return href.split("?")[0]


def lesson_change_form(editor: Client) -> tuple[str, list, str]:
    changelist = editor.get("/admin/courses/lesson/?status__exact=published")
    lesson_id = re.search(r'href="/admin/courses/lesson/(\d+)/change/', changelist.text).group(1)
    path = f"/admin/courses/lesson/{lesson_id}/change/"
    page = editor.get(path)
    public = re.search(r'href="(/[a-z]{2}/courses/[^"?]+/)\?preview=1"', page.text).group(1)
    return path, form_fields(page.text, "lesson_form"), public


def upload_attachment(editor: Client, path: str, fields: list, content: bytes, filename: str) -> Response:
    index = int(field_value(fields, "attachments-TOTAL_FORMS"))
    fields = replace_field(fields, "attachments-TOTAL_FORMS", str(index + 1))
    lesson_id = path.strip("/").split("/")[-2]
    fields += [
        (f"attachments-{index}-title", "Scale-out run handout"),
        (f"attachments-{index}-role", "worksheet"),
        (f"attachments-{index}-order", "9"),
        (f"attachments-{index}-lesson", lesson_id),
        (f"attachments-{index}-id", ""),
        ("_save", "Save"),
    ]
    files = {f"attachments-{index}-file": (filename, content, "application/pdf")}
    return editor.post(path, fields, files)


def check_attachment(run: Run) -> None:
    editor = Client(run.ports["lb"])
    editor.login("editor-it", DEMO_PASSWORD)
    path, fields, public = lesson_change_form(editor)
    token = secrets.token_hex(6)
    content = PDF.replace(b"%%EOF", f"% {token}\n%%EOF".encode())
    filename = f"scale-{token}.pdf"
    saved = upload_attachment(editor, path, fields, content, filename)
    saved_on = last_upstream(saved)
    visitor = Client(run.ports["lb"])
    lesson = other_instance(visitor, public, saved_on)
    link = re.search(rf'href="([^"]*/files/\d+/{re.escape(filename)})"', lesson.text)
    download = other_instance(visitor, link.group(1), saved_on) if link else None
    private_keys = bucket_keys(run.ports["moto"], PRIVATE_BUCKET)
    public_keys = bucket_keys(run.ports["moto"], PUBLIC_BUCKET)
    stored = [key for key in private_keys if key.endswith(filename)]
    raw = Client(run.ports["lb"]).get(f"/media/{stored[0]}") if stored else None
    run.check(
        "an attachment uploaded through one instance downloads through the other (from object storage)",
        saved.status == 302
        and download is not None
        and download.status == 200
        and download.body == content
        and last_upstream(download) != saved_on,
        f"uploaded on {run.instance_of(saved.upstream)} ({saved.status}), downloaded on "
        f"{run.instance_of(download.upstream) if download else '-'} "
        f"({download.status if download else 'no link'}, {len(download.body) if download else 0} bytes)",
    )
    run.check(
        "the private file is only in the private bucket, never under the public /media/",
        bool(stored)
        and not any(key.endswith(filename) for key in public_keys)
        and not any(key.startswith("courses/") for key in public_keys)
        and raw is not None
        and raw.status in (403, 404)
        and Client(run.ports["lb"]).get("/media/").status == 404,
        f"{stored[0] if stored else 'not stored'} in {PRIVATE_BUCKET}; "
        f"/media/{stored[0] if stored else '…'} answers {raw.status if raw else '-'}; /media/ lists nothing",
    )


def check_lockout(run: Run) -> None:
    """django-axes counts failed logins in the database that every instance shares."""
    client = Client(run.ports["lb"])
    username = f"scale-lockout-{secrets.token_hex(3)}"
    form = [
        (n, v)
        for n, v in form_fields(client.get("/admin/login/").text, "login-form")
        if n == "csrfmiddlewaretoken"
    ]
    fields = [*form, ("username", username), ("password", "wrong-password"), ("next", "/admin/")]
    # One POST after another (no form page in between), so round robin spreads them over A and B.
    attempts = [client.post("/admin/login/", fields) for _ in range(4)]
    locked = client.post("/admin/login/", fields)
    instances = {run.instance_of(response.upstream) for response in attempts}
    run.check(
        "rate limits count across instances (login lockout after 5 failures spread over A and B)",
        all(response.status == 200 for response in attempts)
        and locked.status == 429
        and instances == {"A", "B"},
        f"4 failures on {'+'.join(sorted(instances))} answered {sorted({r.status for r in attempts})}, "
        f"the 5th {locked.status}",
    )


def public_paths(client: Client) -> list[str]:
    """Every page the sitemap lists: /sitemap.xml is an index whose sections list the pages."""
    sections = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").text)
    locations = []
    for section in sections:
        split = urllib.parse.urlsplit(section)
        section_path = split.path + (f"?{split.query}" if split.query else "")
        locations += re.findall(r"<loc>([^<]+)</loc>", client.get(section_path).text)
    return sorted({urllib.parse.urlsplit(location).path for location in locations})


def check_public_pages(run: Run) -> None:
    client = Client(run.ports["lb"])
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda path: (path, Client(run.ports["lb"]).get(path)), run.paths))
    answered = collections.Counter(run.instance_of(response.upstream) for _, response in responses)
    failures = [f"{path} {response.status}" for path, response in responses if response.status != 200]
    languages = sorted({path.split("/")[1] for path in run.paths if re.match(r"^/[a-z]{2}/", path)})
    run.check(
        "every public page of the sitemap answers 200 through the load balancer",
        not failures and len(languages) == 7 and len(run.paths) > 100,
        f"{len(run.paths)} pages in {len(languages)} languages ({', '.join(languages)}), "
        f"A served {answered.get('A', 0)}, B {answered.get('B', 0)}"
        + (f"; failed: {', '.join(failures[:5])}" if failures else ""),
    )
    home = client.get("/en/")
    static = re.search(r'href="(/static/[^"]+\.css)"', home.text)
    static_response = client.get(static.group(1)) if static else None
    article = next((p for p in run.paths if re.match(r"^/en/articles/[^/]+/$", p)), None)
    media = re.search(r'src="(/media/[^"]+)"', client.get(article).text) if article else None
    media_response = client.get(media.group(1)) if media else None
    extras = {
        "/robots.txt": client.get("/robots.txt").status,
        "/healthz": client.get("/healthz").status,
        "/readyz": client.get("/readyz").status,
        "static css": static_response.status if static_response else None,
        "hero image from the public bucket": media_response.status if media_response else None,
    }
    run.check(
        "robots.txt, health checks, a static file and a public media file through nginx",
        all(status == 200 for status in extras.values())
        and media_response.headers.get("content-type", "").startswith("image/")
        and "immutable" in static_response.headers.get("cache-control", ""),
        ", ".join(f"{name} {status}" for name, status in extras.items()),
    )


def wrk(run: Run, port: int, seconds: int, name: str) -> subprocess.Popen:
    """The mixed load in the background: CONNECTIONS connections cycling through the public pages."""
    url = f"http://127.0.0.1:{port}"
    return bench_wrk.start(run.folder, name, url, connections=CONNECTIONS, seconds=seconds, paths=run.paths)


def wrk_result(run: Run, process: subprocess.Popen, name: str) -> dict:
    return bench_wrk.result(run.folder, process, name)


def throughput(run: Run) -> tuple[dict, dict]:
    one = wrk_result(run, wrk(run, run.ports["single"], THROUGHPUT_SECONDS, "one"), "one")
    two = wrk_result(run, wrk(run, run.ports["lb"], THROUGHPUT_SECONDS, "two"), "two")
    return one, two


def check_kill_under_load(run: Run) -> dict:
    load = wrk(run, run.ports["lb"], LOAD_SECONDS, "kill")
    time.sleep(KILL_AT)
    run.processes.kill("a")
    print(f"      … instance A killed (SIGKILL) at {KILL_AT} s", flush=True)
    time.sleep(RESTART_AT - KILL_AT)
    run.start_instance("a")
    print(f"      … instance A restarted at {RESTART_AT} s", flush=True)
    result = wrk_result(run, load, "kill")
    log = run.folder / f"gunicorn-a-{run.instance_generation['a']}.log"
    served_after_restart = len(re.findall(r'"GET /', log.read_text())) if log.exists() else 0
    if not served_after_restart:
        # On a busy machine a cold instance may need longer than the load's last 20 s: it must
        # rejoin the rotation all the same.
        with contextlib.suppress(RuntimeError):
            wait_until(lambda: run.instance_ready("a"), "instance A", 60)
        client = Client(run.ports["lb"])
        for _ in range(20):
            if client.get("/healthz").upstream.endswith(f":{run.ports['a']}"):
                served_after_restart = 1
                break
            time.sleep(0.5)
    # nginx retries on B whatever A had not begun to answer; a response A was in the middle of
    # sending when it was killed is cut off (nothing can be retried once bytes reached the client).
    # At most one per request A was serving: its workers x threads.
    in_flight = int(os.environ.get("WEB_CONCURRENCY", "2")) * int(os.environ.get("GUNICORN_THREADS") or 1)
    cut_off = result["read"]
    run.check(
        f"{LOAD_SECONDS} s of {CONNECTIONS} connections, instance A killed at {KILL_AT} s and restarted "
        f"at {RESTART_AT} s: no error seen by clients but the responses A was sending when killed "
        f"(at most {in_flight})",
        result["errors"] == cut_off <= in_flight and result["requests"] > 0 and served_after_restart > 0,
        f"{result['requests']} requests, {result['errors']} errors "
        f"(connect {result['connect']}, read {result['read']}, write {result['write']}, "
        f"status {result['status']}, timeout {result['timeout']}), {result['rps']:.1f} req/s, "
        f"p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms; "
        f"A back in rotation after its restart ({served_after_restart} requests served)",
    )
    return result


def check_redis_down(run: Run, admin: Client, admin_password: str) -> None:
    run.processes.stop("redis")
    readiness = {name: Client(run.ports[name]).get("/readyz") for name in ("a", "b")}
    sample = [p for p in run.paths if re.match(r"^/[a-z]{2}/(catalogue/|courses/|articles/|$)", p)][::9][:30]
    client = Client(run.ports["lb"])
    statuses = [client.get(path).status for path in sample]
    admin_pages = [admin.get("/admin/") for _ in range(4)]
    fresh = Client(run.ports["lb"])
    fresh_login = fresh.login("editor-it", DEMO_PASSWORD)
    fresh_page = other_instance(fresh, "/admin/", last_upstream(fresh_login))
    run.check(
        "Redis stopped: readiness 503 on both instances, pages 200, sessions fall back to the database",
        all(r.status == 503 and json.loads(r.body).get("cache") == "unreachable" for r in readiness.values())
        and all(status == 200 for status in statuses)
        and all(page.status == 200 and "logout" in page.text for page in admin_pages)
        and {run.instance_of(page.upstream) for page in admin_pages} == {"A", "B"}
        and fresh_login.status == 302
        and fresh_page.status == 200,
        f"/readyz A {readiness['a'].status} B {readiness['b'].status}; {len(sample)} pages "
        f"{sorted(set(statuses))}; logged-in admin {sorted({p.status for p in admin_pages})} on A and B; "
        f"a new login {fresh_login.status}, then /admin/ {fresh_page.status} on the other instance",
    )
    run.start_redis()
    try:
        wait_until(
            lambda: all(Client(run.ports[n]).get("/readyz").status == 200 for n in ("a", "b")), "ready", 20
        )
        recovered = True
    except RuntimeError:
        recovered = False
    run.check("Redis back: both instances ready again", recovered)


def check_storage_down(run: Run) -> None:
    editor = Client(run.ports["lb"])
    editor.login("editor-it", DEMO_PASSWORD)
    path, fields, public = lesson_change_form(editor)
    attachments_before = field_value(fields, "attachments-INITIAL_FORMS")
    run.processes.stop("moto")
    readiness = Client(run.ports["lb"]).get("/readyz")
    pages = [p for p in run.paths if re.match(r"^/[a-z]{2}/(courses|articles)/[^/]+/", p)][::5][:20]
    client = Client(run.ports["lb"])
    statuses = [client.get(page).status for page in [*pages, public]]
    upload = upload_attachment(editor, path, fields, PDF, "while-storage-is-down.pdf")
    after = form_fields(editor.get(path).text, "lesson_form")
    run.check(
        "object storage stopped: pages render, readiness 503, "
        "an admin upload gives a clear error and saves nothing",
        readiness.status == 503
        and json.loads(readiness.body).get("storage") == "unreachable"
        and all(status == 200 for status in statuses)
        and upload.status == 503
        and "The file storage cannot be reached right now" in upload.text
        and field_value(after, "attachments-INITIAL_FORMS") == attachments_before,
        f"/readyz {readiness.status}; {len(statuses)} lesson and article pages {sorted(set(statuses))}; "
        f"upload {upload.status}; attachments {attachments_before} before, "
        f"{field_value(after, 'attachments-INITIAL_FORMS')} after",
    )


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ports", default=os.environ.get("SCALE_DEMO_PORTS", "18020-18029"))
    parser.add_argument("--keep-logs", action="store_true", help="Keep the run's folder of logs.")
    args = parser.parse_args()

    ensure_debian_packages({"redis-server": "redis-server", "nginx": "nginx", "wrk": "wrk"})
    names = ["lb", "single", "a", "b", "redis", "moto"]
    ports = dict(zip(names, pick_ports(args.ports, len(names)), strict=True))
    folder = Path(tempfile.mkdtemp(prefix="wise-scale-"))
    folder.chmod(0o755)
    processes = Processes(folder)
    run = Run(folder, processes, ports)
    started = time.monotonic()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        print(f"Ports: {ports}; logs in {folder}", flush=True)
        print(f"Database {DATABASE} (fresh) …", flush=True)
        admin_password = secrets.token_urlsafe(12)
        run.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("GUNICORN_", "S3_", "DJANGO_SUPERUSER"))
            },
            "DJANGO_ENV": "development",  # no TLS on loopback; DEBUG stays off
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),  # one key for every instance
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url(),
            "CACHE_URL": f"redis://127.0.0.1:{ports['redis']}/0",
            "MEDIA_STORAGE": "s3",
            "S3_BUCKET": PUBLIC_BUCKET,
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{ports['moto']}",
            "S3_REGION": "eu-central-1",
            "S3_ACCESS_KEY_ID": "scale-demo",
            "S3_SECRET_ACCESS_KEY": "scale-demo",
            "S3_ADDRESSING_STYLE": "path",
            "SERVE_MEDIA": "false",  # nginx serves /media/ from the public bucket
            "TRUSTED_PROXY_COUNT": "1",  # nginx in front, as in production
            "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SUPERUSER_USERNAME": "scale-admin",
            "DJANGO_SUPERUSER_EMAIL": "scale-admin@example.org",
            "DJANGO_SUPERUSER_PASSWORD": admin_password,
        }
        print("Redis, S3 (moto) …", flush=True)
        run.start_redis()
        processes.start("moto", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(ports["moto"])])
        wait_until(lambda: Client(ports["moto"]).get("/").status == 200, "moto_server", 30)
        prepare_s3(ports["moto"])
        print("Migrations, translations, static files, demo content …", flush=True)
        run.manage("migrate", "--noinput", "-v", "0")
        run.manage("compilemessages", "--ignore=.venv", "--ignore=.data", "-v", "0")
        run.manage("collectstatic", "--noinput", "-v", "0")
        run.manage("load_demo")
        # A database just filled has no planner statistics yet; a production one has.
        analyze = "from django.db import connection; connection.cursor().execute('ANALYZE')"
        run.manage("shell", "--no-imports", "-c", analyze)
        run.manage("createsuperuser", "--noinput")
        print("Two gunicorn instances, nginx …", flush=True)
        for name in ("a", "b"):
            run.start_instance(name)
        for name in ("a", "b"):
            wait_until(lambda name=name: run.instance_ready(name), f"gunicorn {name.upper()}", 60)
        config = nginx_config(run)
        processes.start(
            "nginx",
            [
                shutil.which("nginx"),
                "-c",
                str(config),
                "-e",
                str(folder / "nginx" / "error.log"),
                "-g",
                "daemon off;",
            ],
        )
        wait_until(lambda: Client(ports["lb"]).get("/healthz").status == 200, "nginx", 20)
        print(
            f"Load balancer http://127.0.0.1:{ports['lb']}/ → A :{ports['a']}, B :{ports['b']} "
            f"(setup {time.monotonic() - started:.0f} s)\n",
            flush=True,
        )

        run.paths = public_paths(Client(run.ports["lb"]))
        admin = check_sessions(run, admin_password)
        check_editor_save(run)
        check_attachment(run)
        check_lockout(run)
        check_public_pages(run)
        print(
            f"      … throughput: {THROUGHPUT_SECONDS} s of {CONNECTIONS} connections, one instance then two",
            flush=True,
        )
        one, two = throughput(run)
        print(
            f"      … {LOAD_SECONDS} s of {CONNECTIONS} connections with instance A killed and restarted",
            flush=True,
        )
        check_kill_under_load(run)
        check_redis_down(run, admin, admin_password)
        check_storage_down(run)

        print(
            f"\nThroughput over the {len(run.paths)} public pages (mixed, gzip), {CONNECTIONS} connections, "
            f"{THROUGHPUT_SECONDS} s each, through nginx, {os.cpu_count()} CPUs:"
        )
        print(f"{'':<16}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for label, result in (("one instance", one), ("two instances", two)):
            print(
                f"{label:<16}{result['rps']:>8.1f}{result['p50_ms']:>9.0f}{result['p99_ms']:>9.0f}{result['errors']:>8}"
            )
        print(f"ratio two/one: {two['rps'] / one['rps']:.2f}")
    except KeyboardInterrupt:
        run.check("the run finished", False, "interrupted")
    except Exception as error:  # a step that could not run is a failed check, then the teardown
        run.check("the run finished", False, f"{type(error).__name__}: {error}")
        import traceback

        traceback.print_exc()
    finally:
        processes.stop_all()

    failed = [name for passed, name, _ in run.results if not passed]
    print(f"\n{len(run.results) - len(failed)} passed, {len(failed)} failed")
    print(f"(total {time.monotonic() - started:.0f} s)")
    if failed or args.keep_logs:
        print(f"Logs kept in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
