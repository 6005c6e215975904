"""Media on a real S3-compatible server (moto's server mode): public files in a public bucket,
private files only in the private one, and a store that stops answering."""

import json
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile

from courses.models import Attachment
from editorial.models import Status
from editorial.storage import StorageUnavailable, s3_stores
from tests.catalogue.factories import ToolFactory
from tests.courses.factories import PDF_BYTES, AttachmentFactory, LessonFactory, upload
from tests.courses.test_admin import lesson_form
from tests.services import S3Server, free_port, running

pytestmark = pytest.mark.django_db

PUBLIC, PRIVATE = "wise-media", "wise-private"
# A real PNG: logos are checked by content.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def s3():
    with running(S3Server()) as server:
        client = server.client()
        for bucket in (PUBLIC, PRIVATE):
            client.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": server.region}
            )
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{PUBLIC}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=PUBLIC, Policy=json.dumps(policy))
        yield server


def stores(endpoint: str, server: S3Server) -> dict:
    return {
        **s3_stores(
            bucket=PUBLIC,
            private_bucket=PRIVATE,
            endpoint_url=endpoint,
            region=server.region,
            access_key=server.access_key,
            secret_key=server.secret_key,
            addressing_style="path",
        ),
        "staticfiles": django_settings.STORAGES["staticfiles"],
    }


@pytest.fixture
def on_s3(settings, s3):
    settings.MEDIA_STORAGE = "s3"
    settings.STORAGES = stores(s3.endpoint, s3)
    return s3


@pytest.fixture
def s3_down(settings, s3):
    """The same stores, pointed at a port where nothing listens: a real refused connection."""
    settings.MEDIA_STORAGE = "s3"
    settings.STORAGES = stores(f"http://127.0.0.1:{free_port()}", s3)
    return s3


def keys(server: S3Server, bucket: str) -> list[str]:
    return [item["Key"] for item in server.client().list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_an_attachment_goes_to_the_private_bucket_with_a_private_acl_and_downloads_through_django(
    client, on_s3
):
    attachment = AttachmentFactory(lesson__course__slug="selling")
    name = attachment.file.name
    assert name in keys(on_s3, PRIVATE)
    assert name not in keys(on_s3, PUBLIC)
    grants = on_s3.client().get_object_acl(Bucket=PRIVATE, Key=name)["Grants"]
    assert all("URI" not in grant["Grantee"] for grant in grants), grants  # no AllUsers/AuthenticatedUsers

    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES

    # The admin's link to it is signed and short-lived, never a plain public URL.
    url = attachment.file.url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


def test_a_draft_lessons_attachment_is_refused_to_visitors(client, on_s3):
    attachment = AttachmentFactory(lesson__status=Status.DRAFT)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_a_logo_goes_to_the_public_bucket_with_a_plain_url_on_the_site(client, on_s3):
    tool = ToolFactory(slug="odoo")
    tool.logo.save("odoo.png", ContentFile(PNG))
    assert tool.logo.name in keys(on_s3, PUBLIC)
    assert tool.logo.url == f"/media/{tool.logo.name}"
    head = on_s3.client().head_object(Bucket=PUBLIC, Key=tool.logo.name)
    assert head["CacheControl"] == "public, max-age=86400"
    # What nginx proxies /media/ to: the object, readable without any credentials.
    with urllib.request.urlopen(f"{on_s3.endpoint}/{PUBLIC}/{tool.logo.name}") as anonymous:
        assert anonymous.read() == PNG

    page = client.get("/en/catalogue/odoo/")
    assert page.status_code == 200
    assert f'src="/media/{tool.logo.name}"' in page.content.decode()


def test_readiness_includes_the_object_storage(client, on_s3):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "storage": "ok"}


def test_object_storage_down_readiness_503_and_pages_still_render(client, s3_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "storage": "unreachable"}
    ToolFactory(slug="odoo", logo="catalogue/logos/odoo.png")
    assert client.get("/en/catalogue/").status_code == 200
    assert client.get("/en/catalogue/odoo/").status_code == 200


def test_object_storage_down_a_download_answers_503_with_a_clear_page(client, on_s3, settings):
    attachment = AttachmentFactory()
    settings.STORAGES = stores(f"http://127.0.0.1:{free_port()}", on_s3)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 503
    assert "This file cannot be fetched right now" in response.content.decode()


def test_object_storage_down_an_admin_upload_is_refused_clearly_and_saves_nothing(admin_client, s3_down):
    lesson = LessonFactory(title_en="Planning shifts")
    data = lesson_form(lesson, file=upload("handout.pdf", PDF_BYTES))
    data["title_en"] = "Planning shifts, revised"
    response = admin_client.post(f"/admin/courses/lesson/{lesson.pk}/change/", data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "The file storage cannot be reached right now" in html
    assert "Nothing was saved" in html
    lesson.refresh_from_db()
    assert lesson.title_en == "Planning shifts"
    assert Attachment.objects.count() == 0


def test_a_store_that_fails_during_the_save_rolls_the_admin_save_back(admin_client, on_s3, settings):
    """The bucket answers the check, then refuses the upload (a canned ACL it does not know)."""
    broken = stores(on_s3.endpoint, on_s3)
    broken["private"]["OPTIONS"]["default_acl"] = "no-such-acl"
    settings.STORAGES = broken
    lesson = LessonFactory(title_en="Planning shifts")
    data = lesson_form(lesson, file=upload("handout.pdf", PDF_BYTES))
    data["title_en"] = "Planning shifts, revised"
    response = admin_client.post(f"/admin/courses/lesson/{lesson.pk}/change/", data)
    assert response.status_code == 503
    assert "Nothing was saved" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.title_en == "Planning shifts"
    assert Attachment.objects.count() == 0


def test_storage_errors_are_storage_unavailable(s3_down):
    from django.core.files.storage import storages

    with pytest.raises(StorageUnavailable):
        storages["private"].save("courses/x/handout.pdf", ContentFile(PDF_BYTES))


def test_without_nginx_django_serves_public_media_from_the_bucket_and_nothing_else(rf, on_s3):
    from django.http import Http404

    from wisebusiness.views import public_media

    tool = ToolFactory(slug="odoo")
    tool.logo.save("odoo.png", ContentFile(PNG))
    response = public_media(rf.get(tool.logo.url), tool.logo.name)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    attachment = AttachmentFactory()
    for path in (attachment.file.name, "catalogue/logos/missing.png", "../wise-private/x.pdf"):
        with pytest.raises(Http404):
            public_media(rf.get(f"/media/{path}"), path)
