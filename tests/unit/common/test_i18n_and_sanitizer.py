"""Numbers and languages as learners read them; author HTML stripped of anything active or foreign."""
import pytest

from scripts.database_url import parse_database_url
from xblocks.common.i18n import format_number, is_rtl, normalize_language, translation_for
from xblocks.common.sanitizer import sanitize_author_html


@pytest.mark.parametrize("value, language, decimals, expected", [
    (1234.5, "en", 1, "1,234.5"),
    (1234.5, "fr", 1, "1\u202f234,5"),
    (1234567, "ar", 0, "1,234,567"),
    (-0.25, "fr", 1, "-0,3"),
    (999.96, "en", 1, "1,000.0"),
    (12, "fr-BE", 0, "12"),
])
def test_numbers_are_formatted_per_language(value, language, decimals, expected):
    assert format_number(value, language, decimals) == expected


def test_languages_fall_back_to_english_and_arabic_is_right_to_left():
    assert normalize_language("fr-be") == "fr"
    assert normalize_language("ti") == "en"
    assert normalize_language(None) == "en"
    assert is_rtl("ar") and not is_rtl("fr")


def test_translations_come_from_our_catalogs():
    message = "Only the course team can do this."
    assert translation_for("fr").gettext(message) == "Seule l’équipe du cours peut faire cela."
    assert translation_for("en").gettext(message) == message
    assert translation_for("ar").to_language() == "ar"


def test_each_block_reads_its_own_catalog_first():
    """'Open' is a button in the canvas and a report's state in peer review."""
    assert translation_for("fr", "xblocks.canvas.staff").gettext("Open") == "Ouvrir"
    assert translation_for("fr", "xblocks.peer_review.staff").gettext("Open") == "Ouvert"
    assert translation_for("fr", "xblocks.peer_review").gettext("Only the course team can do this.") == (
        "Seule l’équipe du cours peut faire cela.")


@pytest.mark.parametrize("dirty, kept, removed", [
    ('<p onclick="x()">Bonjour<script>alert(1)</script></p>', "<p>Bonjour</p>", "alert"),
    ('<a href="javascript:alert(1)">x</a>', "x", "javascript"),
    ('<a href="https://sirius-hub.be">site</a>', 'rel="noopener noreferrer"', "onclick"),
    ('<img src="https://tracker.example/p.gif" alt="t">', "<img", "tracker.example"),
    ('<img src="//tracker.example/p.gif" alt="t">', "<img", "tracker.example"),
    ('<img src="/static/logo.svg" alt="logo">', 'src="/static/logo.svg"', "onerror"),
    ('<img src="/\\evil.example/x.png" alt="t">', "<img", "evil.example"),
    ('<img src="/\t/evil.example/x.png" alt="t">', "<img", "evil.example"),
    ('<img src="/\n/evil.example/x.png" alt="t">', "<img", "evil.example"),
    ('<style>body{display:none}</style><p style="color:red">t</p>', "<p>t</p>", "display"),
    ('<iframe src="https://x.example"></iframe>ok', "ok", "iframe"),
])
def test_author_html_keeps_formatting_and_drops_scripts_and_foreign_requests(dirty, kept, removed):
    clean = sanitize_author_html(dirty)
    assert kept in clean
    assert removed not in clean


@pytest.mark.parametrize("url, expected", [
    ("sqlite:////tmp/x.db", {"ENGINE": "django.db.backends.sqlite3", "NAME": "/tmp/x.db"}),
    ("mysql://root@127.0.0.1:3306/test", {"ENGINE": "django.db.backends.mysql", "NAME": "test", "USER": "root",
                                         "HOST": "127.0.0.1", "PORT": "3306"}),
    ("postgresql://u:p%40ss@db/sirius", {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "p@ss", "HOST": "db"}),
])
def test_database_urls(url, expected):
    config = parse_database_url(url)
    assert {key: config[key] for key in expected} == expected


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ValueError):
        parse_database_url("oracle://x/y")
