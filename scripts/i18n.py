"""Extract, update and compile our translation catalogs (pure Python, with Babel).

    python scripts/i18n.py update [--domain sirius_canvas]   extract, merge into fr/ar .po, compile .mo
    python scripts/i18n.py check                             report missing/empty/fuzzy/stale entries

One domain per block folder: xblocks/common → sirius_common, xblocks/footprint → sirius_footprint, …
English is the source language, so only the translated languages have catalogs.
"""
import argparse
import io
import os
import re
import sys

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "xblocks")
LOCALE_DIR = os.path.join(PACKAGE, "conf", "locale")
DOMAIN_FOLDERS = {
    "sirius_common": "common",
    "sirius_footprint": "footprint",
    "sirius_canvas": "canvas",
    "sirius_peer_review": "peer_review",
}
TRANSLATED_LANGUAGES = ("fr", "ar")
KEYWORDS = {
    "_": None, "N_": None, "gettext": None, "gettext_noop": None, "gettext_lazy": None,
    "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
}
METHOD_MAP = [("**/migrations/**", "ignore"), ("**.py", "python"), ("**/templates/**.html", "scripts.i18n:extract_django_template")]

_TRANS = re.compile(r"""{%\s*trans(?:late)?\s+(?P<quote>["'])(?P<text>.*?)(?P=quote)(?:\s+context\s+(["'])(?P<context>.*?)\3)?[^%]*%}""")
_BLOCKTRANS = re.compile(r"{%\s*blocktrans(?:late)?(?P<options>[^%]*)%}(?P<body>.*?)(?:{%\s*plural\s*%}(?P<plural>.*?))?{%\s*endblocktrans(?:late)?\s*%}", re.S)
_VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def _django_msgid(body):
    """Django's blocktrans turns {{ name }} into %(name)s and doubles a literal %."""
    return _VARIABLE.sub(r"%(\1)s", body.replace("%", "%%"))


def extract_django_template(fileobj, keywords, comment_tags, options):  # pylint: disable=unused-argument
    """Babel extractor for `{% trans %}` and `{% blocktrans %}` in Django templates."""
    text = fileobj.read().decode("utf-8")
    for match in _TRANS.finditer(text):
        lineno = text.count("\n", 0, match.start()) + 1
        if match.group("context"):
            yield lineno, "pgettext", (match.group("context"), match.group("text")), []
        else:
            yield lineno, "gettext", match.group("text"), []
    for match in _BLOCKTRANS.finditer(text):
        lineno = text.count("\n", 0, match.start()) + 1
        options = match.group("options")
        trimmed = "trimmed" in options
        singular, plural = match.group("body"), match.group("plural")
        if trimmed:
            singular = " ".join(line.strip() for line in singular.strip().splitlines() if line.strip())
            plural = plural and " ".join(line.strip() for line in plural.strip().splitlines() if line.strip())
        context = re.search(r"""context\s+(["'])(.*?)\1""", options)
        if plural is not None:
            yield lineno, "ngettext", (_django_msgid(singular), _django_msgid(plural)), []
        elif context:
            yield lineno, "pgettext", (context.group(2), _django_msgid(singular)), []
        else:
            yield lineno, "gettext", _django_msgid(singular), []


def extract_domain(domain):
    """A template catalog of every string marked in the domain's folder."""
    catalog = Catalog(domain=domain, project="sirius-xblocks")
    folder = os.path.join(PACKAGE, DOMAIN_FOLDERS[domain])
    for filename, lineno, message, comments, context in extract_from_dir(
            folder, method_map=METHOD_MAP, keywords=KEYWORDS):
        catalog.add(message, locations=[(os.path.join(DOMAIN_FOLDERS[domain], filename), lineno)],
                    auto_comments=comments, context=context)
    return catalog


def catalog_path(language, domain, extension="po"):
    return os.path.join(LOCALE_DIR, language, "LC_MESSAGES", f"{domain}.{extension}")


def read_catalog(language, domain):
    path = catalog_path(language, domain)
    if not os.path.exists(path):
        return Catalog(locale=language, domain=domain, project="sirius-xblocks")
    with open(path, "rb") as po_file:
        return read_po(po_file, locale=language, domain=domain)


def update_domain(domain):
    template = extract_domain(domain)
    for language in TRANSLATED_LANGUAGES:
        catalog = read_catalog(language, domain)
        if os.path.exists(catalog_path(language, domain)):
            template.creation_date = catalog.creation_date  # an update with no new string changes nothing
        catalog.update(template, no_fuzzy_matching=True)
        os.makedirs(os.path.dirname(catalog_path(language, domain)), exist_ok=True)
        with open(catalog_path(language, domain), "wb") as po_file:
            write_po(po_file, catalog, include_lineno=False, sort_output=True, ignore_obsolete=True, width=100)
        compile_catalog(language, domain)


def compile_catalog(language, domain):
    catalog = read_catalog(language, domain)
    with open(catalog_path(language, domain, "mo"), "wb") as mo_file:
        write_mo(mo_file, catalog, use_fuzzy=False)


def problems(domain):
    """Every reason the catalogs of a domain are not complete and current."""
    found = []
    wanted = {(message.id if isinstance(message.id, str) else message.id[0], message.context)
              for message in extract_domain(domain) if message.id}
    for language in TRANSLATED_LANGUAGES:
        catalog = read_catalog(language, domain)
        present = {}
        for message in catalog:
            if not message.id:
                continue
            key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
            present[key] = message
        for key in sorted(wanted - set(present), key=str):
            found.append(f"{language}/{domain}: not in the catalog: {key[0]!r}")
        for key, message in sorted(present.items(), key=lambda item: str(item[0])):
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            if message.fuzzy:
                found.append(f"{language}/{domain}: fuzzy: {key[0]!r}")
            elif not all(strings):
                found.append(f"{language}/{domain}: not translated: {key[0]!r}")
        mo_path = catalog_path(language, domain, "mo")
        if present and not os.path.exists(mo_path):
            found.append(f"{language}/{domain}: no compiled .mo (run make translations)")
        elif present:
            expected = io.BytesIO()
            write_mo(expected, catalog, use_fuzzy=False)
            with open(mo_path, "rb") as mo_file:
                if mo_file.read() != expected.getvalue():
                    found.append(f"{language}/{domain}: the .mo is older than the .po (run make translations)")
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["update", "check"])
    parser.add_argument("--domain", choices=sorted(DOMAIN_FOLDERS), action="append")
    arguments = parser.parse_args(argv)
    domains = arguments.domain or sorted(DOMAIN_FOLDERS)
    if arguments.action == "update":
        for domain in domains:
            update_domain(domain)
        return 0
    found = [problem for domain in domains for problem in problems(domain)]
    print("\n".join(found) or "catalogs complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.path.insert(0, ROOT)
    sys.exit(main())
