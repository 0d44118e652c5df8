"""Each test starts with an empty cache: the website analyser counts measurements per learner in it."""
import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache  # pylint: disable=import-outside-toplevel
    cache.clear()
    yield
    cache.clear()
