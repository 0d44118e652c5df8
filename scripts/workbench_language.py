"""Workbench only: `?lang=fr` on any page chooses the interface language and remembers it."""
from django.conf import settings


class QueryLanguageMiddleware:
    """Turns `?lang=` into the language cookie that Django's LocaleMiddleware reads next."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.GET.get("lang")
        if chosen not in self.languages:
            return self.get_response(request)
        request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = chosen
        response = self.get_response(request)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, chosen, samesite="Lax")
        return response
