"""Search that understands people: accents, typos, compounds, inflections, the names of what an
item is filed under (kept current by the database), and the one ranking."""

import pytest
from django.db import connection
from django.utils import translation

from catalogue.models import Need, Sector, Tool
from editorial import search_triggers
from editorial.models import SearchWord
from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.catalogue.factories import NeedFactory, SectorFactory, ToolFactory
from wisebusiness.site_search import search_groups


def tools(q: str, language: str = "en") -> list[str]:
    with translation.override(language):
        return list(Tool.objects.published().search(q).values_list("slug", flat=True))


def articles(q: str, language: str = "en") -> list[str]:
    [group] = search_groups(q, language, kind="articles")
    return [article.slug for article in group.results]


@pytest.fixture
def accounting(db):
    need = NeedFactory(
        slug="accounting",
        name_en="Accounting and invoicing",
        name_de="Buchhaltung und Rechnungen",
        name_hr="Računovodstvo i računi",
    )
    ledger = ToolFactory(name="Ledgerly", slug="ledgerly", summary_en="Keeps the books.", needs=[need])
    ToolFactory(name="Poster", slug="poster", summary_en="Draws posters.")
    return need, ledger


# Filed under: need and sector names, in the visitor's language, kept current by triggers


def test_a_need_name_finds_the_tools_filed_under_it(accounting):
    assert tools("Buchhaltung", "de") == ["ledgerly"]
    assert tools("racunovodstvo", "hr") == ["ledgerly"]  # accents folded
    assert tools("invoicing", "fr") == ["ledgerly"]  # no French name: the English one


def test_renaming_a_need_updates_search(accounting):
    need, _ledger = accounting
    need.name_de = "Finanzen"
    need.save()
    assert tools("Finanzen", "de") == ["ledgerly"]
    assert tools("Buchhaltung", "de") == []
    Need.objects.filter(pk=need.pk).update(name_en="Bookkeeping")  # a bulk update, no signal
    assert tools("bookkeeping", "en") == ["ledgerly"]
    assert tools("bookkeeping", "it") == ["ledgerly"]  # no Italian name: English


def test_changing_a_tools_needs_and_sectors_updates_search(accounting):
    need, ledger = accounting
    farming = SectorFactory(slug="farming", name_en="Farming", name_de="Landwirtschaft")
    ledger.sectors.add(farming)
    assert tools("Landwirtschaft", "de") == ["ledgerly"]
    ledger.needs.remove(need)
    assert tools("Buchhaltung", "de") == []
    poster = Tool.objects.get(slug="poster")
    Tool.needs.through.objects.bulk_create([Tool.needs.through(tool=poster, need=need)])
    assert tools("Buchhaltung", "de") == ["poster"]
    ledger.sectors.clear()
    assert tools("Landwirtschaft", "de") == []


def test_renaming_a_sector_and_deleting_one_update_search(db):
    sector = SectorFactory(slug="cleaning", name_en="Cleaning", name_pl="Sprzątanie")
    ToolFactory(name="Mop", slug="mop", sectors=[sector])
    assert tools("sprzatanie", "pl") == ["mop"]
    Sector.objects.filter(pk=sector.pk).update(name_pl="Utrzymanie czystości")
    assert tools("czystosci", "pl") == ["mop"]
    sector.delete()
    assert tools("czystosci", "pl") == []


def test_a_stale_instance_cannot_write_back_old_names(accounting):
    need, _ledger = accounting
    stale = Tool.objects.get(slug="ledgerly")  # loaded with the need's name in filed_under
    stale.needs.remove(need)
    stale.summary_en = "Keeps the books, now with receipts."
    stale.save()  # writes the filed_under it loaded; the database recomputes it
    assert Tool.objects.get(slug="ledgerly").filed_under_de == ""
    assert tools("Buchhaltung", "de") == []


def test_an_article_category_name_finds_its_articles(db):
    story = CategoryFactory(slug="case-story", name_en="Case story", name_de="Praxisbeispiel")
    ArticleFactory(slug="farm-story", title_en="A farm sells online", category=story)
    ArticleFactory(slug="guide", title_en="Five steps", category=CategoryFactory(slug="guide"))
    assert articles("Praxisbeispiel", "de") == ["farm-story"]
    story.name_de = "Erfahrungsbericht"
    story.save()
    assert articles("Erfahrungsbericht", "de") == ["farm-story"]
    assert articles("Praxisbeispiel", "de") == []


