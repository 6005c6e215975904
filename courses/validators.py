"""Lesson attachments: which files editors may upload, checked by name and by content.

The extension alone proves nothing (a renamed .exe is still an .exe), so each file's
first bytes are sniffed too: PDF, PNG and JPEG by their magic numbers, OpenDocument
and Office Open XML files by the zip archive they are and the entries they must hold.
"""

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    label: str  # what visitors see: "PDF", "Word (DOCX)"
    content_type: str


FILE_TYPES = {
    "pdf": FileType("PDF", "application/pdf"),
    "odt": FileType("ODT", "application/vnd.oasis.opendocument.text"),
    "odp": FileType("ODP", "application/vnd.oasis.opendocument.presentation"),
    "ods": FileType("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "docx": FileType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pptx": FileType("PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "xlsx": FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "png": FileType("PNG", "image/png"),
    "jpg": FileType("JPEG", "image/jpeg"),
    "jpeg": FileType("JPEG", "image/jpeg"),
}
ALLOWED_EXTENSIONS = sorted(FILE_TYPES)
# The folder inside an Office Open XML archive that makes it a document, a deck or a sheet.
OOXML_PARTS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def file_type_of(name: str) -> FileType | None:
    return FILE_TYPES.get(extension_of(name))


def allowed_types_text() -> str:
    return ", ".join(dict.fromkeys(file_type.label for file_type in FILE_TYPES.values()))


def _content_matches(extension: str, file) -> bool:
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head == b"\x89PNG\r\n\x1a\n"
    if extension in {"jpg", "jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and any(
                    name.startswith(OOXML_PARTS[extension]) for name in names
                )
            # OpenDocument: a "mimetype" entry naming exactly this kind of document.
            if "mimetype" not in names:
                return False
            return (
                archive.read("mimetype").decode("ascii", "replace").strip()
                == FILE_TYPES[extension].content_type
            )
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return False
    finally:
        file.seek(0)


def validate_attachment(file) -> None:
    """Refuse a file that is not an allowed type (by name and content) or is too large."""
    if getattr(file, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    name = os.path.basename(getattr(file, "name", "") or "")
    extension = extension_of(name)
    if extension not in FILE_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a file type you can attach. Allowed types: %(types)s."),
            code="file_type",
            params={"name": name, "types": allowed_types_text()},
        )
    limit = settings.COURSE_ATTACHMENT_MAX_SIZE
    if file.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the largest file you can attach is %(limit)s."),
            code="file_size",
            params={"name": name, "size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if not _content_matches(extension, file):
        raise ValidationError(
            _(
                "“%(name)s” is not a real %(type)s file: its content does not match its name. "
                "Save it again as %(type)s and upload that file."
            ),
            code="file_content",
            params={"name": name, "type": FILE_TYPES[extension].label},
        )
