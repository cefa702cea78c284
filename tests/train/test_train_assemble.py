"""Assembly of tagged spans into attribution records (no CRF needed: the spans are given)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.attribution import extract_attributions
from claimgraph.attribution.lexicon import load_lexicon
from claimgraph.records import Attribution
from claimgraph.train.model import ORPHAN_THRESHOLD, TaggedSpan, assemble

pytestmark = pytest.mark.model


def _tagged(doc, *spans: tuple[str, str]) -> list[TaggedSpan]:  # type: ignore[no-untyped-def]
    out = []
    for role, words in spans:
        start = doc.text.index(words)
        span = doc.char_span(start, start + len(words))
        out.append(TaggedSpan(role, span.start, span.end))
    return out


def _assembled(doc, *spans: tuple[str, str]) -> tuple[Attribution, ...]:  # type: ignore[no-untyped-def]
    """The records of `spans` (role, words) with the rules' own output for the document."""
    return assemble(doc, _tagged(doc, *spans), extract_attributions(doc), load_lexicon())


def test_cue_takes_its_subject_and_both_halves_of_a_split_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Officials met on Monday. “We will win,” Smith said, “and soon.”\nThe weather was fine.")
    tagged = _tagged(
        doc,
        ("SOURCE", "Officials"),
        ("CONTENT", "We will win,"),
        ("SOURCE", "Smith"),
        ("CUE", "said"),
        ("CONTENT", "and soon."),
    )
    (a,) = assemble(doc, tagged, extract_attributions(doc), load_lexicon())
    assert a.id == "a1" and a.parent is None and a.rule == "model"
    assert a.source is not None and a.source.text == "Smith" and a.source_kind == "person"
    assert a.cue is not None and a.cue.lemma == "say"
    assert [c.text for c in a.content] == ["We will win,", "and soon."]
    assert a.quote == "direct"


