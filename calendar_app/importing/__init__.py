"""Staff import, the core that needs no app internals: sources → proposals (issue 15).

- `proposals`: the data model (`Proposal`, `Proposed`, `ImportResult`) and `notes` (message ids,
  provenance).
- `articles.parse_article`: Arabic or English news text plus its date.
- `ical_source.parse_ics`: the bytes of an .ics file.
- `page_source.parse_page`: an event page's HTML and its URL (schema.org JSON-LD and microdata).
- `fetch.fetch`: getting a URL for import safely (public addresses only, bounded).
- `arabic`: the normaliser matching uses (shared with search later), `gazetteer`: cities and countries.
Everything but `fetch` is pure and deterministic: same input, same proposals.
"""
