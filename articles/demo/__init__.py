"""Demo articles: the four categories and the articles in ``articles/demo/*.json`` (all seven languages).

Idempotent: categories and articles are updated by slug, hero images are drawn only when missing.
Tools, sectors and organisations are linked by slug; slugs that do not exist (yet) are skipped.
"""

import hashlib
import io
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, Category, Status
from editorial.languages import localized_values

DEMO_DIR = Path(__file__).resolve().parent
TRANSLATED_FIELDS = {"title": "title", "summary": "summary", "body": "body", "hero_alt": "hero_alt"}

CATEGORIES = [
    {
        "slug": "guide",
        "order": 1,
        "name": {
            "en": "Guide",
            "it": "Guida",
            "de": "Ratgeber",
            "fr": "Guide pratique",
            "sl": "Vodnik",
            "hr": "Vodič",
            "pl": "Poradnik",
        },
    },
    {
        "slug": "case-story",
        "order": 2,
        "name": {
            "en": "Case story",
            "it": "Storia di un caso",
            "de": "Praxisbeispiel",
            "fr": "Témoignage",
            "sl": "Zgodba iz prakse",
            "hr": "Priča iz prakse",
            "pl": "Historia z praktyki",
        },
    },
    {
        "slug": "news",
        "order": 3,
        "name": {
            "en": "News",
            "it": "Notizie",
            "de": "Neuigkeiten",
            "fr": "Actualités",
            "sl": "Novice",
            "hr": "Vijesti",
            "pl": "Aktualności",
        },
    },
    {
        "slug": "interview",
        "order": 4,
        "name": {
            "en": "Interview",
            "it": "Intervista",
            "de": "Interview",
            "fr": "Entretien",
            "sl": "Intervju",
            "hr": "Intervju",
            "pl": "Wywiad",
        },
    },
]

# Calm colour pairs for the drawn hero images, one per category (site.css's accent family).
HERO_COLOURS = {
    "guide": ((11, 93, 75), (227, 241, 236)),
    "case-story": ((120, 72, 20), (255, 244, 214)),
    "news": ((31, 95, 191), (226, 236, 250)),
    "interview": ((110, 40, 90), (246, 230, 241)),
}
HERO_SIZE = (1200, 630)  # the size Open Graph previews use
# What the drawing shows, for its alt text (each article's "hero_alt" says it in seven languages).
HERO_COLOUR_NAMES = {"guide": "green", "case-story": "brown", "news": "blue", "interview": "purple"}


def _hero_seed(slug: str) -> bytes:
    return hashlib.sha256(slug.encode()).digest()


def sun_side(slug: str) -> str:
    """Where the drawing puts its sun: "left", "middle" or "right" (the alt text says so)."""
    sun_x = _sun_x(_hero_seed(slug))
    return "left" if sun_x < 420 else "right" if sun_x > 780 else "middle"


def _sun_x(seed: bytes) -> int:
    return 150 + seed[0] * 900 // 255


def load() -> str:
    categories = {spec["slug"]: _category(spec) for spec in CATEGORIES}
    created = updated = images = 0
    skipped = []
    for path in sorted(DEMO_DIR.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            article, was_created = _article(data, categories)
        except (ValueError, KeyError, TypeError) as error:
            # A file still being written by a content writer: load it next time.
            skipped.append(f"{path.name} ({error.__class__.__name__})")
            continue
        created += was_created
        updated += not was_created
        images += _ensure_hero_image(article)
    summary = f"{len(categories)} categories, {created} articles created, {updated} updated, {images} hero images drawn"
    if skipped:
        summary += f"; skipped {len(skipped)} unreadable file(s): {', '.join(skipped)}"
    return summary


def _category(spec: dict) -> Category:
    defaults = {"order": spec["order"]}
    defaults.update(localized_values("name", spec["name"]))
    category, _created = Category.objects.update_or_create(slug=spec["slug"], defaults=defaults)
    return category


def _article(data: dict, categories: dict[str, Category]) -> tuple[Article, bool]:
    from catalogue.models import Sector, Tool
    from organisations.models import Organisation

    published_at = parse_datetime(data["published_at"])
    if published_at is None:
        raise ValueError("published_at")
    defaults = {
        "category": categories[data["category"]],
        "author_name": data.get("author", ""),
        "organisation": Organisation.objects.filter(slug=data.get("organisation", "")).first(),
        "published_at": published_at,
        "status": Status.PUBLISHED if published_at <= timezone.now() else Status.SCHEDULED,
    }
    for key, field in TRANSLATED_FIELDS.items():
        texts = data.get(key, {})
        if key != "hero_alt" and not texts.get("en"):
            raise ValueError(f"{key}.en")
        defaults.update(localized_values(field, texts))
    article, created = Article.objects.update_or_create(slug=data["slug"], defaults=defaults)
    article.tools.set(Tool.objects.filter(slug__in=data.get("tools", [])))
    article.sectors.set(Sector.objects.filter(slug__in=data.get("sectors", [])))
    return article, created


def _ensure_hero_image(article: Article) -> bool:
    """Draw a simple hero image when the article has none (or its file is gone). True if drawn."""
    if article.hero_image and article.hero_image.storage.exists(article.hero_image.name):
        return False
    content = ContentFile(_draw_hero(article.slug, article.category.slug))
    article.hero_image.save(f"{article.slug}.png", content, save=False)
    # update() rather than save(): an unchanged article keeps its "updated" time.
    Article.objects.filter(pk=article.pk).update(
        hero_image=article.hero_image.name, hero_width=HERO_SIZE[0], hero_height=HERO_SIZE[1]
    )
    return True


def _draw_hero(slug: str, category: str) -> bytes:
    """A quiet abstract picture: soft hills and a sun, placed by the slug so each article differs."""
    from PIL import Image, ImageDraw

    dark, light = HERO_COLOURS.get(category, HERO_COLOURS["guide"])
    seed = _hero_seed(slug)
    width, height = HERO_SIZE
    image = Image.new("RGB", HERO_SIZE, light)
    draw = ImageDraw.Draw(image)

    def mix(amount: float) -> tuple[int, int, int]:
        return tuple(round(lo + (hi - lo) * amount) for hi, lo in zip(dark, light, strict=True))

    sun_x = _sun_x(seed)
    sun_y = 120 + seed[1] * 120 // 255
    radius = 60 + seed[2] % 50
    draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=mix(0.25))
    for layer in range(4):
        base = 330 + layer * 80 + seed[3 + layer] % 40
        amplitude = 30 + seed[7 + layer] % 60
        centre = seed[11 + layer] * width // 255
        points = [(0, height)]
        for x in range(0, width + 40, 40):
            distance = (x - centre) / (width / 2)
            points.append((x, base - amplitude * max(0.0, 1 - distance * distance)))
        points.append((width, height))
        draw.polygon(points, fill=mix(0.35 + layer * 0.2))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