def test_an_article_sector_name_finds_it(db):
    waste = SectorFactory(slug="waste", name_en="Waste and recycling", name_it="Rifiuti e riciclo")
    article = ArticleFactory(slug="routes", title_en="Digital routes")
    article.sectors.add(waste)
    assert articles("riciclo", "it") == ["routes"]


# Accents, typos, compounds, inflections


@pytest.mark.parametrize(
    ("q", "language"),
    [("Varazdin", "de"), ("Varazdin", "it"), ("Varazdin", "fr"), ("Varazdin", "en"), ("VARAŽDIN", "hr")],
)
def test_accents_are_folded_in_every_language(db, q, language):
    ArticleFactory(slug="farm", title_en="A social farm near Varaždin", title_de="Ein Hof bei Varaždin")
    ArticleFactory(slug="other", title_en="Another town")
    assert articles(q, language) == ["farm"]


def test_stop_words_stay_stop_words_with_accents(db):
    ArticleFactory(slug="tools", title_de="Tools für die Küche")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('german_unaccent', 'für die Küche')::text")
        assert cursor.fetchone()[0] == "'kuch':3"
    assert articles("Kuche", "de") == ["tools"]


@pytest.mark.parametrize(
    ("q", "slug"),
    [
        ("shoify", "shopify"),
        ("mailhimp", "mailchimp"),
        ("nexcloud", "nextcloud"),
        ("woo comerce", "woocommerce"),
        ("shopfiy", "shopify"),  # two letters swapped: two edits, allowed from seven letters
    ],
)
def test_one_slip_in_a_name_still_finds_it(db, q, slug):
    for name in ["Shopify", "Mailchimp", "Nextcloud", "WooCommerce", "Canva", "Trello"]:
        ToolFactory(name=name, slug=name.lower(), summary_en=f"{name} for a cooperative.")
    assert tools(q)[0] == slug


def test_a_correct_word_is_not_widened_to_its_neighbours(db):
    ToolFactory(name="Till", slug="till", summary_de="Eine Kasse für den Hofladen.")
    ToolFactory(name="School", slug="school", summary_de="Für jede Klasse ein Kurs.")
    assert tools("Kasse", "de") == ["till"]  # "Klasse" is one letter away but "Kasse" exists


def test_short_words_are_not_guessed(db):
    ToolFactory(name="Canva", slug="canva")
    assert tools("canv") == ["canva"]  # a name typed in part: trigram similarity on the name
    assert tools("cava") == []  # four letters: too short to be read as a typo


@pytest.mark.parametrize("q", ["Bauernhof", "bauernhof", "Hofladen"])
def test_german_compounds_are_found_by_their_parts(db, q):
    ArticleFactory(slug="farm", title_de="Ein Sozialbauernhof verkauft online", body_de="<p>Im Hofladen.</p>")
    ArticleFactory(slug="other", title_de="Eine Pension im Karst")
    assert articles(q, "de") == ["farm"]


def test_compound_heads_are_found_when_the_stemmer_cut_them(db):
    ArticleFactory(slug="routes", title_de="Touren für die Abfallsammlung")
    assert articles("Sammlung", "de") == ["routes"]
    assert articles("Abfall", "de") == ["routes"]


def test_compounds_are_split_only_in_german(db):
    ArticleFactory(slug="farm", title_en="A farmhouse", title_it="Un agriturismo")
    assert articles("house", "en") == []
    assert articles("turismo", "it") == []


@pytest.mark.parametrize(
    ("q", "language"), [("blagajna", "hr"), ("blagajne", "hr"), ("blagajni", "sl"), ("faktura", "pl")]
)
def test_slavic_inflections_find_each_other(db, q, language):
    ToolFactory(
        name="Till",
        slug="till",
        summary_hr="Blagajna za kafić.",
        summary_sl="Program za blagajno.",
        summary_pl="Wystawia faktury.",
    )
    ToolFactory(name="Other", slug="other", summary_hr="Blagajnik.", summary_pl="Fakturowanie hurtowe.")
    found = tools(q, language)
    assert "till" in found
    if q in ("blagajna", "faktura"):  # the form the text uses ranks first
        assert found[0] == "till"


