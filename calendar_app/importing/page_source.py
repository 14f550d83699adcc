"""Proposing events from an event page: schema.org `Event`s in JSON-LD and microdata, read with extruct.

extruct (pinned in pyproject.toml) does the HTML and the two syntaxes; this module finds every node
whose type is Event or one of its subtypes (ExhibitionEvent, BusinessEvent...), wherever it sits
(a list, an @graph, a subEvent), and hands each to schema_event. Each JSON-LD script is read on its
own, so one broken script does not hide the others. Any bytes give an ImportResult, never an exception.
"""

import codecs

import extruct
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html

from .notes import N_, Note, note
from .proposals import ImportResult
from .schema_event import event_proposal, type_names

MAX_BYTES = 5 * 1024 * 1024
MAX_EVENTS = 200
MAX_DEPTH = 20
EVENT_TYPES = frozenset(
    """
Event BusinessEvent ChildrensEvent ComedyEvent CourseInstance DanceEvent DeliveryEvent EducationEvent
ExhibitionEvent Festival FoodEvent Hackathon LiteraryEvent MusicEvent PublicationEvent BroadcastEvent
OnDemandEvent SaleEvent ScreeningEvent SocialEvent SportsEvent TheaterEvent VisualArtsEvent
""".split()
)

TOO_BIG = N_("The page has %(size)s bytes; at most %(limit)s are read.")
UNREADABLE_PAGE = N_("The page cannot be read as HTML (%(reason)s).")
UNREADABLE_SCRIPT = N_("JSON-LD script %(index)s cannot be read (%(reason)s): it is left out.")
UNREADABLE_MICRODATA = N_("The page's microdata cannot be read (%(reason)s): it is left out.")
NO_EVENTS = N_("The page has no schema.org Event (JSON-LD or microdata).")
TOO_MANY = N_("The page has %(count)s events; only the first %(limit)s are proposed.")


def parse_page(html: bytes, url: str, *, charset: str = "utf-8") -> ImportResult:
    """Proposed events from a page's bytes and its URL (never raises on any bytes)."""
    notes: list[Note] = []
    if len(html) > MAX_BYTES:
        return ImportResult((), (note("problem", TOO_BIG, size=len(html), limit=MAX_BYTES),))
    html = html.replace(b"\x00", b"")
    tree = _tree(html, charset, notes)
    nodes = _json_ld(tree, notes) + _microdata(html, url, _codec(charset), notes) if tree is not None else []
    events = [(syntax, path, node) for syntax, root, item in nodes for path, node in _events(root, item)]
    if not events:
        notes.append(note("problem", NO_EVENTS))
    elif len(events) > MAX_EVENTS:
        notes.append(note("problem", TOO_MANY, count=len(events), limit=MAX_EVENTS))
    proposals = tuple(event_proposal(node, syntax, path, url) for syntax, path, node in events[:MAX_EVENTS])
    return ImportResult(proposals, tuple(notes))


def _tree(html: bytes, charset: str, notes: list[Note]):
    try:
        return parse_html(html, encoding=_codec(charset))
    except Exception as exc:
        notes.append(note("problem", UNREADABLE_PAGE, reason=f"{type(exc).__name__}: {str(exc)[:200]}"))
        return None


def _json_ld(tree, notes: list[Note]) -> list[tuple[str, str, object]]:
    found = []
    extractor = JsonLdExtractor()
    for index, script in enumerate(tree.xpath('//script[@type="application/ld+json"]')):
        try:
            items = extractor.extract_items(script)
        except Exception as exc:
            notes.append(note("problem", UNREADABLE_SCRIPT, index=index + 1, reason=str(exc)[:200]))
            continue
        found += [
            ("json-ld", f"json-ld[{index}]" + (f"[{i}]" if len(items) > 1 else ""), item)
            for i, item in enumerate(items)
        ]
    return found


def _codec(charset: str) -> str:
    try:
        return codecs.lookup(charset or "utf-8").name
    except LookupError:
        return "utf-8"


def _microdata(html: bytes, url: str, encoding: str, notes: list[Note]) -> list[tuple[str, str, object]]:
    try:
        items = extruct.extract(
            html, base_url=url or None, encoding=encoding, syntaxes=["microdata"], uniform=True
        )
        items = items["microdata"]
    except Exception as exc:
        notes.append(note("problem", UNREADABLE_MICRODATA, reason=f"{type(exc).__name__}: {str(exc)[:200]}"))
        return []
    return [("microdata", f"microdata[{i}]", item) for i, item in enumerate(items)]


def _events(path: str, node, depth: int = 0):
    """(path, node) of every Event node under `node`, depth-first, each once."""
    if depth > MAX_DEPTH:
        return
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _events(f"{path}[{i}]", item, depth + 1)
        return
    if not isinstance(node, dict):
        return
    if type_names(node) & EVENT_TYPES:
        yield path, node
    for key, value in node.items():
        if key not in ("superEvent",):  # a sub-event's series is read with it, not as an event
            yield from _events(f"{path}.{key}", value, depth + 1)
