"""Rendering views: Django templates with autoescape, translated with our own catalogs."""
import contextlib
import functools
import importlib.resources
import json

from web_fragments.fragment import Fragment

from .i18n import is_rtl, js_catalog, normalize_language, translation_for

_MISSING = object()
COMMON_JS = "public/sirius_common.js"


def load_resource(package, path):
    """A text file shipped inside a package (templates, public/, scenarios/, data/)."""
    return importlib.resources.files(package).joinpath(path).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def _engine():
    from django.template import Engine  # pylint: disable=import-outside-toplevel

    return Engine(
        libraries={"i18n": "django.templatetags.i18n"},
        autoescape=True,
        debug=False,
        string_if_invalid="",
    )


@functools.lru_cache(maxsize=256)
def _template(package, path):
    return _engine().from_string(load_resource(package, path))


@contextlib.contextmanager
def active_translation(language, for_module=None):
    """Make our catalog Django's active translation for this thread while a template renders,
    so `{% trans %}` and `{% blocktrans %}` use it. Restored afterwards."""
    from django.utils.translation import trans_real  # pylint: disable=import-outside-toplevel

    previous = getattr(trans_real._active, "value", _MISSING)  # pylint: disable=protected-access
    trans_real._active.value = translation_for(language, for_module)  # pylint: disable=protected-access
    try:
        yield
    finally:
        if previous is _MISSING:
            del trans_real._active.value  # pylint: disable=protected-access
        else:
            trans_real._active.value = previous  # pylint: disable=protected-access


def render_template(package, path, context, language):
    """Render `path` from `package` in the learner's language; every variable is escaped."""
    from django.template import Context  # pylint: disable=import-outside-toplevel

    language = normalize_language(language)
    full_context = {"language": language, "direction": "rtl" if is_rtl(language) else "ltr"}
    full_context.update(context)
    with active_translation(language, package):
        return _template(package, path).render(Context(full_context, autoescape=True))


def block_fragment(block, template, context, *, language, css=None, js=None, init_fn=None, init_args=None,
                   js_strings=()):
    """A view's fragment: the rendered template inside a root carrying `lang` and `dir`, the view's
    CSS and JS from the block's `public/`, the shared JS helper, and the init arguments (with the
    translated strings the JS needs)."""
    # The runtime hands us a class mixed with its own mixins; the templates live beside the block's own.
    package = getattr(type(block), "unmixed_class", type(block)).__module__.rsplit(".", 1)[0]
    language = normalize_language(language)
    body = render_template(package, template, context, language)
    root = render_template(__package__, "templates/root.html", {"body": body, "block_type": block.scope_ids.block_type},
                           language)
    fragment = Fragment(root)
    if css:
        fragment.add_css_url(block.runtime.local_resource_url(block, css))
    if js:
        fragment.add_javascript(common_javascript())
        fragment.add_javascript_url(block.runtime.local_resource_url(block, js))
    if init_fn:
        arguments = dict(init_args or {})
        arguments["language"] = language
        arguments["i18n"] = js_catalog(translation_for(language, package), js_strings)
        fragment.initialize_js(init_fn, json_args={"data": script_safe_json(arguments)})
    return fragment


def script_safe_json(data):
    """JSON text with `<`, `>` and `&` escaped, read back by `SiriusCommon.initArgs`.

    Some runtimes (the SDK workbench) write init arguments into a `<script>` element without
    escaping them, so learner text holding `</script>` would end that element; escaped, it stays data."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def display_title(block, translation):
    """The author's title as written; our default title in the learner's language."""
    if block.fields["display_name"].is_set_on(block):
        return block.display_name
    return translation.gettext(block.display_name)


@functools.lru_cache(maxsize=1)
def common_javascript():
    """The shared helper, inlined once per page (blocks cannot serve files from another package)."""
    return load_resource(__package__, COMMON_JS)

