"""``manage.py check_links`` against a local HTTP server started by the test: never the internet."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory

from catalogue.management.commands.check_links import check_url
from catalogue.models import Tool
from tests.catalogue.factories import ToolFactory


class Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool):
        if self.path == "/ok":
            self._send(200, with_body)
        elif self.path == "/missing":
            self._send(404, with_body)
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/moved":
            self._redirect("/ok")
        elif self.path.startswith("/chain"):
            number = int(self.path.removeprefix("/chain") or 0)
            self._redirect(f"/chain{number + 1}")
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, with_body)
        elif self.path == "/no-head" and self.command == "HEAD":
            self._send(405, with_body)
        elif self.path == "/no-head":
            self._send(200, with_body)
        else:
            self._send(500, with_body)

    def _send(self, status, with_body):
        body = b"<!doctype html><title>test</title>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(with_body=False)

    def do_GET(self):
        self._answer(with_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("path", "ok", "problem", "status"),
    [
        ("/ok", True, "", 200),
        ("/moved", True, "", 200),
        ("/no-head", True, "", 200),
        ("/missing", False, "http_error", 404),
        ("/loop", False, "redirect_loop", None),
        ("/chain", False, "too_many_redirects", None),
        ("/slow", False, "timeout", None),
    ],
)
def test_check_url(server, path, ok, problem, status):
    result = check_url(server + path, timeout=0.5, max_redirects=3)
    assert (result.ok, result.problem, result.http_status) == (ok, problem, status)


def test_an_address_that_is_not_the_web_is_not_fetched():
    assert check_url("ftp://example.org/file").problem == "not_http"
    assert check_url("file:///etc/passwd").problem == "not_http"


def test_a_closed_port_is_a_connection_problem():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert check_url(f"http://127.0.0.1:{port}/", timeout=0.5).problem == "connection"


def test_the_command_marks_every_tool_and_lists_the_broken_ones(server, db):
    for path in ("/ok", "/missing", "/loop", "/slow"):
        ToolFactory(name=f"Tool at {path}", slug=f"tool{path.replace('/', '-')}", website=server + path)
    draft = ToolFactory(slug="draft-tool", status="draft", website=server + "/missing")
    no_site = ToolFactory(slug="no-site", website="")
    before = {tool.pk: tool.updated for tool in Tool.objects.all()}
    out = StringIO()
    call_command("check_links", timeout=0.5, stdout=out)

    text = out.getvalue()
    assert "Checked 5 websites: 1 work, 4 broken." in text
    assert (
        f"- Tool at /missing (tool-missing): {server}/missing — The website answered with an error (HTTP 404)"
        in text
    )
    assert "It redirects in a circle" in text
    assert "No answer in time" in text
    assert "Tool at /ok" not in text

    found = {tool.slug: tool for tool in Tool.objects.all()}
    assert found["tool-ok"].website_status == "ok"
    assert found["tool-ok"].website_http_status == 200
    assert found["tool-missing"].website_status == "broken"
    assert found["tool-missing"].website_problem == "http_error"
    assert found["tool-loop"].website_problem == "redirect_loop"
    assert found["tool-slow"].website_problem == "timeout"
    assert found[draft.slug].website_status == "broken"  # partners fix their drafts too
    assert found[no_site.slug].website_status == "unchecked"
    assert all(tool.website_checked for slug, tool in found.items() if slug != no_site.slug)
    # A check is not an edit.
    assert {tool.pk: tool.updated for tool in Tool.objects.all()} == before


def test_partners_filter_the_broken_ones_in_the_admin(server, db, admin_user):
    ToolFactory(slug="good", website=server + "/ok")
    ToolFactory(slug="bad", website=server + "/missing")
    call_command("check_links", timeout=0.5, stdout=StringIO())
    model_admin = admin.site._registry[Tool]
    request = RequestFactory().get("/admin/catalogue/tool/", {"website_status": "broken"})
    request.user = admin_user
    changelist = model_admin.get_changelist_instance(request)
    assert [tool.slug for tool in changelist.get_queryset(request)] == ["bad"]