def test_content_no_one_says_is_dropped_unless_quoted_and_denials_keep_their_stance(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The ministry denied that it paid the bribes.\nPrices rose sharply in March.\n“We will win.”")
    tagged = _tagged(
        doc,
        ("SOURCE", "The ministry"),
        ("CUE", "denied"),
        ("CONTENT", "that it paid the bribes"),
        ("CONTENT", "Prices rose sharply"),  # no cue, no source, no rule's: the writer's own text
        ("CONTENT", "“We will win.”"),  # a quotation stands alone (it may continue a speaker)
    )
    first, second = assemble(doc, tagged, extract_attributions(doc), load_lexicon())
    assert first.stance == "deny" and first.source is not None and first.source.text == "The ministry"
    assert second.cue is None and second.source is None and second.source_kind == "implicit"
    assert [c.text for c in second.content] == ["“We will win.”"]


def test_rule_attribution_the_tagger_missed_is_kept_with_its_cited_source(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "“We will win,” Smith said.\n"
        "The plant will close, the Harbor Ledger reported, citing two people familiar with the plan."
    )
    # the tagger found only the first paragraph's attribution
    tagged = _tagged(doc, ("CONTENT", "We will win,"), ("SOURCE", "Smith"), ("CUE", "said"))
    out = assemble(doc, tagged, extract_attributions(doc), load_lexicon())
    top = [a for a in out if a.parent is None]
    assert [a.source.text if a.source else None for a in top] == ["Smith", "the Harbor Ledger"]
    assert top[0].rule == "model" and top[1].rule == "verb"
    [cited] = [a for a in out if a.parent is not None]
    assert cited.parent == top[1].id and cited.relation == "cites"
    assert cited.source is not None and cited.source.text == "two people familiar with the plan"


def test_rule_attribution_overlapping_the_tagger_is_not_added(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The plant will close, the Harbor Ledger reported on Monday.")
    # the tagger has the content (with another extent) but no cue: the rules' attribution is not added again
    tagged = _tagged(doc, ("CONTENT", "The plant will close"))
    (only,) = assemble(doc, tagged, extract_attributions(doc), load_lexicon())
    assert only.rule == "model"


def test_a_cue_takes_back_the_content_it_governs_from_a_nearer_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "Donald Trump is telling a veterans group that the military is depleted and says he will expand the "
        "armed forces."
    )
    out = _assembled(
        doc,
        ("SOURCE", "Donald Trump"),
        ("CUE", "is telling"),
        ("CONTENT", "the military is depleted"),
        ("CUE", "says"),
        ("CONTENT", "he will expand the armed forces"),
    )
    # by distance alone both contents would go to "says" and "is telling" would be dropped
    assert {(a.cue.text, a.content[0].text) for a in out if a.cue and a.rule == "model"} == {
        ("is telling", "the military is depleted"),
        ("says", "he will expand the armed forces"),
    }


def test_a_sure_cue_without_content_gets_its_complement(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Clinton told the debate audience that she would raise taxes on the rich.")
    rules = extract_attributions(doc)
    rules = type(rules)(rules.entities, (), rules.no_comment)  # what the rules found aside

    def tagged(probability: float) -> list[TaggedSpan]:
        source, cue = _tagged(doc, ("SOURCE", "Clinton"), ("CUE", "told"))
        return [source, replace(cue, probability=probability)]

    (a,) = assemble(doc, tagged(ORPHAN_THRESHOLD), rules, load_lexicon())
    assert a.cue is not None and a.cue.text == "told"
    assert a.source is not None and a.source.text == "Clinton"
    # the clausal complement, not the indirect object before it
    assert [c.text for c in a.content] == ["that she would raise taxes on the rich"]
    # a cue the cue tagger is not sure of (or with no cue tagger: 0.0) stays dropped
    assert assemble(doc, tagged(ORPHAN_THRESHOLD - 0.1), rules, load_lexicon()) == ()
    assert assemble(doc, tagged(0.0), rules, load_lexicon()) == ()


def test_a_sure_cue_whose_complement_is_taken_stays_dropped(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Clinton told the debate audience that she would raise taxes on the rich.")
    rules = extract_attributions(doc)
    rules = type(rules)(rules.entities, (), rules.no_comment)
    (cue,) = _tagged(doc, ("CUE", "told"))
    # the rest of the sentence is another span's (here a source, as a tagger may mislabel it)
    tagged = [replace(cue, probability=0.99), *_tagged(doc, ("SOURCE", "the debate audience that she would "
                                                                      "raise taxes on the rich"))]
    assert assemble(doc, tagged, rules, load_lexicon()) == ()


def test_a_cue_without_a_tagged_source_takes_the_rules_source_for_it(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The Journal reported the talks. “They don’t love it,” one source was quoted as saying.")
    rules = extract_attributions(doc)
    # the tagger found the quotation and its cue but no source in the cue's sentence: the nearest source of
    # the paragraph would be "The Journal"
    tagged = _tagged(
        doc,
        ("SOURCE", "The Journal"),
        ("CONTENT", "They don’t love it,"),
        ("CUE", "was quoted as saying"),
    )
    quoted = next(a for a in assemble(doc, tagged, rules, load_lexicon()) if a.cue and "quoted" in a.cue.text)
    assert quoted.source is not None and quoted.source.text == "one source"
    assert quoted.source_kind == "anonymous" and quoted.anonymous is not None
    assert quoted.rule == "model"


def test_a_cited_source_stays_one_when_the_tagger_runs_the_cues_together(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "The plant will close, the Harbor Ledger reported on Monday, citing two people familiar with the "
        "plan."
    )
    # the tagger took "citing" into the cue and the cited people for a second content
    out = _assembled(
        doc,
        ("CONTENT", "The plant will close"),
        ("SOURCE", "the Harbor Ledger"),
        ("CUE", "reported on Monday, citing"),
        ("CONTENT", "two people familiar with the plan"),
    )
    [top] = [a for a in out if a.parent is None]
    assert top.cue is not None and top.cue.text == "reported on Monday"
    assert [c.text for c in top.content] == ["The plant will close"]
    [cited] = [a for a in out if a.parent is not None]
    assert cited.parent == top.id and cited.relation == "cites"
    assert cited.source is not None and cited.source.text == "two people familiar with the plan"


def test_an_adverb_cue_takes_no_source_from_its_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The private talks, which began after she proposed a deal, reportedly covered business.")
    content = [("CONTENT", "The private talks"), ("CONTENT", "covered business")]
    out = _assembled(doc, ("SOURCE", "she"), ("CUE", "reportedly"), *content)
    [reported] = [a for a in out if a.cue is not None and a.cue.text == "reportedly"]
    assert reported.source is None and reported.source_kind == "implicit"


@pytest.mark.parametrize(
    "text",
    [
        # same paragraph: both quotations go to "told" (the nearest cue), as PolNeAR has them, and are split
        "“We had one call,” Peskov told reporters. “They talked about technology.”",
        # next paragraph, no cue there: the second quotation is a loose content, linked to the speaker before
        "“We had one call,” Peskov told reporters.\n“They talked about technology.”\nMarkets fell.",
    ],
)
def test_a_quotation_after_the_cues_sentence_continues_the_speaker(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    out = _assembled(
        doc,
        ("CONTENT", "“We had one call,”"),
        ("SOURCE", "Peskov"),
        ("CUE", "told"),
        ("CONTENT", "“They talked about technology.”"),
    )
    told, continued = [a for a in out if a.parent is None]
    assert told.cue is not None and told.cue.text == "told"
    assert [c.text for c in told.content] == ["“We had one call,”"]
    # an attribution of its own, as the rules give it: no cue, the speaker's entity, `continues` the first
    assert continued.cue is None and continued.continues == told.id and continued.source_kind == "implicit"
    assert [c.text for c in continued.content] == ["“They talked about technology.”"]
    assert continued.source_entity is not None and continued.source_entity == told.source_entity
    assert continued.quote == "direct"


def test_a_tagged_source_phrase_keeps_its_head_mention_as_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # the tagger marks the whole phrase, as PolNeAR does; the person in the relative clause is not the source
    doc = nlp("Jane Roe, a lawyer who once worked for Donald Trump, said the case was weak.")
    (a,) = _assembled(
        doc,
        ("SOURCE", "Jane Roe, a lawyer who once worked for Donald Trump,"),
        ("CUE", "said"),
        ("CONTENT", "the case was weak"),
    )
    names = {e.id: e.name for e in extract_attributions(doc).entities}
    assert a.source is not None and a.source.text == "Jane Roe, a lawyer"
    assert a.source_phrase is not None
    assert a.source_phrase.text == "Jane Roe, a lawyer who once worked for Donald Trump,"
    assert a.to_dict()["source_phrase"]["start"] == a.source.start
    assert a.source_kind == "person" and names.get(a.source_entity or "") == "Jane Roe"


def test_a_no_comment_is_no_attribution_and_a_reported_cue_is_hedged(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR annotates "declined to comment on" as a cue, so a trained tagger finds it; saying nothing is
    # a no-comment record, not a claim
    doc = nlp(
        "The White House declined to comment on the report. The minister reportedly told aides he would quit."
    )
    (a,) = _assembled(
        doc,
        ("SOURCE", "The White House"),
        ("CUE", "declined to comment on"),
        ("CONTENT", "the report"),
        ("SOURCE", "The minister"),
        ("CUE", "told"),
        ("CONTENT", "he would quit"),
    )
    assert a.source is not None and a.source.text == "The minister"
    assert a.hedges == ("reportedly",)


def test_a_tagged_source_is_resolved_as_the_rules_resolve_the_same_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "Elon Musk met two senior officials on Monday. Two senior officials said the talks had stalled. "
        "They added that a deal was still possible."
    )
    first, they = _assembled(
        doc,
        ("SOURCE", "Two senior officials"),
        ("CUE", "said"),
        ("CONTENT", "the talks had stalled"),
        ("SOURCE", "They"),
        ("CUE", "added"),
        ("CONTENT", "that a deal was still possible"),
    )
    assert first.source_kind == "anonymous" and first.anonymous is not None and first.anonymous.count == 2
    # "they" after the officials are the officials (the rules' resolution), not a source of unknown kind
    assert they.source is not None and they.source.text == "They"
    assert they.source_kind == "anonymous" and they.anonymous == first.anonymous
