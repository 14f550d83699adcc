"""Property: any bytes, and any mix of real HTML and schema.org pieces, give an ImportResult."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_app.importing.page_source import parse_page

VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=30),
        st.sampled_from(
            [
                "2024-10-30",
                "2024-10-30T10:00:00+03:00",
                "2024-13-45",
                "1800-01-01",
                "Doha",
                "EventCancelled",
                "QA",
                "ar",
                "#x",
                "javascript:alert(1)",
            ]
        ),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "@type",
                    "name",
                    "startDate",
                    "endDate",
                    "location",
                    "address",
                    "addressLocality",
                    "addressCountry",
                    "geo",
                    "latitude",
                    "organizer",
                    "eventStatus",
                    "inLanguage",
                    "@id",
                    "url",
                    "@graph",
                    "subEvent",
                    "superEvent",
                    "@value",
                    "@language",
                ]
            ),
            inner,
            max_size=6,
        ),
    ),
    max_leaves=30,
)
EVENTS = st.dictionaries(
    st.sampled_from(
        [
            "name",
            "startDate",
            "endDate",
            "location",
            "organizer",
            "eventStatus",
            "inLanguage",
            "@id",
            "url",
            "subEvent",
        ]
    ),
    VALUES,
    max_size=8,
).map(lambda d: {"@context": "https://schema.org", "@type": "ExhibitionEvent", **d})
pages = st.one_of(
    st.binary(max_size=3000),
    st.lists(st.one_of(EVENTS, VALUES), max_size=3).map(
        lambda nodes: "".join(
            f'<script type="application/ld+json">{json.dumps(n)}</script>' for n in nodes
        ).encode()
    ),
    st.text(alphabet="<>/=\"' itemscopetypropdivspanhtmlmetacontent:.ابج0123", max_size=300).map(str.encode),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages, st.sampled_from(["utf-8", "windows-1256", "latin-1", "no-such-charset"]))
def test_any_bytes_give_a_result(html, charset):
    result = parse_page(html, "https://example.org/e/", charset=charset)
    for p in result.proposals:
        if p.value("starts_on") and p.value("ends_on"):
            assert p.value("starts_on") <= p.value("ends_on")
        for n in p.notes:
            assert n.english()
