"""Public pages under /ar/ and /en/; bare paths redirect by Accept-Language."""

from flask import Blueprint, render_template

from .. import db, i18n, pages, store

bp = Blueprint("public", __name__)
lang_bp = Blueprint("pages", __name__, url_prefix="/<any(ar, en):lang>")
lang_bp.url_value_preprocessor(i18n.pull_language)
lang_bp.url_defaults(i18n.add_language)


@bp.get("/")
def root():
    """Send a first visit to its language's home page."""
    return i18n.redirect_to_language("public.pages.home")


@lang_bp.get("/")
def home():
    """Upcoming and past events with both calendars' dates."""
    lang = i18n.current_language()
    items = [pages.event_summary(e, lang) for e in store.published_events(db.session())]
    return render_template("home.html", events=items)


bp.register_blueprint(lang_bp)
