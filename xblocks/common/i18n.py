"""Translations of our own strings, independent of the platform's catalogs.

The LMS only reads an XBlock's catalogs from openedx-translations (atlas); a package outside it
would show English. So every block translates through `translation_for(language)`, which chains
the compiled catalogs shipped in `xblocks/conf/locale/<lang>/LC_MESSAGES/<domain>.mo`.
"""
import functools
import gettext
import os
from decimal import ROUND_HALF_UP, Decimal

LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "conf", "locale")
DOMAINS = ("sirius_common", "sirius_footprint", "sirius_canvas", "sirius_peer_review")
LANGUAGES = ("en", "fr", "ar")
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "he", "ur"})

# Decimal and thousands separators per language, the same as the browser's Intl.NumberFormat for
# en-GB, fr-BE and ar with Latin digits (what Arabic-speaking learners in Belgium read on forms).
NUMBER_SEPARATORS = {
    "en": (".", ","),
    "fr": (",", "\u202f"),
    "ar": (".", ","),
}


def gettext_noop(message):
    """Mark a string for extraction; it is translated later, where the learner's language is known."""
    return message


N_ = gettext_noop


def normalize_language(code):
    """'fr-be' → 'fr'; anything we do not translate → English."""
    if not code:
        return DEFAULT_LANGUAGE
    base = str(code).replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def is_rtl(language):
    return normalize_language(language) in RTL_LANGUAGES


# Each block's strings live in its own domain; one English word may be translated differently in
# two blocks ("Open": "Ouvrir" a canvas, an "Ouvert" report), so a block reads its own domain first.
DOMAIN_OF_PACKAGE = {
    "xblocks.footprint": "sirius_footprint",
    "xblocks.canvas": "sirius_canvas",
    "xblocks.peer_review": "sirius_peer_review",
}


def domain_of(module_name):
    """The catalog domain of a module of ours ('xblocks.canvas.staff' → 'sirius_canvas'), or None."""
    for package, domain in DOMAIN_OF_PACKAGE.items():
        if module_name == package or (module_name or "").startswith(package + "."):
            return domain
    return None


class SiriusTranslation(gettext.NullTranslations):
    """One language: the block's own domain, then the shared strings (or, for code outside a
    block, every domain). Also usable as Django's active translation object."""

    def __init__(self, language, own_domain=None):
        super().__init__()
        self.language = normalize_language(language)
        for domain in ((own_domain, "sirius_common") if own_domain else DOMAINS):
            catalog = gettext.translation(domain, LOCALE_DIR, [self.language], fallback=True)
            if isinstance(catalog, gettext.GNUTranslations):
                self.add_fallback(catalog)

    def to_language(self):
        """Django's translation API asks its active object for the language code."""
        return self.language


def translation_for(language, for_module=None):
    """The translations for a learner's language, as seen from `for_module` (pass `__name__`):
    that block's strings first. Cached: catalogs are read once."""
    return _translation(normalize_language(language), domain_of(for_module))


@functools.lru_cache(maxsize=None)
def _translation(language, domain):
    return SiriusTranslation(language, domain)


def js_catalog(translation, msgids):
    """The translated strings the JavaScript of a view needs, keyed by their English source."""
    return {msgid: translation.gettext(msgid) for msgid in msgids}


def format_number(value, language, decimals=0):
    """A number as the learner reads it: '1 234,5' in French, '1,234.5' in English."""
    decimal_mark, group_mark = NUMBER_SEPARATORS[normalize_language(language)]
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = group_mark.join(groups)
    if decimals > 0:
        text += decimal_mark + fraction
    return sign + text
