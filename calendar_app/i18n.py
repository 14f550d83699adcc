"""Language on the web: from the URL for pages (/ar/, /en/), from ?lang= for feeds and the API, never
from a cookie; Flask-Babel for templates and forms.

The Flask glue only: which languages exist, and everything about them, is the table in languages.py,
which the domain and the renderers use without Flask.
"""

from dataclasses import dataclass

from flask import Blueprint, Flask, current_app, g, redirect, request, url_for
from flask_babel import Babel
from werkzeug.routing import AnyConverter, Map

from . import languages


class LanguageConverter(AnyConverter):
    """`<language:lang>` in a URL: one of the table's codes, read when the app's URL map is built."""

    def __init__(self, url_map: Map):
        super().__init__(url_map, *languages.codes())


@dataclass(frozen=True)
class LanguageLink:
    """The page being shown, in another interface language (the header's language switch)."""

    code: str
    name: str
    url: str


def init_app(app: Flask) -> None:
    """Flask-Babel over the table's catalogs (config.py names them), the /<language:...>/ converter and
    the template globals."""
    app.url_map.converters["language"] = LanguageConverter
    Babel(app, locale_selector=current_language)
    app.context_processor(_template_globals)


def current_language() -> str:
    """The language of this request: set by the /<lang>/ prefix, else the configured default."""
    return g.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]


def query_language() -> str:
    """?lang= of an API request: a known code, else the table's default."""
    lang = request.args.get("lang")
    return lang if languages.is_language(lang) else languages.DEFAULT


def best_language() -> str:
    """The visitor's preferred supported language, from Accept-Language (bare paths only)."""
    return request.accept_languages.best_match(languages.codes(),
                                               default=current_app.config["BABEL_DEFAULT_LOCALE"])


def redirect_to_language(endpoint: str, **values):
    """Redirect a bare path to its /<lang>/ form; caches must key on Accept-Language."""
    response = redirect(url_for(endpoint, lang=best_language(), **values), code=302)
    response.vary.add("Accept-Language")
    return response


def language_links() -> list[LanguageLink]:
    """The current page in each other language; none where the page has no language."""
    lang = g.get("lang")
    if not request.endpoint or not lang or request.url_rule is None:
        return []
    args = {**request.args.to_dict(), **(request.view_args or {})}
    return [LanguageLink(code, other.name, url_for(request.endpoint, **{**args, "lang": code}))
            for code, other in languages.LANGUAGES.items() if code != lang]


def language_blueprint(name: str, import_name: str, path: str = "") -> Blueprint:
    """A blueprint under /<lang>/<path>: the prefix sets the request's language, links keep it."""
    bp = Blueprint(name, import_name, url_prefix=f"/<language:lang>{path}")
    bp.url_value_preprocessor(pull_language)
    bp.url_defaults(add_language)
    return bp


def pull_language(_endpoint: str | None, values: dict | None) -> None:
    """url_value_preprocessor for /<lang>/ blueprints: the prefix sets the request's language."""
    g.lang = (values or {}).pop("lang", None)


def add_language(_endpoint: str, values: dict) -> None:
    """url_defaults for /<lang>/ blueprints: links keep the page's language unless told otherwise."""
    if "lang" not in values and g.get("lang"):
        values["lang"] = g.lang


def _template_globals() -> dict:
    lang = current_language()
    return {"lang": lang, "dir": languages.language(lang).direction, "language_links": language_links()}
