"""Fill the database with synthetic tools in seven languages, for the benchmark (bench/catalogue.py)."""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from catalogue.models import ICONS, Licence, Need, Platform, PriceModel, Sector, SkillLevel, Tool
from editorial.cache import bump_content_version
from editorial.languages import LANGUAGE_CODES
from editorial.models import Status

PREFIX = "bench-"

# A few real words per language, so that stemming and accent folding have something to do.
WORDS = {
    "en": [
        "invoices",
        "accounting",
        "shifts",
        "planning",
        "customers",
        "bookings",
        "recycling",
        "routes",
        "harvest",
        "kitchen",
        "cleaning",
        "website",
        "shop",
        "payments",
        "training",
        "volunteers",
        "warehouse",
        "deliveries",
        "reports",
        "budgets",
    ],
    "it": [
        "fatture",
        "contabilità",
        "turni",
        "pianificazione",
        "clienti",
        "prenotazioni",
        "riciclo",
        "percorsi",
        "raccolto",
        "cucina",
        "pulizie",
        "sito",
        "negozio",
        "pagamenti",
        "formazione",
        "volontari",
        "magazzino",
        "consegne",
        "rapporti",
        "bilanci",
    ],
    "de": [
        "Rechnungen",
        "Buchhaltung",
        "Schichten",
        "Planung",
        "Kunden",
        "Buchungen",
        "Recycling",
        "Routen",
        "Ernte",
        "Küche",
        "Reinigung",
        "Webseite",
        "Laden",
        "Zahlungen",
        "Schulung",
        "Ehrenamtliche",
        "Lager",
        "Lieferungen",
        "Berichte",
        "Budgets",
    ],
    "fr": [
        "factures",
        "comptabilité",
        "équipes",
        "planification",
        "clients",
        "réservations",
        "recyclage",
        "tournées",
        "récolte",
        "cuisine",
        "nettoyage",
        "site",
        "boutique",
        "paiements",
        "formation",
        "bénévoles",
        "entrepôt",
        "livraisons",
        "rapports",
        "budgets",
    ],
    "sl": [
        "računi",
        "računovodstvo",
        "izmene",
        "načrtovanje",
        "stranke",
        "rezervacije",
        "recikliranje",
        "poti",
        "žetev",
        "kuhinja",
        "čiščenje",
        "spletišče",
        "trgovina",
        "plačila",
        "usposabljanje",
        "prostovoljci",
        "skladišče",
        "dostave",
        "poročila",
        "služba",
    ],
    "hr": [
        "računi",
        "računovodstvo",
        "smjene",
        "planiranje",
        "kupci",
        "rezervacije",
        "recikliranje",
        "rute",
        "berba",
        "kuhinja",
        "čišćenje",
        "stranica",
        "trgovina",
        "plaćanja",
        "obuka",
        "volonteri",
        "skladište",
        "dostave",
        "izvješća",
        "služba",
    ],
    "pl": [
        "faktury",
        "księgowość",
        "zmiany",
        "planowanie",
        "klienci",
        "rezerwacje",
        "recykling",
        "trasy",
        "zbiory",
        "kuchnia",
        "sprzątanie",
        "strona",
        "sklep",
        "płatności",
        "szkolenie",
        "wolontariusze",
        "magazyn",
        "dostawy",
        "raporty",
        "służba",
    ],
}
NAME_PARTS = [
    "Cloud",
    "Book",
    "Farm",
    "Shift",
    "Route",
    "Shop",
    "Desk",
    "Pay",
    "Plan",
    "Team",
    "Green",
    "Eco",
]


def _text(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count)).capitalize() + "."


class Command(BaseCommand):
    help = "Create N synthetic published tools (slugs 'bench-…') in seven languages, with bulk inserts."

    def add_arguments(self, parser):
        parser.add_argument("--tools", type=int, default=10000, help="How many tools (default 10000).")
        parser.add_argument("--seed", type=int, default=42, help="Random seed, for repeatable data.")

    def handle(self, *args, tools: int, seed: int, **options):
        rng = random.Random(seed)
        with transaction.atomic():
            sectors, needs = self._taxonomy()
            deleted, _details = Tool.objects.filter(slug__startswith=PREFIX).delete()
            today = datetime.date(2026, 11, 1)
            batch = []
            for number in range(tools):
                fields = {}
                # Each tool is about four of the twenty topics, as a real entry is about a few things.
                topics = rng.sample(range(len(WORDS["en"])), 4)
                for code in LANGUAGE_CODES:
                    words = [WORDS[code][topic] for topic in topics]
                    fields[f"summary_{code}"] = _text(rng, words, 12)
                    paragraphs = [_text(rng, words, 40) for _ in range(3)]
                    fields[f"description_{code}"] = "".join(f"<p>{p}</p>" for p in paragraphs)
                    fields[f"price_note_{code}"] = _text(rng, words, 8)
                batch.append(
                    Tool(
                        name=f"{rng.choice(NAME_PARTS)}{rng.choice(NAME_PARTS).lower()} {number}",
                        slug=f"{PREFIX}{number:05d}",
                        licence=rng.choice(Licence.values),
                        price_model=rng.choice(PriceModel.values),
                        platforms=rng.sample(Platform.values, rng.randint(1, 4)),
                        interface_languages=["en", *rng.sample(LANGUAGE_CODES[1:], rng.randint(0, 4))],
                        skill_level=rng.choice(SkillLevel.values),
                        nonprofit_discount=rng.random() < 0.3,
                        last_verified=today - datetime.timedelta(days=rng.randint(0, 500)),
                        status=Status.PUBLISHED if rng.random() < 0.95 else Status.DRAFT,
                        **fields,
                    )
                )
            # RichTextField sanitizes in pre_save, which bulk_create also calls.
            created = Tool.objects.bulk_create(batch, batch_size=500)
            sector_links, need_links = [], []
            for tool in created:
                for sector in rng.sample(sectors, rng.randint(1, 3)):
                    sector_links.append(Tool.sectors.through(tool_id=tool.pk, sector_id=sector.pk))
                for need in rng.sample(needs, rng.randint(1, 3)):
                    need_links.append(Tool.needs.through(tool_id=tool.pk, need_id=need.pk))
            Tool.sectors.through.objects.bulk_create(sector_links, batch_size=2000)
            Tool.needs.through.objects.bulk_create(need_links, batch_size=2000)
        bump_content_version()  # bulk_create sends no signal
        # As autovacuum would after a while: fresh statistics and visibility map (index-only scans).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE catalogue_tool, catalogue_tool_sectors, catalogue_tool_needs")
        self.stdout.write(f"Removed {deleted} old rows; created {len(created)} tools.")

    def _taxonomy(self):
        """The demo taxonomy when loaded, else a synthetic one (6 sectors, 12 needs)."""
        sectors, needs = list(Sector.objects.all()), list(Need.objects.all())
        if not sectors:
            sectors = [
                Sector.objects.create(slug=f"sector-{n}", name_en=f"Sector {n}", icon=ICONS[n], order=n)
                for n in range(6)
            ]
        if not needs:
            needs = [
                Need.objects.create(slug=f"need-{n}", name_en=f"Need {n}", icon=ICONS[6 + n], order=n)
                for n in range(12)
            ]
        return sectors, needs
