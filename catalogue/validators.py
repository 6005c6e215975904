import functools

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
# Logos are shown small; a bigger file only slows down a phone on a slow connection.
LOGO_MAX_BYTES = 1024 * 1024
SPDX_MAX_LENGTH = 100


def validate_logo(file) -> None:
    """A logo must be a real PNG, JPEG or WebP image (whatever its name says) of at most 1 MB."""
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is %(size)s; it can be at most %(limit)s."),
            code="logo_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(LOGO_MAX_BYTES)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or WebP image."), code="logo_not_an_image"
        ) from error
    finally:
        file.seek(position)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be a PNG, JPEG or WebP image."), code="logo_wrong_type")


# Addresses under /catalogue/ that are pages of their own, not tools.
RESERVED_SLUGS = {"compare", "shortlist", "start", "counts"}


def validate_tool_slug(value: str) -> None:
    """A tool named "compare" would have a page nobody could reach: its address is taken."""
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another catalogue page: choose another slug."),
            code="reserved_slug",
            params={"slug": value},
        )


@functools.cache
def _spdx_licensing():
    # Loaded once: the SPDX licence list shipped with license-expression (no network).
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def normalize_spdx(expression: str) -> str:
    """``"gpl-2.0+"`` → ``"GPL-2.0-or-later"``: an SPDX licence expression in its canonical form.

    Only licences of the SPDX list are accepted (no ``LicenseRef-…``): the exports promise
    other catalogues a licence they can look up.
    """
    expression = " ".join((expression or "").split())
    if not expression:
        return ""
    if len(expression) > SPDX_MAX_LENGTH:
        raise ValidationError(
            _("An SPDX licence can be at most %(limit)d characters long."),
            code="spdx_too_long",
            params={"limit": SPDX_MAX_LENGTH},
        )
    info = _spdx_licensing().validate(expression)
    if info.invalid_symbols and any(symbol.strip() for symbol in info.invalid_symbols):
        raise ValidationError(
            _("“%(licence)s” is not on the SPDX licence list. Use an identifier such as MIT."),
            code="spdx_unknown",
            params={"licence": ", ".join(s for s in info.invalid_symbols if s.strip())[:80]},
        )
    if info.errors or not info.normalized_expression:
        raise ValidationError(
            _("“%(licence)s” is not a valid SPDX licence expression, such as “GPL-2.0-only OR MIT”."),
            code="spdx_invalid",
            params={"licence": expression[:80]},
        )
    return info.normalized_expression


def validate_spdx(value: str) -> None:
    normalize_spdx(value)