def test_unknown_words_are_dropped_but_not_all(accounting):
    assert tools("Buchhaltung xyzzyq", "de") == ["ledgerly"]
    assert tools("xyzzyq", "de") == []


def test_websearch_operators_are_taken_as_written(accounting):
    assert tools('"keeps the books"') == ["ledgerly"]
    assert tools("books -ledgerly") == []
    assert tools("posters or books") == ["poster", "ledgerly"]  # a name match first


@pytest.mark.parametrize("q", ["'", "it's", "%", "_", "\\", "a:*", "!!", "o'reilly d'arc", "50%_off"])
def test_quotes_and_pattern_characters_are_plain_text(db, q):
    ToolFactory(name="O'Reilly", slug="oreilly", summary_en="It's 50% off: the shop's own books.")
    tools(q)  # no error
    assert articles(q) == []


# Ranking: an exact name first, then name matches, then what it is filed under, then the text


def test_ranking_exact_name_then_name_then_filed_under_then_text(db):
    shifts = NeedFactory(slug="shifts", name_en="Staff and shifts")
    ToolFactory(name="Helper", slug="in-text", summary_en="Prints the shifts of a week.")
    ToolFactory(name="Planner", slug="filed", summary_en="Plans the team.", needs=[shifts])
    ToolFactory(name="Shifts Pro", slug="in-name", summary_en="A calendar.")
    ToolFactory(name="Shifts", slug="exact", summary_en="A calendar.")
    assert tools("shifts") == ["exact", "in-name", "filed", "in-text"]


def test_an_exact_name_ranks_first_whatever_its_case_and_accents(db):
    ToolFactory(name="Till", slug="in-text", summary_en="Takes the caffè orders.")
    ToolFactory(name="Bar Caffè", slug="in-name", summary_en="Orders for the bar.")
    ToolFactory(name="Caffè", slug="exact", summary_en="Orders for the bar.")
    assert tools("CAFFE") == ["exact", "in-name", "in-text"]


def test_a_misspelt_name_is_a_name_match_and_a_misspelt_text_word_is_not(db):
    ToolFactory(name="Ledger Desk", slug="in-text", summary_en="The simplybok of invoices.")
    ToolFactory(name="SimplyBook.me", slug="similar-name", summary_en="Bookings online.")
    assert tools("simplybok") == ["similar-name", "in-text"]


def test_the_more_specific_tool_ranks_first_for_a_sector_word(db):
    sectors = [
        SectorFactory(slug=f"s{n}", name_en=name)
        for n, name in enumerate(["Waste", "Farming", "Cleaning", "Catering"])
    ]
    ToolFactory(name="Suite", slug="everywhere", sectors=sectors)
    ToolFactory(name="Router", slug="waste-only", sectors=sectors[:1])
    assert tools("waste") == ["waste-only", "everywhere"]


def test_site_search_and_the_catalogue_rank_alike(client, accounting):
    ToolFactory(name="Accountant", slug="accountant", summary_en="Accounting made easy.")
    html = client.get("/en/catalogue/", {"q": "accounting"}).content.decode()
    [group] = search_groups("accounting", "en", kind="tools")
    ranked = [tool.slug for tool in group.results]
    assert ranked == tools("accounting")
    assert html.index('href="/en/catalogue/accountant/"') < html.index('href="/en/catalogue/ledgerly/"')


def test_snippets_mark_the_compound_a_word_was_found_in(db):
    ArticleFactory(slug="farm", title_de="Ein Hof", body_de="<p>Der Sozialbauernhof liegt bei Varaždin.</p>")
    [group] = search_groups("Bauernhof", "de", kind="articles")
    assert "<mark>Sozialbauernhof</mark>" in str(group.results[0].snippet_html)


# The fallback chain: the visitor's language, English, the item's original language


@pytest.fixture
def italian_only(db):
    """A tool written and published in Italian alone: no English text."""
    return ToolFactory(
        name="Magazzino Facile",
        slug="magazzino-facile",
        original_language="it",
        summary_en="",
        description_en="",
        summary_it="Tiene il conto delle scorte di magazzino della cooperativa.",
        description_it="<p>Le giacenze e gli ordini dei fornitori in un solo foglio.</p>",
    )


