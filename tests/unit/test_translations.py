"""Every string a learner can see is translated into French and Arabic, and the shipped .mo files
say what the .po files say."""
import re

import pytest

from scripts import i18n

PLACEHOLDER = re.compile(r"%\(\w+\)s|%[sd]")


@pytest.mark.parametrize("domain", sorted(i18n.DOMAIN_FOLDERS))
def test_catalogs_are_complete_and_compiled(domain):
    assert i18n.problems(domain) == []


@pytest.mark.parametrize("domain", sorted(i18n.DOMAIN_FOLDERS))
@pytest.mark.parametrize("language", i18n.TRANSLATED_LANGUAGES)
def test_translations_keep_every_placeholder(domain, language):
    """A translation that drops or renames %(name)s would crash or show the wrong number."""
    broken = []
    for message in i18n.read_catalog(language, domain):
        if not message.id or not message.string:
            continue
        sources = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        targets = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        wanted = set(PLACEHOLDER.findall(sources[-1])) | set(PLACEHOLDER.findall(sources[0]))
        for target in targets:
            if not set(PLACEHOLDER.findall(target)) <= wanted or (
                    len(sources) == 1 and set(PLACEHOLDER.findall(target)) != wanted):
                broken.append((sources[0], target))
    assert broken == []


def test_template_extractor_reads_trans_and_blocktrans():
    import io  # pylint: disable=import-outside-toplevel

    template = io.BytesIO("""{% load i18n %}{% trans "Saved" %}
{% blocktrans trimmed with total=total %}
  You emit {{ total }} kg per year.
{% endblocktrans %}{% trans 'Next' context 'step' %}""".encode())
    found = [(line, function, message) for line, function, message, _ in
             i18n.extract_django_template(template, None, None, None)]
    assert found == [(1, "gettext", "Saved"), (4, "pgettext", ("step", "Next")),
                     (2, "gettext", "You emit %(total)s kg per year.")]
