from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
# Logos are shown small; a bigger file only slows down a phone on a slow connection.
LOGO_MAX_BYTES = 1024 * 1024


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