@pytest.mark.parametrize("language", ["de", "pl", "en", "it"])
def test_an_item_in_its_original_language_alone_is_found_on_every_site(italian_only, language):
    assert tools("scorte giacenze", language) == ["magazzino-facile"]


def test_its_snippet_shows_the_original_text_and_says_which_language(italian_only):
    [group] = search_groups("giacenze", "de", kind="tools")
    [result] = group.results
    assert "<mark>giacenze</mark>" in str(result.snippet_html)
    assert result.snippet_lang == "it"


def test_the_chain_prefers_english_to_the_original_language(db):
    ToolFactory(
        slug="both",
        original_language="it",
        summary_en="Counts the stock.",
        summary_it="Conta le scorte.",
        description_en="",
    )
    assert tools("stock", "de") == ["both"]
    assert tools("scorte", "de") == []  # English comes first in the chain
    assert tools("scorte", "it") == ["both"]


def test_an_exact_title_in_the_original_language_ranks_first_on_another_site(db):
    ArticleFactory(slug="longer", title_en="Il bilancio sociale: una guida al bilancio sociale")
    ArticleFactory(
        slug="title",
        original_language="it",
        title_en="",
        summary_en="",
        body_en="",
        title_it="Il bilancio sociale",
        body_it="<p>Come scriverlo.</p>",
    )
    assert articles("Il bilancio sociale", "de") == ["title", "longer"]


# The triggers and the lexicon


def test_the_lexicon_learns_the_words_of_new_content(db):
    ToolFactory(name="Zyxwvutilo", slug="z", summary_de="Ein Tool.")
    assert SearchWord.objects.filter(language="de", word="zyxwvutilo").exists()
    assert tools("zyxwvutlo", "de") == ["z"]  # a typo of a word only that tool uses


def test_triggers_are_installed_once_and_follow_their_sql(db):
    assert search_triggers.install() == []  # migrate installed them; nothing changed since
    reinstalled = search_triggers.install(force=True)
    assert "search_lexicon_add" in reinstalled
    assert "search_filed_under_catalogue_tool" in reinstalled
    assert "search_filed_under_articles_article" in reinstalled


def vector_storage(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT attstorage FROM pg_attribute"
            " WHERE attrelid = %s::regclass AND attname LIKE 'search\\_%%'",
            [table],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize("model", search_triggers.searchable_models(), ids=lambda model: model._meta.label)
def test_every_searchable_table_keeps_its_vectors_in_the_row(db, model):
    table = model._meta.db_table
    assert vector_storage(table) == {"m"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [table])
        assert f"toast_tuple_target={search_triggers.ROW_TARGET}" in cursor.fetchone()[0]


def test_a_long_tool_keeps_its_vectors_in_the_row(db):
    words = " ".join(f"word{number}" for number in range(60))  # a vector of 60 lexemes per language
    texts = {f"description_{code}": words for code in ("en", "it", "de", "fr", "sl", "hr", "pl")}
    tool = ToolFactory(summary_en="Keeps the books.", **texts)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(catalogue_tool.*), pg_column_toast_chunk_id(search_en),"
            " pg_column_toast_chunk_id(search_pl) FROM catalogue_tool WHERE id = %s",
            [tool.pk],
        )
        row_size, english, polish = cursor.fetchone()
    assert row_size > 2032  # past the size where PostgreSQL would move values out by default
    assert english is None and polish is None


def test_a_vector_rebuilt_with_the_default_storage_is_moved_back_in(db):
    with connection.cursor() as cursor:
        cursor.execute('ALTER TABLE catalogue_tool ALTER COLUMN "search_de" SET STORAGE EXTENDED')
    assert vector_storage("catalogue_tool") == {"m", "x"}
    assert "catalogue_tool vectors in the row" in search_triggers.install()
    assert vector_storage("catalogue_tool") == {"m"}
    assert search_triggers.install() == []


def test_the_filed_under_sql_covers_every_language():
    from editorial.languages import LANGUAGE_CODES

    sql = search_triggers.filed_under_sql(Tool)
    for code in LANGUAGE_CODES:
        assert f'NEW."filed_under_{code}"' in sql
        assert f'"name_{code}"' in sql
