"""An article's text as the parsers read it: original, normalised, split into sentences.

Values are read in the normalised text and shown from the original; `span()` turns a span of the
original into the `TextSpan` the review page highlights inside its sentence.
"""

import bisect
import re
from dataclasses import dataclass

from .arabic import Normalised, normalise_with_map, script
from .notes import TextSpan

# A sentence ends at a line break, or at . ! ? ؟ ؛ followed by a space (not inside 2.5 or U.A.E.).
SENTENCE_END = re.compile(r"\n+|(?<=[.!?؟؛])\s+")
_EDGE = frozenset(" \t\n.,،؛;:()\"'“”«»")


@dataclass(frozen=True)
class ArticleText:
    """The cleaned text, its normalised form, language ("ar"/"en") and sentence boundaries."""

    text: str
    norm: Normalised
    lang: str
    starts: tuple[int, ...]  # offset of each sentence in `text`

    @classmethod
    def read(cls, text: str) -> "ArticleText":
        """Split and normalise once."""
        starts = [0] + [m.end() for m in SENTENCE_END.finditer(text) if m.end() < len(text)]
        return cls(text, normalise_with_map(text), script(text) or "en", tuple(starts))

    def sentence_index(self, at: int) -> int:
        """The index of the sentence holding original offset `at`."""
        return max(bisect.bisect_right(self.starts, at) - 1, 0)

    def sentence(self, index: int) -> tuple[int, int]:
        """The original span of sentence `index`, without its trailing spaces."""
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return start, start + len(self.text[start:end].rstrip())

    def span(self, start: int, end: int) -> TextSpan:
        """A highlight of original [start, end) inside its sentence."""
        s_start, s_end = self.sentence(self.sentence_index(start))
        s_end = max(s_end, end)
        return TextSpan(self.text[s_start:s_end], s_start, start, end)

    def from_norm(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a span of the normalised text."""
        return self.norm.source_span(start, end)

    def to_norm(self, original: int) -> int:
        """The first normalised offset at or after an original offset."""
        return bisect.bisect_left(self.norm.origin, original)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """An original span without the spaces and punctuation at its ends."""
        while start < end and self.text[start] in _EDGE:
            start += 1
        while end > start and self.text[end - 1] in _EDGE:
            end -= 1
        return start, end

    def quote(self, start: int, end: int) -> str:
        """The original text of an original span, trimmed (`trim`)."""
        return self.text[slice(*self.trim(start, end))]
