"""Language: from the URL for pages (/ar/, /en/), from ?lang= for feeds, never from a cookie.

Interface text lives in gettext catalogs under translations/ (Flask-Babel); event text comes in
both languages from the data itself.
"""

import functools
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask import Blueprint, Flask, current_app, g, redirect, request, url_for
from flask_babel import Babel

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
LANGUAGES = ("ar", "en")
DIRECTIONS = {"ar": "rtl", "en": "ltr"}


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with our locale selector and expose language helpers to templates."""
    Babel(app, locale_selector=current_language)
    app.context_processor(_template_globals)


def current_language() -> str:
    """The language of this request: set by the /<lang>/ prefix, else the configured default."""
    return g.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]


def best_language() -> str:
    """The visitor's preferred supported language, from Accept-Language (bare paths only)."""
    return request.accept_languages.best_match(LANGUAGES, default=current_app.config["BABEL_DEFAULT_LOCALE"])


def redirect_to_language(endpoint: str, **values):
    """Redirect a bare path to its /<lang>/ form; caches must key on Accept-Language."""
    response = redirect(url_for(endpoint, lang=best_language(), **values), code=302)
    response.vary.add("Accept-Language")
    return response


def other_language(lang: str) -> str:
    """The language the switch links to."""
    return "en" if lang == "ar" else "ar"


@functools.cache
def translations(lang: str) -> NullTranslations:
    """Catalog for renderers that run outside a request (feeds), by explicit language."""
    return Translations.load(str(TRANSLATIONS_DIR), [lang])


def gettext_for(lang: str):
    """A gettext function bound to one language, for pure renderers."""
    return translations(lang).gettext


def switch_url() -> str | None:
    """The current page in the other language, or None where the page has no language."""
    lang = g.get("lang")
    if not request.endpoint or not lang or request.url_rule is None:
        return None
    args = {**request.args.to_dict(), **(request.view_args or {}), "lang": other_language(lang)}
    return url_for(request.endpoint, **args)


def language_blueprint(name: str, import_name: str, path: str = "") -> Blueprint:
    """A blueprint under /<lang>/<path>: the prefix sets the request's language, links keep it."""
    prefix = f"/<any({', '.join(LANGUAGES)}):lang>{path}"
    bp = Blueprint(name, import_name, url_prefix=prefix)
    bp.url_value_preprocessor(pull_language)
    bp.url_defaults(add_language)
    return bp


def pull_language(endpoint: str | None, values: dict | None) -> None:
    """url_value_preprocessor for /<lang>/ blueprints: the prefix sets the request's language."""
    g.lang = (values or {}).pop("lang", None)


def add_language(endpoint: str, values: dict) -> None:
    """url_defaults for /<lang>/ blueprints: links keep the page's language unless told otherwise."""
    if "lang" not in values and g.get("lang"):
        values["lang"] = g.lang


def _template_globals() -> dict:
    lang = current_language()
    return {
        "lang": lang,
        "dir": DIRECTIONS[lang],
        "other_lang": other_language(lang),
        "switch_url": switch_url(),
    }
