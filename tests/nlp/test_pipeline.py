"""The pipeline claimgraph loads: the pinned model plus its own components, lemmas unchanged by the cache."""

from __future__ import annotations

import spacy

from claimgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline

TEXT = (
    "The ministers said on Tuesday that talks had stalled. She is saying the bills were better drafted, "
    "and running mates ran faster than the analysts' models predicted. Musk's companies denied it."
)


def test_cached_lemmatizer_gives_spacys_lemmas() -> None:
    ours = load_pipeline(DEFAULT_MODEL)
    plain = spacy.load(DEFAULT_MODEL)
    for _ in range(2):  # the second pass answers from the cache
        for doc, reference in zip(ours.pipe([TEXT, TEXT.upper()]), plain.pipe([TEXT, TEXT.upper()])):
            assert [t.lemma_ for t in doc] == [t.lemma_ for t in reference]
    lemmas = {t.text: t.lemma_ for t in ours(TEXT)}
    assert (lemmas["said"], lemmas["stalled"], lemmas["bills"], lemmas["ran"]) == ("say", "stall", "bill", "run")


def test_pipeline_has_paragraph_breaks_before_the_parser() -> None:
    names = load_pipeline(DEFAULT_MODEL).pipe_names
    assert names.index("claimgraph_paragraph_breaks") < names.index("parser")


def test_every_line_starts_a_sentence() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    text = "\nMusk Held Secret Talks With Putin\nMoscow  \n\nThe Kremlin denied it on Friday\n"
    doc = nlp(text)
    firsts = [sent[0].text for sent in doc.sents if not sent[0].is_space]
    assert firsts == ["Musk", "Moscow", "The"]
    assert not any(t.is_sent_start for t in doc if t.text in ("Talks", "denied", "Friday"))
