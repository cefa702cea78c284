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
    texts = [TEXT, TEXT.upper()]
    for _ in range(2):  # the second pass answers from the cache
        for doc, reference in zip(ours.pipe(texts), plain.pipe(texts), strict=True):
            assert [t.lemma_ for t in doc] == [t.lemma_ for t in reference]
    lemmas = {t.text: t.lemma_ for t in ours(TEXT)}
    assert [lemmas[w] for w in ("said", "stalled", "bills", "ran")] == ["say", "stall", "bill", "run"]


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


def test_no_sentence_starts_at_a_lower_case_word_after_a_word() -> None:
    # after the headline, en_core_web_sm alone splits "People" | "who eat the most ..."
    nlp = load_pipeline(DEFAULT_MODEL)
    text = ("Study links ultra-processed foods to higher risk of early death\n\nPeople who eat the most "
            "ultra-processed foods are 15% more likely to die early than those who eat the least, according "
            "to a study. The researchers said so.")
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences[1].startswith("People who eat the most")
    assert sentences[1].endswith("according to a study.")
    assert sentences[2] == "The researchers said so."  # a capital after a full stop still starts one


def test_no_sentence_starts_at_a_capitalized_word_after_a_word() -> None:
    # after the headline, en_core_web_sm alone splits "Northwind" | "Bank waited nearly two weeks ..."
    nlp = load_pipeline(DEFAULT_MODEL)
    text = ("Bank waited two weeks to disclose breach\n\nNorthwind Bank waited nearly two weeks to tell "
            "customers about a breach that exposed the data of 2 million people, records show.")
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences[1].startswith("Northwind Bank waited")
    # ... unless the word before is in capitals, a run-in label the parser may end a sentence on: that is
    # left to the parser
    from claimgraph.nlp.components import mark_paragraph_breaks

    doc = mark_paragraph_breaks(nlp.make_doc("DEADLY ISTANBUL EXPLOSION Turkish President Erdogan said so."))
    assert [t.is_sent_start for t in doc][3:5] == [None, False]


def test_a_bullets_hyphen_is_a_token_of_its_own() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    doc = nlp("Reading list:\n-Matthew Yglesias thinks the party will lose. A well-known, Texas-based firm.")
    words = [t.text for t in doc]
    assert words[words.index("-"):][:3] == ["-", "Matthew", "Yglesias"]
    assert "well-known" in doc.text and "Texas" in words  # (hyphens inside words are as before)


RULER_TEXT = (
    "Y'all gon na see: ain't nothin' like it, there's more. Let's go! C'mon, I'd say it's gotta be "
    "what they've got. That is why he did not respond, and neither did the Kremlin's spokesman.\n\n"
    "Musk's SpaceX has 7,000 satellites, which were launched since 2019."
)


def test_fast_attribute_ruler_gives_spacys_annotations() -> None:
    ours = load_pipeline(DEFAULT_MODEL)
    assert getattr(ours.get_pipe("attribute_ruler"), "_claimgraph_fast", False)
    plain = spacy.load(DEFAULT_MODEL)
    plain.add_pipe("claimgraph_paragraph_breaks", before="parser")
    texts = [RULER_TEXT, RULER_TEXT.upper(), TEXT]
    for doc, reference in zip(ours.pipe(texts), plain.pipe(texts), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in doc] == [
            (t.pos_, str(t.morph), t.lemma_) for t in reference
        ]
    doc = ours(RULER_TEXT)
    by_text = {t.text: t for t in doc}
    # several-token rules ("gon na", "Let's") and a word pattern ("nothin'") took effect
    assert by_text["na"].lemma_ == "to" and by_text["gon"].lemma_ == "go"
    assert [t.lemma_ for t in doc if t.text == "'s"][1] == "us"  # "Let's"; "there's" is "be"
    assert by_text["nothin'"].lemma_ == "nothing"


def test_unknown_rule_leaves_spacys_ruler() -> None:
    from claimgraph.nlp.ruler import speed_up_attribute_ruler

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.get_pipe("attribute_ruler").add([[{"LENGTH": 3}]], {"LEMMA": "three"})  # LENGTH: not evaluated here
    assert not speed_up_attribute_ruler(nlp)
    assert [t.lemma_ for t in nlp("Who are you")] == ["three", "three", "three"]


def test_horizontal_bar_and_figure_dash_are_tokens_of_their_own() -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    assert [t.text for t in nlp.tokenizer("unlike him.”― Carla Sanchez")] == [
        "unlike", "him", ".", "”", "―", "Carla", "Sanchez"
    ]
    assert [t.text for t in nlp.tokenizer("pages 5‒6 of the co-founder's")] == [
        "pages", "5", "‒", "6", "of", "the", "co", "-", "founder", "'s"
    ]
    # everything else is tokenized as the model does
    plain = spacy.load(DEFAULT_MODEL)
    assert [t.text for t in nlp.tokenizer(TEXT)] == [t.text for t in plain.tokenizer(TEXT)]
