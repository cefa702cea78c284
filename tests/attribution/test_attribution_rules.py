"""Tables of sentences, one group per construction the attribution rules cover, negatives included.

Every sentence here was written for these tests; expected values were worked out by hand.
"""

from __future__ import annotations

import pytest

from claimgraph.attribution import extract_attributions

pytestmark = pytest.mark.model


def analyze(nlp, text):  # type: ignore[no-untyped-def]
    return extract_attributions(nlp(text))


def top(result):  # type: ignore[no-untyped-def]
    return [a for a in result.attributions if a.parent is None]


def content_text(a) -> str:  # type: ignore[no-untyped-def]
    return " … ".join(c.text for c in a.content)


def entity_name(result, entity_id):  # type: ignore[no-untyped-def]
    """The name of a document entity of `result` by its id ("e2"), or None."""
    return next((e.name for e in result.entities if e.id == entity_id), None)


def by_source(result, text):  # type: ignore[no-untyped-def]
    """The attribution whose source mention is `text`."""
    return next(a for a in result.attributions if a.source is not None and a.source.text == text)


# (sentence, source mention, cue, content (substring that must be the whole content, quote marks stripped),
#  quote kind)
CONSTRUCTIONS = [
    # a date the parser hung on the speaker says when, not who
    ("A judge on Friday denied the New York Times request to unseal the file.", "A judge", "denied",
     "the New York Times request to unseal the file", "indirect"),
    # the parser takes "over" for a particle of "strike" and hangs its object on the cue
    ("The union threatened on Saturday to strike over reported plans to cut 900 jobs.", "The union",
     "threatened", "to strike over reported plans to cut 900 jobs", "indirect"),
    # a participle after a preposition takes the subject of the clause it hangs in
    ("The mayor angered residents by saying that the pier would be sold.", "The mayor", "saying",
     "the pier would be sold", "indirect"),
    # quoted words the parser took for adjectives of the object: what the object was called
    ('Vermont Gov. Phil Scott called the remarks "cruel and uninformed."', "Vermont Gov. Phil Scott",
     "called", 'the remarks "cruel and uninformed."', "mixed"),
    # a forecast or an expectation of a number: its object is what is claimed
    ("The company forecast fourth-quarter revenue of about $65 billion.", "The company", "forecast",
     "fourth-quarter revenue of about $65 billion", "indirect"),
    ("Analysts polled by LSEG had expected revenue of $55.2 billion.", "Analysts", "had expected",
     "revenue of $55.2 billion", "indirect"),
    # direct quote, cue after
    (
        "“We will not back down,” Senator Jane Hollis said on Tuesday.",
        "Senator Jane Hollis",
        "said",
        "We will not back down,",
        "direct",
    ),
    # direct quote, cue before with a colon
    (
        "The minister told reporters: “The border stays closed until spring.”",
        "The minister",
        "told",
        "The border stays closed until spring.",
        "direct",
    ),
    # direct quote, inverted "said X"
    (
        "“The vote was fair,” said Ann Park, the commission’s chair.",
        "Ann Park, the commission’s chair",
        "said",
        "The vote was fair,",
        "direct",
    ),
    # indirect speech with "that"
    (
        "The ministry said that exports fell by a third in March.",
        "The ministry",
        "said",
        "exports fell by a third in March",
        "indirect",
    ),
    # indirect speech without "that"
    (
        "Officials told reporters the bridge would reopen next week.",
        "Officials",
        "told",
        "the bridge would reopen next week",
        "indirect",
    ),
    # mixed: a quoted fragment inside reported speech
    (
        "The mayor said the plan was “a disaster for the city” and would be dropped.",
        "The mayor",
        "said",
        "the plan was “a disaster for the city” and would be dropped",
        "mixed",
    ),
    # reporting verbs
    (
        "The agency reported that inflation slowed in October.",
        "The agency",
        "reported",
        "inflation slowed in October",
        "indirect",
    ),
    (
        "The analyst noted that sales had doubled since 2021.",
        "The analyst",
        "noted",
        "sales had doubled since 2021",
        "indirect",
    ),
    ("Smith wrote that the vote had been rigged.", "Smith", "wrote", "the vote had been rigged", "indirect"),
    ("The police added that no one was hurt.", "The police", "added", "no one was hurt", "indirect"),
    # according to
    (
        "According to the police, the suspect fled on foot.",
        "the police",
        "According to",
        "the suspect fled on foot",
        "indirect",
    ),
    (
        "The suspect fled on foot, according to two witnesses.",
        "two witnesses",
        "according to",
        "The suspect fled on foot",
        "indirect",
    ),
    # passives
    (
        "Two officials were cited as saying the talks had stalled.",
        "Two officials",
        "were cited as saying",
        "the talks had stalled",
        "indirect",
    ),
    (
        "“It is over,” one aide was quoted as saying.",
        "one aide",
        "was quoted as saying",
        "It is over,",
        "direct",
    ),
    # parenthetical cue inside the claim
    (
        "The talks, the newspaper reported, collapsed on Sunday.",
        "the newspaper",
        "reported",
        "The talks … collapsed on Sunday",
        "indirect",
    ),
    # colon attribution with no verb: the colon is the cue (as PolNeAR marks it)
    (
        "Maria Lopez: “We were never consulted about the closure.”",
        "Maria Lopez",
        ":",
        "We were never consulted about the closure.",
        "direct",
    ),
    # a clause before the verb (inside "In a statement released after ...") and the reported one after it
    (
        "In a statement released after the senator suspended his campaign, Cruz said he is certain Rubio "
        "will win.",
        "Cruz",
        "said",
        "he is certain Rubio will win",
        "indirect",
    ),
    # "said" + a gerund subject clause, parsed as an open complement
    (
        "He said legalizing it could put thousands of people to work.",
        "He",
        "said",
        "legalizing it could put thousands of people to work",
        "indirect",
    ),
    # a party-and-state parenthesis stays whole in the source
    (
        "Sen. Jeff Merkley (D-Ore.) said the vote would be close.",
        "Sen. Jeff Merkley (D-Ore.)",
        "said",
        "the vote would be close",
        "indirect",
    ),
    # a wire dateline opening the paragraph is not part of the content
    (
        "WASHINGTON (AP) — The Senate will vote on the bill next week, aides said.",
        "aides",
        "said",
        "The Senate will vote on the bill next week",
        "indirect",
    ),
    # dash attribution: the dash is the cue
    (
        "“We were never consulted about the closure.” — Maria Lopez",
        "Maria Lopez",
        "—",
        "We were never consulted about the closure.",
        "direct",
    ),
    # a prepositional cue after the verb's other adverbials joins them into the cue, as PolNeAR marks it
    (
        "She talked openly on social media about her desire to fight.",
        "She",
        "talked openly on social media about",
        "her desire to fight",
        "indirect",
    ),
    (
        "Tenney spoke to Breitbart News on Saturday about her primary race.",
        "Tenney",
        "spoke to Breitbart News on Saturday about",
        "her primary race",
        "indirect",
    ),
    # "described" with a plain object
    (
        "Mrs. Clinton described a rigged system that favors the wealthy.",
        "Mrs. Clinton",
        "described",
        "a rigged system that favors the wealthy",
        "indirect",
    ),
    # an expectation: no one named, the content is the subject and what it is expected to do
    (
        "Trump is expected to deliver a victory speech tonight.",
        None,
        "is expected",
        "Trump … to deliver a victory speech tonight",  # two pieces, around the cue
        "indirect",
    ),
    # a sentence of only the speaker and the cue after a quotation that ends with a full stop
    (
        "“Russia, if you’re listening, I hope you find the emails.” Trump said.",
        "Trump",
        "said",
        "Russia, if you’re listening, I hope you find the emails.",
        "direct",
    ),
    # the quotation before the speaker, not a phrase or a title quoted further on
    (
        "“Being a dad, that’s my job,” Weiner said in May on the podcast “Here’s the Thing.”",
        "Weiner",
        "said",
        "Being a dad, that’s my job,",
        "direct",
    ),
    (
        '"Let me tell you the facts," Cruz said after a brief "I\'m sorry" to Carson.',
        "Cruz",
        "said",
        "Let me tell you the facts,",
        "direct",
    ),
    # a quotation that leaves the clause's subject outside quotes part of the claim, not all of it
    (
        'Schumer said the party was "taking orders from Donald Trump."',
        "Schumer",
        "said",
        'the party was "taking orders from Donald Trump."',
        "mixed",
    ),
    # the parser takes a quoted name for an apposition of the object
    (
        'Opposition leader Kemi Badenoch called the confusion "a shambles."',
        "Opposition leader Kemi Badenoch",
        "called",
        'the confusion "a shambles."',
        "mixed",
    ),
    # ... or for a second object
    (
        'The White House issued a statement Friday, calling it "fake news."',
        "The White House",
        "calling",
        'it "fake news."',
        "mixed",
    ),
    # a quotation opening the clause keeps its opening mark when the clause goes on after it
    (
        'A senior government source told The Guardian that "all options remain on the table" ahead of the '
        "budget.",
        "A senior government source",
        "told",
        '"all options remain on the table" ahead of the budget',
        "mixed",
    ),
    # where it was said is no part of what was defended (the parser hangs the statement on the decision)
    ("The governor defended the decision in a lengthy statement.", "The governor", "defended", "the decision",
     "indirect"),
    # a kicker opening the line is no part of the claim
    (
        "Exclusive: Apple in talks to buy AI startup, sources say",
        "sources",
        "say",
        "Apple in talks to buy AI startup",
        "indirect",
    ),
    # a headline's clause before "X says", which the parser hangs on the verb as an adverbial clause
    (
        "Trump to visit China in April, White House says",
        "White House",
        "says",
        "Trump to visit China in April",
        "indirect",
    ),
    # a court's or a judge's ruling is what the court holds: a that-clause only (not "ruled in favor of")
    (
        "The judge ruled that the evidence was inadmissible.",
        "The judge",
        "ruled",
        "the evidence was inadmissible",
        "indirect",
    ),
    # the same with a horizontal bar glued to the quote mark, as in lists of readers' quotes
    (
        "“We were never consulted about the closure.”― Maria Lopez",
        "Maria Lopez",
        "―",
        "We were never consulted about the closure.",
        "direct",
    ),
]


def _strip_marks(text: str) -> str:
    return text.strip().strip('“”"')


@pytest.mark.parametrize(("text", "source", "cue", "content", "quote"), CONSTRUCTIONS)
def test_construction(nlp, text, source, cue, content, quote):  # type: ignore[no-untyped-def]
    found = top(analyze(nlp, text))
    assert len(found) == 1, [(a.cue, content_text(a)) for a in found]
    a = found[0]
    assert (a.source.text if a.source else None) == source
    assert (a.cue.text if a.cue else None) == cue
    assert _strip_marks(content_text(a)) == _strip_marks(content)
    assert a.quote == quote
    # offsets index the text exactly
    for span in a.content:
        assert text[span.start : span.end] == span.text


NEGATIVES = [
    "The coach made a point of thanking every volunteer.",  # a participle on a noun: no one's claim
    "Kline, who is cooperating with investigators, pleaded guilty in June.",  # a plea to nothing named
    "Media Contact: press@acmerobotics.com",  # a contact line: an address, no claim
    "The so-called “peace plan” was unveiled on Monday.",  # scare quotes
    "She starred in “The Man Who Knew Too Much” last year.",  # a title
    "The man who said nothing left the room.",  # "said" in a relative clause, no report
    "It’s clear that the plan has failed.",  # the writer's view; the model's lemma of a curly "’s" is "’"
    "The documents, said to be forged, were never published.",  # "said to be": no speaker
    "She said goodbye and left.",  # "said" with a plain object
    "The contacts continued as Musk toured the factory.",  # "continue" without a quotation
    "The reported contacts worried the allies.",  # participle adjective
    "Prices rose sharply in March.",  # no attribution at all
    "The Supreme Court ruled in favor of the company on Monday.",  # a ruling, but no content
    "We made a promise to working people.",  # whom a promise was made to is not what was promised
    "They never asked us.",  # whom they asked, not what
    "When asked about the delay, he said nothing.",  # the circumstance is no content
    "“I’m leaving.” She said nothing.",  # the quotation is not what "said nothing" reports
    "The bill, expected to pass on Friday, would raise taxes.",  # "expected" as a modifier: a hedge
    "It is expected to rain.",  # nothing is expected of anyone
    # a product recall is no memory
    "Summit Motors is recalling about 400,000 SUVs.",
    # a video posted is shown, not said
    "The actor posted a video on Instagram.",
    "The automaker recalled its Zephyr SUVs in March.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_attribution(nlp, text):  # type: ignore[no-untyped-def]
    found = analyze(nlp, text).attributions
    assert found == (), [(a.cue, content_text(a)) for a in found]


@pytest.mark.parametrize(
    "text",
    [
        "He said “this is fine and then left.",  # unbalanced opening mark
        'She said "this is “fine” and left.',  # mixed straight and curly marks
        "”Backwards,” he said. “Never closed",  # closing mark first, opening never closed
        "“" * 50 + "”" * 3,  # marks only
    ],
)
def test_unbalanced_quotes_never_fail(nlp, text):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    for a in result.attributions:
        for span in a.content:
            assert text[span.start : span.end] == span.text


def test_straight_quote_after_a_no_break_space_continues_the_speaker(nlp):  # type: ignore[no-untyped-def]
    text = '"They sue," he said.\xa0"Everybody sues, right?"'
    first, second = analyze(nlp, text).attributions
    assert second.continues == first.id
    assert content_text(second) == '"Everybody sues, right?"'


def test_quotes_in_two_apostrophes_are_attributed_and_continued(nlp):  # type: ignore[no-untyped-def]
    # the New York Times archive's quote marks; the parser leaves the second opening '' in the sentence before
    text = "''We did nothing wrong,'' Mr. Welch said. ''And now that is a message whose time has come.''"
    top = [a for a in analyze(nlp, text).attributions if a.parent is None]
    first, second = top
    assert first.source is not None and first.source.text == "Mr. Welch"
    assert content_text(first) == "''We did nothing wrong,''" and first.quote == "direct"
    assert second.continues == first.id
    assert content_text(second) == "''And now that is a message whose time has come.''"


def test_citing_makes_a_source_chain(nlp):  # type: ignore[no-untyped-def]
    text = "The bank will cut 500 jobs, the Harbor Ledger reported, citing two people familiar with the plan."
    result = analyze(nlp, text)
    parents = [a for a in result.attributions if a.parent is None]
    children = [a for a in result.attributions if a.parent is not None]
    assert [a.source.text for a in parents] == ["the Harbor Ledger"]
    assert len(children) == 1
    child = children[0]
    assert child.parent == parents[0].id
    assert child.cue is not None and child.cue.text == "citing"
    assert child.source is not None and child.source.text == "two people familiar with the plan"
    assert child.source_kind == "anonymous"
    assert child.anonymous is not None and child.anonymous.count == 2
    assert content_text(child) == content_text(parents[0]) == "The bank will cut 500 jobs"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Judge blocks Texas abortion-pill law, citing likely harm to patients",
            "Judge",
            "likely harm to patients",
        ),
        (
            "The company said it would close the plant in Ohio, citing falling demand for its trucks.",
            "The company",
            "falling demand for its trucks",
        ),
        # a state or a process is a reason, though the lexicon does not list it; the actor is the subject of
        # the verb "citing" hangs on
        (
            "The board voted to close two schools, citing falling enrollment and a budget gap.",
            "The board",
            "falling enrollment and a budget gap",
        ),
        (
            "He predicted victory, citing Trump's blue-collar appeal and Hillary Clinton's unpopularity.",
            "He",
            "Trump's blue-collar appeal and Hillary Clinton's unpopularity",
        ),
    ],
)
def test_citing_a_reason_is_the_actors_claim(nlp, text, source, content):  # type: ignore[no-untyped-def]
    # what is cited is no source: no chain, and the reason is the claim of the one who acts or speaks
    result = analyze(nlp, text)
    (citing,) = [a for a in result.attributions if a.cue is not None and a.cue.text == "citing"]
    assert citing.parent is None
    assert citing.source is not None and citing.source.text == source
    assert content_text(citing) == content


def test_a_relative_clause_with_speech_is_not_what_is_blamed(nlp):  # type: ignore[no-untyped-def]
    # the parser reads "that it said were ..." as a that-clause of "blamed"; its "said" has no subject for
    # what it reports, so it is a relative clause: "blamed" keeps its object
    text = (
        "In a statement to CNBC, the company blamed the issue on a bug in iOS 26 and on third-party apps, "
        "including Instagram and Uber, that it said were overloading the processor."
    )
    result = analyze(nlp, text)
    blamed = next(a for a in result.attributions if a.cue is not None and a.cue.text == "blamed")
    assert "said" not in content_text(blamed)
    assert content_text(blamed).startswith("the issue")


def test_quote_continues_the_previous_speaker(nlp):  # type: ignore[no-untyped-def]
    text = (
        "“We did nothing wrong,” said Ann Park, the company’s lawyer. "
        "“The accusations are baseless and we will fight them in court.”"
    )
    result = analyze(nlp, text)
    first, second = result.attributions
    assert first.source is not None and first.source.text.startswith("Ann Park")
    assert second.source is None and second.cue is None
    assert second.source_kind == "implicit"
    assert second.source_entity == first.source_entity is not None
    assert content_text(second).startswith("“The accusations are baseless")


def test_hedged_report_takes_its_source_from_context(nlp):  # type: ignore[no-untyped-def]
    text = (
        "The Harbor Ledger reported on Monday that the mayor had resigned. "
        "The mayor reportedly left city hall in tears."
    )
    result = analyze(nlp, text)
    assert len(result.attributions) == 2
    first, hedged = result.attributions
    assert hedged.cue is not None and hedged.cue.text == "reportedly"
    assert hedged.source is None and hedged.source_kind == "implicit"
    assert hedged.source_entity == first.source_entity is not None
    assert "reportedly" in hedged.hedges
    assert content_text(hedged) == "The mayor … left city hall in tears"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The spokesman rejected the allegations.", "deny"),
        ("The company denied that it had paid the bribe.", "deny"),
        ("The Kremlin dismissed the report.", "deny"),
        ("“It’s all untrue,” the Kremlin said.", "deny"),
        ("The company said the report was false.", "deny"),
        ("The company confirmed the report.", "assert"),
        ("The company said the report was accurate.", "assert"),
        # refusing what was asked for is a ruling, no denial of a claim
        ("A judge on Friday denied the New York Times request to unseal the file.", "assert"),
        ("The board rejected the motion.", "assert"),
        ("The company rejected the allegations.", "deny"),
    ],
)
def test_stance(nlp, text, stance):  # type: ignore[no-untyped-def]
    (a,) = analyze(nlp, text).attributions
    assert a.stance == stance


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("The company said the data appeared to have been stolen.", ["appeared to"]),
        ("Police said the alleged attacker was detained.", ["alleged"]),
        ("Police said the attacker was detained.", []),
        # an adverb of the cue: the telling itself is reported, not witnessed
        ("The minister reportedly told colleagues he would resign.", ["reportedly"]),
        ("The mayor allegedly said the contract was rigged.", ["allegedly"]),
        ("The mayor also said the contract was rigged.", []),
        # the writer's caveat on the claim
        ("Trump has claimed, without evidence, that the election was stolen.", ["without evidence"]),
        # a comparison of odds is no hedge; odds alone are
        ("Researchers said smokers were 15% more likely to die early.", []),
        ("Researchers said the drug was likely to be approved.", ["likely"]),
    ],
)
def test_hedges(nlp, text, hedges):  # type: ignore[no-untyped-def]
    (a,) = analyze(nlp, text).attributions
    assert list(a.hedges) == hedges


@pytest.mark.parametrize(
    ("text", "count", "descriptors"),
    [
        (
            "Three senior U.S. intelligence officials said the strike was imminent.",
            3,
            ["senior", "U.S.", "intelligence"],
        ),
        ("A person familiar with the matter said the deal was close.", 1, []),
        (
            "Several former administration officials said the memo was real.",
            "several",
            ["former", "administration"],
        ),
        ("Officials who spoke on condition of anonymity said the memo was real.", None, []),
        # a post held by named people ("senator") is an unnamed source when counted or said to be one
        ("Some Republican senators privately acknowledged that the politics had shifted.", "some",
         ["Republican"]),
        ('"We lost this one," said one GOP senator, who spoke on condition of anonymity.', 1, ["GOP"]),
        ("The deal is close, league sources said.", None, ["league"]),
        # leaders not named are unnamed sources ("the Russian leader", one named before, is not)
        ("Union leaders said the strike would go ahead.", None, ["union"]),
        ("Meteorologists said more storms were possible Thursday.", None, []),
        # British members of parliament, as lawmakers
        ("Two MPs said the plan would fail.", 2, []),
        ("One backbencher told the Guardian the target was not credible.", 1, []),
        # "critics say": the unnamed attribution by excellence
        ("Critics say the plan is too costly.", None, []),
        ("Some critics said the order was illegal.", "some", []),
        # so are others not named, when the text says they spoke unnamed
        ("Others, speaking on condition of anonymity, said the locker room had lost faith in the staff.",
         None, []),
        # an aside between the mention and its verb says so
        ("A U.S. State Department spokesperson, speaking on condition of anonymity to discuss diplomatic "
         "matters, said Washington remains open to talks.", 1, ["U.S. State Department"]),
    ],
)
def test_anonymous_sources(nlp, text, count, descriptors):  # type: ignore[no-untyped-def]
    (a,) = analyze(nlp, text).attributions
    assert a.source_kind == "anonymous"
    assert a.anonymous is not None
    assert a.anonymous.count == count
    assert list(a.anonymous.descriptors) == descriptors


@pytest.mark.parametrize(
    ("text", "source", "kind", "entity"),
    [
        (
            "Kremlin spokesman Dmitry Peskov said the talks were private.",
            "Kremlin spokesman Dmitry Peskov",
            "person",
            "Dmitry Peskov",
        ),
        (
            "U.S. billionaire Elon Musk met the minister on Monday. "
            "The billionaire said the meeting went well.",
            "The billionaire",
            "person",
            "Elon Musk",
        ),
        (
            "The New York Times published the memo on Monday. The newspaper said the memo was authentic.",
            "The newspaper",
            "organization",
            "New York Times",
        ),
        (
            "The Wall Street Journal reported the deal on Monday. WSJ said the deal was signed.",
            "WSJ",
            "organization",
            "Wall Street Journal",
        ),
        ("Ann Lee met voters in Ohio. She said the bill was dead.", "She", "person", "Ann Lee"),
        ("Governor Ann Lee said the bill was dead.", "Governor Ann Lee", "person", "Ann Lee"),
        # an apposition naming the spokesperson: the source is the person, not the White House
        (
            "A spokesperson for the White House, Andrew Bates, said the president was ready to sign.",
            "A spokesperson for the White House",
            "person",
            "Andrew Bates",
        ),
        # a place someone is in or from is not who they are
        (
            "One retired steelworker in Ohio said the mill closed.",
            "One retired steelworker in Ohio",
            "unknown",
            None,
        ),
        # a body named by what it is speaks as one
        ("Police said the suspect was arrested.", "Police", "organization", None),
        # a union speaks as one body, named or not
        ("Pilots voted to strike, their union said.", "their union", "organization", None),
        # "who" is a person, though the parser hangs it on the firm of the person's apposition
        (
            '"Pricing power is the story here," said Jamie Ortiz, an analyst at Bernstein, who expects '
            "little churn.",
            "who",
            "person",
            "Jamie Ortiz",
        ),
        # a title the model takes into a person's name is not part of the name
        ("Sheriff Ed Gonzalez said one man was killed.", "Sheriff Ed Gonzalez", "person", "Ed Gonzalez"),
        (
            '"We owe it to our neighborhoods," said Councilwoman Dana Price.',
            "Councilwoman Dana Price",
            "person",
            "Dana Price",
        ),
        # a description named in its apposition is what the apposition names, not an earlier organization
        (
            "Acme Corp. sued the lab in May. The company that licenses the test, Verity Diagnostics, said it "
            "would seek approval.",
            "The company",
            "organization",
            "Verity Diagnostics",
        ),
        # a player's position before the name says it is a person's, whatever type the model gives it
        (
            "Manchester City striker Erling Haaland was hurt on Wednesday. Haaland said he would be back "
            "soon.",
            "Haaland",
            "person",
            "Erling Haaland",
        ),
        # so do prosecutors (their office), though one prosecutor is a person
        ("The aide took bribes, federal prosecutors said.", "federal prosecutors", "organization", None),
        ("The prosecutor said the aide took bribes.", "The prosecutor", "person", None),
        # a court, a committee, a panel speak as bodies, whether or not one is named
        ("A federal appeals court said the map cannot stand.", "A federal appeals court", "organization",
         None),
        ("The committee said in a report that the agency had failed to act.", "The committee",
         "organization", None),
        ("The panel concluded that the drug was safe.", "The panel", "organization", None),
        # an institution the model leaves untagged is still an organization, and an entity
        ("Mexico's foreign ministry denied it. Downing Street said it was monitoring the situation.",
         "Downing Street", "organization", "Downing Street"),
        # "He" after a quotation the parser made a sentence of its own: the quotation's speaker
        ('Chief executive Simon Roberts said: "Trading conditions have been tough, but we have a clear '
         'plan."\n\nHe added that the company expected a stronger Christmas.', "He", "person",
         "Simon Roberts"),
        # "the city" is the place named a city, though another place was named since
        ("Posts claim that New York City banned gas stoves. Lauren Boebert of Colorado repeated it. The law "
         "applies only to new buildings, according to the city's website.", "the city's website",
         "organization", "New York City"),
        # a surname opening a sentence, which the tagger took for an adjective, is still the person named
        ("Board president Maria Lopez backed the plan. Board member Angela Ruiz voted against it. Lopez "
         "disagreed with her, saying the board had studied the issue.", "Lopez", "person", "Maria Lopez"),
        # "its" data are the organization's
        ("The World Health Organization said cases had risen. Its data show that most were children.",
         "Its data", "organization", "World Health Organization"),
        # nor are people their state or country
        ("Ohio voters said the economy was their top concern.", "Ohio voters", "unknown", None),
        ("Most U.S. adults expect the economy to get worse, the poll found.", "Most U.S. adults", "unknown",
         None),
        # a business is not its country
        ("Britain's biggest clothing retailer cut its forecast on Wednesday, blaming warm weather.",
         "Britain's biggest clothing retailer", "organization", None),
        # a name ending in "Network" is no person's, whatever the model says
        ("According to NFL Network, the team will interview at least five candidates.", "NFL Network",
         "organization", "NFL Network"),
        # a document speaks for whoever published it; one who obtained it is no author
        ("The report, published Thursday by The Washington Post, said the deal was close.", "The report",
         "organization", "Washington Post"),
        ("A memo obtained by CNN said the agency had ignored warnings.", "A memo", "unknown", None),
        # a lawsuit is a document too; its publisher may be named inside the agent's phrase
        ("The lawsuit filed by the city of Springfield last year claims Hale cost taxpayers more than $3 "
         "million.", "The lawsuit", "organization", "Springfield"),
        # a study's authors are people, as its researchers are
        ("The authors cautioned that the sample was small.", "The authors", "person", None),
        # a person naming an organization is not the organization speaking
        (
            "The Trump administration said the rule would take effect.",
            "The Trump administration",
            "organization",
            None,
        ),
        # when it was said is no part of who said it
        (
            "Senate Majority Leader Chuck Schumer on Tuesday accused Republicans of stalling the deal.",
            "Senate Majority Leader Chuck Schumer",
            "person",
            "Chuck Schumer",
        ),
        # a business's short name is the business, whatever type the model gives it
        (
            "The drug, made by Novaris Pharmaceuticals, was tested in 14,000 patients. "
            "Novaris said it plans to seek approval next year.",
            "Novaris",
            "organization",
            "Novaris Pharmaceuticals",
        ),
        # "the company" is the business, not the agency named after it
        (
            "The pill is made by Novaris Pharmaceuticals. Novaris plans to ask the Food and Drug "
            "Administration for approval. The company said the trial was a success.",
            "The company",
            "organization",
            "Novaris Pharmaceuticals",
        ),
        # a business whose name starts like an outlet's ("The Atlantic") is no outlet; its name ends like
        # a business's
        (
            "Atlantic Terminals runs the port.\n\nThe Harbor Ledger reported on Thursday that about 900 jobs "
            "would go. The company said the report was wrong.",
            "The company",
            "organization",
            "Atlantic Terminals",
        ),
        ("American Express reported higher profits. The company said spending rose.", "The company",
         "organization", "American Express"),
        # who obtained or reviewed a document is not its author; "the Herald", which the model calls a
        # person, is an outlet
        ("The firm was cited in 2024, according to records reviewed by the Herald.",
         "records reviewed by the Herald", "unknown", None),
        ("The firm was fined, according to a memo obtained by The Washington Post.",
         "a memo obtained by The Washington Post", "unknown", None),
        ("The senator leads, according to a poll conducted by Gallup.", "a poll conducted by Gallup",
         "organization", "Gallup"),
        ("The Herald also found that the company paid no fine.", "The Herald", "organization", "Herald"),
        # a description heading the text is who the article names so below it
        ("Kharkiv governor says two workers killed\n\nGovernor Oleh Syniehubov said two workers were killed "
         "at the power station.", "Kharkiv governor", "person", "Oleh Syniehubov"),
        # ... nor the outlet its statement went to
        (
            "Apple acknowledged that some phones run hot. In a statement to CNBC, the company said a "
            "software update would fix it.",
            "the company",
            "organization",
            "Apple",
        ),
        # "it" in the sentence of a subject organization is that organization
        (
            "Apple makes the phone. The company blamed apps made by Instagram and Uber, which it said were "
            "overloading the chip.",
            "it",
            "organization",
            "Apple",
        ),
        # a title before a name the model calls an organization names a person, whom "she" then is
        ("A new poll shows Vice President Kamala Harris trailing. Harris campaign chair Jen O'Malley Dillon "
         "dismissed the results in a memo. She said public polls underestimated their support.",
         "She", "person", "Jen O'Malley Dillon"),
        # what a study is of is not who made it
        ("Smokers die early, according to a study of more than 100,000 U.S. adults.",
         "a study of more than 100,000 U.S. adults", "unknown", None),
        # a headline's surname is the person the article names in full after it
        (
            "Musk says Tesla will not build plant in India this year\n\nElon Musk said on Sunday that Tesla "
            "has no plans to build a factory in India in 2026.",
            "Musk",
            "person",
            "Elon Musk",
        ),
        # the department a title names is no entity of its own ("Energy Secretary"): "the department" is
        # the one named before
        (
            "Sen. Maria Cantwell accused the Energy Department of withholding reports. In a letter to Energy "
            "Secretary Chris Wright, she asked for them. The department denied hiding information.",
            "The department",
            "organization",
            "Energy Department",
        ),
        ("A whistleblower told investigators that inspectors had been pressured.", "A whistleblower",
         "anonymous", None),
        # "the report" just after an outlet reported is that outlet's report
        (
            "Tesla executives visited two sites near Mumbai, Reuters reported on Friday. Tesla could invest "
            "up to $2 billion, according to the report.",
            "the report",
            "organization",
            "Reuters",
        ),
        # a surname the model calls an organization stays the person named before
        (
            "8:10 p.m. ET\nGov. Ron DeSantis urged residents who had not evacuated to stay indoors. "
            "\"If you are in a zone that was ordered to evacuate, it is too late to leave now,\" DeSantis "
            "said at a news conference in Tallahassee.\n\n6:55 p.m. ET\nPresident Biden said he had spoken "
            "with DeSantis and with the mayors of Tampa and St. Petersburg.",
            "DeSantis",
            "person",
            "Ron DeSantis",
        ),
        # unnamed analysts of a named firm publish its view: the firm, on record
        (
            "Analysts at Morgan Stanley estimated that sales could reach $5 billion by 2030.",
            "Analysts at Morgan Stanley",
            "organization",
            "Morgan Stanley",
        ),
        # a person's title before a name the model did not tag: the name is a person's, the surname theirs
        (
            "The council delayed a vote on Mayor Ana Ruiz's plan. Ruiz said the city could not afford to "
            "wait.",
            "Ruiz",
            "person",
            "Ana Ruiz",
        ),
        # "the council" is the organization named with that word, not the latest organization
        (
            "The Springfield City Council delayed the vote after Acme Corp. objected. A spokesman for the "
            "council said the vote would wait.",
            "A spokesman for the council",
            "organization",
            "Springfield City Council",
        ),
        # any organization's description goes first to one named with that word, then to the latest one
        (
            "The Foreign Ministry summoned the ambassador after the European Union imposed sanctions. The "
            "ministry said the move was illegal.",
            "The ministry",
            "organization",
            "Foreign Ministry",
        ),
        (
            "Russia's Defense Ministry said the drills ended. NATO said it was watching. The ministry said "
            "no troops had crossed.",
            "The ministry",
            "organization",
            "Defense Ministry",
        ),
        (
            "Acme Corp. objected to the plan. A spokesman for the council said the vote would wait.",
            "A spokesman for the council",
            "person",
            None,
        ),
    ],
)
def test_source_resolution(nlp, text, source, kind, entity):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    (a,) = [a for a in result.attributions if a.source is not None and a.source.text == source]
    assert a.source_kind == kind
    assert entity_name(result, a.source_entity) == entity


@pytest.mark.parametrize(
    ("text", "who", "span"),
    [
        (
            "Elon Musk met Putin twice. Musk did not respond to a request for comment.",
            "Elon Musk",
            "did not respond to a request for comment",
        ),
        ("Acme Corp cut 500 jobs. The company declined to comment.", None, "declined to comment"),
        (
            "Representatives for the band could not be reached for comment.",
            None,
            "could not be reached for comment",
        ),
        # contractions, unanswered questions, an interview declined, a refusal through someone
        ("Aides didn't respond to requests for comment.", None, "didn't respond to requests for comment"),
        ("The governor's office did not answer questions about it.", None, "did not answer questions"),
        ("The company declined to be interviewed.", None, "declined to be interviewed"),
        ("A No 10 spokesman refused to be drawn on the reports.", None, "refused to be drawn on the reports"),
        (
            "Garcia declined through a spokesman to discuss the matter.",
            None,
            "declined through a spokesman to discuss the matter",
        ),
        # the whole word ("an emailed request", not "an email"); silence on the record; calls unreturned
        (
            "Acme did not immediately reply to an emailed request for comment.",
            None,
            "did not immediately reply to an emailed request for comment",
        ),
        ("The company has not commented publicly on the lawsuit.", None,
         "has not commented publicly on the lawsuit"),
        ("Smith has not spoken publicly about the case.", None, "has not spoken publicly about the case"),
        ("Messages left with the mayor's office were not returned.", None,
         "Messages left with the mayor's office were not returned"),
        ("Calls to the company went unanswered on Friday.", None, "Calls to the company went unanswered"),
    ],
)
def test_no_comment(nlp, text, who, span):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    (n,) = result.no_comment
    assert n.span.text == span
    if who is not None:
        assert entity_name(result, n.entity) == who
    assert result.attributions == ()


def test_no_one_responding_is_a_no_comment_of_each(nlp):  # type: ignore[no-untyped-def]
    result = analyze(nlp, "Neither the Pentagon nor the State Department responded to requests for comment.")
    who = [(n.subject.text if n.subject else None, entity_name(result, n.entity)) for n in result.no_comment]
    assert who == [
        ("the Pentagon", "Pentagon"),
        ("the State Department", "State Department"),
    ]
    assert {n.span.text for n in result.no_comment} == {"responded to requests for comment"}
    assert result.attributions == ()
    # someone who did respond said something
    answered = analyze(nlp, "The ministry responded to requests for comment with a statement.")
    assert answered.no_comment == ()


@pytest.mark.parametrize(
    ("text", "source", "phrase"),
    [
        (
            "Kerr Putney, the Charlotte-Mecklenburg police chief, said the video was inconclusive.",
            "Kerr Putney",
            "Kerr Putney, the Charlotte-Mecklenburg police chief",
        ),
        (
            "Don Fowler, who led the party from 1995 to 1997, said the rules were fair.",
            "Don Fowler",
            "Don Fowler, who led the party from 1995 to 1997",
        ),
        (
            "Nick Witney, a fellow at the European Council on Foreign Relations who ran the European "
            "Defense Agency, said the plan would fail.",
            "Nick Witney, a fellow at the European Council on Foreign Relations",  # a short apposition stays
            "Nick Witney, a fellow at the European Council on Foreign Relations who ran the European "
            "Defense Agency",
        ),
        ("The senator said the bill was dead.", "The senator", "The senator"),
        (
            "Rep. Jim Clyburn (D-S.C.), who leads the caucus (and its whip operation), said the vote failed.",
            "Rep. Jim Clyburn (D-S.C.)",
            # the phrase closes the parenthesis it opens
            "Rep. Jim Clyburn (D-S.C.), who leads the caucus (and its whip operation)",
        ),
    ],
)
def test_source_phrase_takes_what_describes_the_source(nlp, text, source, phrase):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert a.source.text == source
    described = a.to_dict()["source_phrase"]
    assert described["text"] == phrase == text[described["start"] : described["end"]]
    assert described["start"] == a.source.start


def test_source_phrase_stops_at_the_content(nlp):  # type: ignore[no-untyped-def]
    text = "“We will appeal,” said Jane Roe, a lawyer for the family, who spoke outside the court."
    (a,) = top(analyze(nlp, text))
    phrase = a.to_dict()["source_phrase"]
    assert phrase["start"] == a.source.start and phrase["end"] >= a.source.end
    assert all(phrase["end"] <= c.start or phrase["start"] >= c.end for c in a.content)
    assert a.cue is not None and (phrase["start"] >= a.cue.end or phrase["end"] <= a.cue.start)


def test_source_phrase_leaves_anonymity_and_entity_to_the_mention(nlp):  # type: ignore[no-untyped-def]
    # the relative clause names a person: the source is still an unnamed official, resolved to no one
    text = "A senior official who met Donald Trump on Monday said the talks had stalled."
    result = analyze(nlp, text)
    (a,) = top(result)
    assert a.source_kind == "anonymous" and a.source_entity is None
    assert a.to_dict()["source_phrase"]["text"] == "A senior official who met Donald Trump on Monday"
    assert a.source.text == "A senior official"


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("Graham: Trump's rhetoric is destroying the party's chances", "Graham"),
        ("Poll: Clinton and Trump in dead heat heading into first debate", "Poll"),  # a poll reports
        ("World: Leaders meet in Paris to discuss the climate", None),  # a section, not a speaker
        ("Politics: Senate passes the budget after a long night", None),
        ("Editorial: The mayor must resign now", None),
        ("The big picture: Inflation is cooling faster than expected.", None),  # explanatory signposts
        ("By the numbers: Sales rose 4 percent in May.", None),
        ("Why it matters: The ruling affects millions of renters.", None),
        ("Our rating: False. The law applies only to new buildings.", None),  # the writer's own verdict
    ],
)
def test_a_line_opening_with_a_label_is_attributed_only_to_a_speaker(nlp, line, speaker):  # type: ignore[no-untyped-def]
    text = f"{line}\n\nThe article goes on here with nothing more to say.\n"
    found = [a for a in top(analyze(nlp, text)) if a.rule == "line-colon"]
    assert [a.source.text for a in found] == ([speaker] if speaker else [])


def test_a_transcript_line_is_the_speakers_own_words(nlp):  # type: ignore[no-untyped-def]
    text = ("Q: Will you raise taxes?\n\nBASS: No. We are not going to balance this on the backs of working "
            "families.\n\nGraham: Trump's rhetoric is destroying the party's chances\n")
    found = {a.source.text: a.quote for a in top(analyze(nlp, text)) if a.rule == "line-colon"}
    assert found == {"BASS": "direct", "Graham": "indirect"}  # a headline's label paraphrases


def test_asked_about_is_no_claim_and_leaves_the_speaker_to_said(nlp):  # type: ignore[no-untyped-def]
    text = ("City Controller Kenneth Mejia, asked about the mayor's comments, said his audit had confirmed "
            "only $45 million in overtime savings.")
    (a,) = top(analyze(nlp, text))
    assert a.cue is not None and a.cue.text == "said"
    assert a.source is not None and a.source.text == "City Controller Kenneth Mejia"
    assert content_text(a) == "his audit had confirmed only $45 million in overtime savings"


def test_speakers_read_as_an_apposition_of_the_claim(nlp):  # type: ignore[no-untyped-def]
    # the parser hangs "two people ..." on "Mazzulla" and leaves "told" without a subject
    text = ("The Bulls are close to hiring Celtics coach Joe Mazzulla, two people with knowledge of the "
            "team's search told the Tribune on Monday. One of the people said the contract would be worth "
            "about $40 million over five years.")
    told, said = top(analyze(nlp, text))
    assert told.source is not None and told.source.text == "two people with knowledge of the team's search"
    assert content_text(told) == "The Bulls are close to hiring Celtics coach Joe Mazzulla"
    assert told.source_kind == "anonymous" and told.anonymous is not None and told.anonymous.count == 2
    # one of them: an unnamed source too, one of the group
    assert said.source is not None and said.source.text == "One of the people"
    assert said.source_kind == "anonymous" and said.anonymous is not None and said.anonymous.count == 1


def test_a_clause_before_the_speaker_is_what_was_said_however_it_is_parsed(nlp):  # type: ignore[no-untyped-def]
    # en_core_web_sm makes "figure" an adverbial of "acknowledged" and "refers" an object of "cited"
    text = ("The 20% figure Alvarez cited refers only to homicides in the state's three largest cities, her "
            "office acknowledged in an email to PolitiFact.")
    (a,) = top(analyze(nlp, text))
    assert (a.source.text, a.cue.text) == ("her office", "acknowledged")  # type: ignore[union-attr]
    assert content_text(a) == ("The 20% figure Alvarez cited refers only to homicides in the state's three "
                               "largest cities")
    # a subordinate clause says when, not what; a cue with an object says it after itself
    for text in ("As Clinton talked about her plans, Trump highlighted.",
                 "After the vote was over, the senators left."):
        assert not [a for a in top(analyze(nlp, text)) if a.content and a.content[0].start == 0]


def test_a_quotation_ends_the_reported_clause_before_the_speakers_next_act(nlp):  # type: ignore[no-untyped-def]
    text = ("In a letter to Energy Secretary Chris Wright, Cantwell wrote that the department \"owes the "
            "public a full accounting\" and demanded the reports by Dec. 15.")
    result = analyze(nlp, text)
    wrote, demanded = top(result)
    assert content_text(wrote) == 'the department "owes the public a full accounting"'
    assert demanded.source is not None and demanded.source.text == "Cantwell"
    assert demanded.cue is not None and demanded.cue.text == "demanded"


def test_a_speaker_hung_on_the_claims_last_noun_before_a_final_said(nlp):  # type: ignore[no-untyped-def]
    # the parser makes the office an apposition of "grandson" and "said" a verb with no subject
    text = ("The victims were identified as Maria Gonzalez, 67, and her grandson, Luis Gonzalez, 9, the "
            "Montgomery County Coroner's Office said Sunday.")
    (a,) = top(analyze(nlp, text))
    assert a.source is not None and a.source.text == "the Montgomery County Coroner's Office"
    assert content_text(a) == ("The victims were identified as Maria Gonzalez, 67, and her grandson, Luis "
                               "Gonzalez, 9")


def test_the_statement_a_verb_speaks_in_is_no_second_attribution(nlp):  # type: ignore[no-untyped-def]
    text = ("The building's owner, Riverside Property Management, said in a statement that all detectors had "
            "been inspected in March and were working.")
    (a,) = analyze(nlp, text).attributions
    assert a.cue is not None and a.cue.text == "said"
    assert content_text(a) == "all detectors had been inspected in March and were working"


def test_it_is_understood_reports_with_no_source(nlp):  # type: ignore[no-untyped-def]
    # British journalese for what unnamed sources told the reporter
    (a,) = top(analyze(nlp, "It is understood that the rate on shares could rise to 28%."))
    assert (a.source, a.cue.text, content_text(a)) == (  # type: ignore[union-attr]
        None, "is understood", "the rate on shares could rise to 28%")


def test_a_guilty_plea_admits_the_charge(nlp):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, "The developer pleaded guilty to wire fraud in June."))
    assert (a.cue.text, content_text(a), a.stance, a.negated) == (  # type: ignore[union-attr]
        "pleaded guilty", "wire fraud", "assert", False)


def test_a_business_by_its_full_and_short_names_is_one_entity(nlp):  # type: ignore[no-untyped-def]
    text = ("Acme Motors to cut 500 Flint jobs\n\nDETROIT (Reuters) - Acme Motors Corp will cut 500 jobs at "
            "its Flint plant, the automaker said on Monday. Eric Welter said a second shift would go. Acme "
            "denied that.")
    result = analyze(nlp, text)
    names = {e.name: e.type for e in result.entities}
    assert "Acme Motors" not in names and names["Acme Motors Corp"] == "ORG"
    assert names["DETROIT"] == "GPE"  # a dateline's place, whatever the model calls it
    acme = by_source(result, "Acme")
    assert entity_name(result, acme.source_entity) == "Acme Motors Corp"
    # a bank by its name without "Bank"
    text = ("Hackers stole the data of about 2 million Northwind Bank customers, the bank said. Northwind "
            "said it notified the FBI.")
    result = analyze(nlp, text)
    northwind = [e.name for e in result.entities if e.type == "ORG" and "Northwind" in e.name]
    assert northwind == ["Northwind Bank"]
    assert entity_name(result, by_source(result, "Northwind").source_entity) == "Northwind Bank"


def test_a_press_release_dateline_is_no_source(nlp):  # type: ignore[no-untyped-def]
    text = ("Acme Robotics Announces Record Third-Quarter Results\n\nSAN JOSE, Calif., Oct. 28, 2026 "
            "/PRNewswire/ -- Acme Robotics, Inc. (NASDAQ: ACME) today announced financial results for the "
            "third quarter.")
    result = analyze(nlp, text)
    a = next(a for a in top(result) if a.cue is not None and a.cue.text == "announced")
    assert a.source is not None and a.source.text.startswith("Acme Robotics, Inc.")
    assert entity_name(result, a.source_entity) == "Acme Robotics, Inc."


def test_speech_inside_a_quotation_says_only_what_is_inside_it(nlp):  # type: ignore[no-untyped-def]
    text = ("\"Everybody said, 'You can't beat Austin,'\" Delgado, 54, recalls over coffee in her kitchen. "
            "\"I thought, well, somebody has to try.\"")
    result = analyze(nlp, text)
    recalls, said, more = result.attributions
    assert (recalls.source.text, recalls.cue.text) == ("Delgado", "recalls")  # type: ignore[union-attr]
    assert recalls.source_phrase.text == "Delgado, 54"  # type: ignore[union-attr]  (her age: the phrase's)
    assert (said.source.text, content_text(said), said.parent) == (  # type: ignore[union-attr]
        "Everybody", "You can't beat Austin", recalls.id)
    assert more.continues == recalls.id  # the next quotation is still Delgado's


def test_speech_inside_a_quotation_says_nothing_outside_it(nlp):  # type: ignore[no-untyped-def]
    # the parser reads "that" as a conjunction and "he said" as what "I never said"
    result = analyze(nlp, "“I never said that,” he said, adding that the report was false.")
    said = [(a.source.text if a.source else None, a.cue.text if a.cue else None, content_text(a))
            for a in result.attributions]
    assert ("I", "never said", "he said") not in said
    assert [(s, c) for s, c, _ in said if s == "he"] == [("he", "said"), ("he", "adding")]


def test_a_cue_alone_in_quotation_marks_keeps_its_content(nlp):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, "The minister “warned” that the plan would fail."))
    assert a.source.text == "The minister" and content_text(a) == "the plan would fail"


@pytest.mark.parametrize(
    ("text", "cue", "stance", "negated"),
    [
        ("The Kremlin denied the report.", "denied", "deny", False),
        ("The Kremlin did not deny the report.", "did not deny", "assert", True),  # denies nothing
        ("The ministry never denied that it paid the bribes.", "never denied", "assert", True),
        ("He did not claim that the vote was rigged.", "did not claim", "assert", True),
        ("She said the vote was rigged.", "said", "assert", False),
        ("Nobody denied that the talks took place.", "denied", "assert", True),  # no one's denial
        ("No official denied the report.", "denied", "assert", True),
    ],
)
def test_a_negated_cue_neither_asserts_nor_denies(nlp, text, cue, stance, negated):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert a.cue.text == cue and a.stance == stance and a.negated is negated
    assert a.to_dict()["negated"] is negated


def test_not_saying_whether_is_no_comment(nlp):  # type: ignore[no-untyped-def]
    text = "He did not say whether he would run again. Officials would not specify which sites were hit."
    result = analyze(nlp, text)
    assert not result.attributions  # not "he asserts he would run again"
    assert [n.span.text for n in result.no_comment] == [
        "did not say whether he would run again",
        "would not specify which sites were hit",
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("She denies ever meeting him.", "ever meeting him"),  # what is denied: the gerund
        ("He denied taking the money.", "taking the money"),
        ("The agency said the report was inaccurate.", "the report was inaccurate"),
        ("The spokesman said the meeting never took place.", "the meeting never took place"),
        # a plea of not guilty denies the charges
        ("Former Springfield Mayor Dan Walsh pleaded not guilty on Tuesday to federal charges of bribery.",
         "federal charges of bribery"),
    ],
)
def test_denials(nlp, text, content):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert content_text(a) == content and a.stance == "deny" and not a.negated


@pytest.mark.parametrize(
    "text",
    [
        "A former official, who asked not to be named, said the program ended.",
        "She asked to remain anonymous.",
        "He asked that his name be withheld.",
        "The people, who declined to be named because the talks are private, said nothing more.",
    ],
)
def test_asking_for_anonymity_is_no_claim(nlp, text):  # type: ignore[no-untyped-def]
    said = [(a.cue.text if a.cue else None, content_text(a)) for a in analyze(nlp, text).attributions]
    assert all(cue == "said" for cue, _ in said), said  # only the official's own claim, if any


@pytest.mark.parametrize(
    ("text", "relay", "cue", "cited", "count"),
    [
        (
            "The report cited an unnamed U.S. intelligence official as saying the strike happened overnight.",
            "The report", "cited", "an unnamed U.S. intelligence official", 1,
        ),
        (
            "Reuters cited two sources as saying that the deal was close.",
            "Reuters", "cited", "two sources", 2,
        ),
        (
            "The newspaper quoted a senior official as saying the talks had failed.",
            "The newspaper", "quoted", "a senior official", 1,
        ),
    ],
)
def test_cited_as_saying_is_a_source_chain(nlp, text, relay, cue, cited, count):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    (outer,) = top(result)
    (inner,) = [a for a in result.attributions if a.parent == outer.id]
    assert (outer.source.text, outer.cue.text) == (relay, cue)
    assert (inner.source.text, inner.cue.text, inner.relation) == (cited, "as saying", "cites")
    assert content_text(outer) == content_text(inner)
    assert content_text(inner).split()[-1] in ("overnight", "close", "failed")
    assert inner.source_kind == "anonymous" and inner.anonymous is not None and inner.anonymous.count == count


@pytest.mark.parametrize(
    ("text", "content", "stance"),
    [
        ("Musk called the report “false” in a post on X.", "the report “false”", "deny"),
        ("The embassy called the allegations false.", "the allegations false", "deny"),
        ("Trump called the decision a disaster.", "the decision a disaster", "assert"),
        ("Pepper called Friday's decision a big win.", "Friday's decision a big win", "assert"),  # date kept
    ],
)
def test_calling_something_names_it_and_what_it_was_called(nlp, text, content, stance):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert a.cue.text == "called" and content_text(a) == content and a.stance == stance


def test_a_quotation_after_the_speakers_sentence_continues_it(nlp):  # type: ignore[no-untyped-def]
    text = (
        "“We have been waiting for years,” said Ana Ruiz, a fisherman. “Nobody listened to us.”\n\n"
        "“We will fight,” said Tom Lee.\n"
    )
    result = analyze(nlp, text)
    ids = [a.id for a in result.attributions]
    assert ids == sorted(ids, key=lambda i: int(i[1:]))
    starts = [min([c.start for c in a.content] + ([a.cue.start] if a.cue else [])) for a in top(result)]
    assert starts == sorted(starts)  # ids in text order
    (ruiz,) = [a for a in top(result) if a.source is not None and a.source.text.startswith("Ana Ruiz")]
    (more,) = [a for a in result.attributions if a.continues == ruiz.id]
    assert content_text(more) == "“Nobody listened to us.”"


@pytest.mark.parametrize(
    ("cue", "source", "negated"),
    [
        (["did", "not", "deny"], ["The", "Kremlin"], True),
        (["didn't", "say"], ["He"], True),  # one word, as a regex splits it
        (["never", "claimed"], [], True),
        (["denied"], ["Nobody"], True),
        (["denied"], ["No", "official"], True),
        (["denied"], ["None", "of", "them"], True),
        (["denied"], ["Noble", "Energy"], False),
        (["said"], ["The", "minister"], False),
    ],
)
def test_is_negated(cue, source, negated):  # type: ignore[no-untyped-def]
    from claimgraph.attribution.stance import is_negated

    assert is_negated(cue, source) is negated


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The senator said the bill was dead.", "person"),  # someone named before
        ("Prosecutors said the suspect had fled.", "organization"),  # an office on record
        # on record, named next
        ("A federal judge wrote that the agency had exceeded its authority.", "person"),
    ],
)
def test_a_post_alone_is_no_anonymous_source(nlp, text, kind):  # type: ignore[no-untyped-def]
    (a,) = analyze(nlp, text).attributions
    assert a.source_kind == kind and a.anonymous is None


@pytest.mark.parametrize(
    ("text", "said", "second"),
    [
        # en_core_web_sm hangs the second verb on the reported clause; a plan urges nothing
        ("He said the plan was flawed and urged lawmakers to reject it.", "the plan was flawed",
         ("He", "urged", "lawmakers to reject it")),
        ("The mayor said the budget was balanced and called the criticism unfair.", "the budget was balanced",
         ("The mayor", "called", "the criticism unfair")),
        ("He said prices would rise and warned of layoffs.", "prices would rise",
         ("He", "warned of", "layoffs")),
        # the tagger often takes the second "-ed" verb for a participle (VBN after VBD)
        ("She insisted the slowdown was temporary and predicted growth would resume by the summer.",
         "the slowdown was temporary", ("She", "predicted", "growth would resume by the summer")),
    ],
)
def test_the_speakers_next_act_is_not_what_they_said(nlp, text, said, second):  # type: ignore[no-untyped-def]
    first, other = top(analyze(nlp, text))
    assert content_text(first) == said
    assert (other.source.text if other.source else None, other.cue.text if other.cue else None,
            content_text(other)) == second


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # what the reported clause goes on to say stays in it
        ("Officials said the bridge was safe and would reopen on Monday.",
         "the bridge was safe and would reopen on Monday"),
        # a clause about someone who can speak is left as parsed: the company may have denied
        ("She said the company had acted legally and denied any wrongdoing.",
         "the company had acted legally and denied any wrongdoing"),
    ],
)
def test_a_reported_clause_keeps_its_own_conjuncts(nlp, text, content):  # type: ignore[no-untyped-def]
    first = top(analyze(nlp, text))[0]
    assert content_text(first) == content


def test_a_light_verb_takes_what_follows_its_colon(nlp):  # type: ignore[no-untyped-def]
    text = (
        "“I will just make this promise to you: We will achieve justice in this case,” Tulsa police Chief "
        "Chuck Jordan said Monday."
    )
    outer, inner = analyze(nlp, text).attributions
    # (the parser hangs "Tulsa" apart, as a verb)
    assert outer.source is not None and outer.source.text == "Tulsa police Chief Chuck Jordan"
    assert inner.parent == outer.id and inner.cue is not None and inner.cue.text == "make this promise"
    assert content_text(inner) == "We will achieve justice in this case"


def test_a_title_word_is_no_entity_and_a_places_body_is_an_organization(nlp):  # type: ignore[no-untyped-def]
    text = (
        "The head of the Bay City Port Authority resigned. State Auditor Paula Diaz said the contracts were "
        "rigged. A spokesman said the agency disputes the findings."
    )
    result = analyze(nlp, text)
    types = {e.name: e.type for e in result.entities}
    assert "State" not in types  # the model's ORG "State" of "State Auditor Paula Diaz"
    assert types["Bay City Port Authority"] == "ORG"  # tagged a place by the model
    assert entity_name(result, by_source(result, "the agency").source_entity) == "Bay City Port Authority"


def test_a_quotation_running_on_into_the_speakers_paragraph_is_theirs(nlp):  # type: ignore[no-untyped-def]
    text = (
        "“We looked at every option. We consulted the families.\n\n"
        "“In the end, this was the only responsible choice,” she said.\n\n"
        "The union was not convinced."
    )
    (a,) = top(analyze(nlp, text))
    assert a.source is not None and a.source.text == "she" and a.quote == "direct"
    assert [c.text for c in a.content] == [
        "“We looked at every option. We consulted the families.",
        "“In the end, this was the only responsible choice,”",
    ]


def test_a_dateline_is_no_subject_and_a_title_before_a_name_is_no_reference(nlp):  # type: ignore[no-untyped-def]
    text = (
        "MOSCOW — Russia's Foreign Ministry on Monday summoned the British ambassador, accusing London of "
        '"direct involvement" in the attack, according to the state news agency TASS.'
    )
    result = analyze(nlp, text)
    by_cue = {a.cue.text: a for a in result.attributions if a.cue is not None}
    accusing = by_cue["accusing"]
    assert accusing.source is not None and accusing.source.text == "Russia's Foreign Ministry"
    # "the state news agency TASS" introduces TASS; it does not refer back to the ministry
    assert entity_name(result, by_cue["according to"].source_entity) == "TASS"


def test_the_same_unnamed_sources_keep_what_was_said_of_them(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Acme is in talks to buy Globex, three people familiar with the matter said. "
        "The deal could be announced next week, the people said."
    )
    first, second = analyze(nlp, text).attributions
    assert first.anonymous is not None and first.anonymous.count == 3
    assert second.anonymous is not None and second.anonymous.count == 3  # the same three
    assert second.source is not None and second.source.text == "the people"


def test_a_participle_after_the_reported_clause_is_the_speakers(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Ukrainian President Volodymyr Zelensky said Sunday that Kyiv would never recognize Russian control "
        "over occupied regions, rejecting a proposal floated by U.S. officials."
    )
    said, rejecting = top(analyze(nlp, text))
    assert content_text(said) == "Kyiv would never recognize Russian control over occupied regions"
    assert rejecting.cue is not None and rejecting.cue.text == "rejecting" and rejecting.stance == "deny"
    assert rejecting.source is not None and rejecting.source.text == "Ukrainian President Volodymyr Zelensky"


@pytest.mark.parametrize(
    "text",
    [
        # the parser takes the clause's subject for the verb's object
        "Economists polled by Reuters had forecast inflation would hold at 3.6%.",
        # ... and, after a dateline paragraph, makes the verb the subject of the clause
        "LONDON (Reuters) - Inflation rose to 3.8% in July, official data showed on Wednesday.\n\n"
        "Economists polled by Reuters had forecast inflation would hold at 3.6%.",
    ],
)
def test_a_forecast_keeps_the_subject_of_what_was_forecast(nlp, text):  # type: ignore[no-untyped-def]
    found = analyze(nlp, text).attributions
    forecast = next(a for a in found if a.cue is not None and "forecast" in a.cue.text)
    assert forecast.source is not None and forecast.source.text == "Economists"
    assert content_text(forecast) == "inflation would hold at 3.6%"


def test_responding_to_a_request_is_no_content_and_the_statement_is_the_responders(nlp):  # type: ignore[no-untyped-def]
    text = "The ministry responded to requests for comment with a short statement saying the talks were over."
    (a,) = analyze(nlp, text).attributions
    assert a.cue is not None and a.cue.text == "saying"
    assert a.source is not None and a.source.text == "The ministry"
    assert content_text(a) == "the talks were over"


def test_a_transcripts_speaker_label_is_the_person_named_before(nlp):  # type: ignore[no-untyped-def]
    text = (
        "The following is a transcript of an interview with Treasury Secretary Janet Yellen.\n\n"
        "BRENNAN: Are we headed for a recession?\n\n"
        "YELLEN: I don't see that. The labor market remains strong.\n"
    )
    result = analyze(nlp, text)
    yellen = by_source(result, "YELLEN")
    assert yellen.source_kind == "person" and entity_name(result, yellen.source_entity) == "Janet Yellen"


@pytest.mark.parametrize(
    ("text", "cue", "content", "stance"),
    [
        ("The campaign pushed back against the plan.", "pushed back against", "the plan", "deny"),
        ("The White House pushed back on the report.", "pushed back on", "the report", "deny"),
        ("The union pushed for higher wages.", "pushed for", "higher wages", "assert"),
        ('The agency said the figures were "misleading."', "said", 'the figures were "misleading."', "deny"),
    ],
)
def test_pushing_back_and_calling_misleading_deny(nlp, text, cue, content, stance):  # type: ignore[no-untyped-def]
    (a,) = analyze(nlp, text).attributions
    assert (a.cue.text if a.cue else None, content_text(a), a.stance) == (cue, content, stance)


@pytest.mark.parametrize(
    "text, kind, entity, role",
    [
        # "they", saying something after a source that was several, are those sources
        (
            "Researchers at Stanford University said the drug cut deaths by half.\n\n"
            "They cautioned that the trial was small.",
            "organization", "Stanford University", None,
        ),
        (
            "Two senior officials said the talks had stalled. They added that a deal was still possible.",
            "anonymous", None, "officials",
        ),
        (  # names joined by "and": the kind of the first, no one entity
            "Senator John Smith and Senator Mary Jones said the plan would fail. They said the vote should "
            "wait.",
            "person", None, None,
        ),
        (  # people named by a plural common noun ("Democrats, Frank notes, ..." stays unknown)
            "The organizers wrote that they respected her decision. They said refunds would be issued.",
            "person", None, None,
        ),
    ],
)
def test_they_are_the_sources_named_before(nlp, text, kind, entity, role):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    first, they = top(result)
    assert they.source is not None and they.source.text == "They"
    assert (first.source_kind, they.source_kind) == (kind, kind)
    assert entity_name(result, they.source_entity) == entity
    assert (they.anonymous.role if they.anonymous else None) == role


@pytest.mark.parametrize(
    "text",
    [
        # the nearest several is not a source: they are the officers, whom nothing says more of
        "Researchers at Stanford University said the drug cut deaths by half. Police officers arrived at "
        "the scene on Friday. They said the suspect had fled.",
        # one source in between: "they" is not the researchers for sure
        "Researchers at Stanford University said the drug cut deaths by half. Smith, a doctor, said the "
        "trial was small. They said more work was needed.",
        # "they" inside a quotation is the speaker's, not the text's
        "Two senior officials said the talks had stalled. “They told us to wait,” the mayor said.",
    ],
)
def test_they_stay_unknown_without_a_sure_antecedent(nlp, text):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    they = [a for a in result.attributions if a.source is not None and a.source.text == "They"]
    assert they and all(a.source_kind == "unknown" and a.source_entity is None for a in they)


def test_a_content_does_not_end_on_the_conjunction_before_the_next_verb(nlp):  # type: ignore[no-untyped-def]
    result = analyze(
        nlp,
        "CenterPoint Energy said crews from five states were helping restore service but warned that some "
        "customers could be in the dark until the weekend.",
    )
    said = next(a for a in top(result) if a.cue is not None and a.cue.text == "said")
    assert content_text(said) == "crews from five states were helping restore service"


def test_a_no_comment_by_it_is_the_organization_it_refers_to(nlp):  # type: ignore[no-untyped-def]
    result = analyze(
        nlp,
        "The test is licensed to Verity Diagnostics Inc., which plans to sell it next year. It declined to "
        "say how much the test would cost.",
    )
    (n,) = result.no_comment
    assert n.subject is not None and n.subject.text == "It"
    assert entity_name(result, n.entity) == "Verity Diagnostics Inc."


@pytest.mark.parametrize(
    ("text", "source", "cue", "content", "entity"),
    [
        # evidence a document shows or finds is its object
        ("The latest poll showed Trump leading the field.", "The latest poll", "showed",
         "Trump leading the field", None),
        # what a statement reads is what it says
        ("The company's statement read: “We now expect a profit of £1 billion.”", "The company's statement",
         "read:", "“We now expect a profit of £1 billion.”", None),
        # a newspaper's article is one of the documents; it speaks for the newspaper
        ("A Wall Street Journal article found no record of the class.", "A Wall Street Journal article",
         "found", "no record of the class", "Wall Street Journal"),
    ],
)
def test_what_a_document_shows(nlp, text, source, cue, content, entity):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    (a,) = result.attributions
    assert (a.source.text if a.source else None, a.cue.text if a.cue else None) == (source, cue)
    assert content_text(a) == content
    assert entity_name(result, a.source_entity) == entity


def test_a_quotation_in_single_marks_is_direct_speech(nlp):  # type: ignore[no-untyped-def]
    text = ("Speaking on Tuesday, Wes Streeting said: 'We inherited a broken system, and fixing it will take "
            "time.' The Royal College of Nursing said the figures were 'deeply alarming'.")
    first, second = top(analyze(nlp, text))
    assert first.quote == "direct"
    assert content_text(first) == "'We inherited a broken system, and fixing it will take time.'"
    assert second.quote == "mixed"
    assert content_text(second) == "the figures were 'deeply alarming'"


def test_a_headline_quotation_the_line_goes_on_from_is_part_of_the_claim(nlp):  # type: ignore[no-untyped-def]
    text = "Sanders: ‘It Is Not A Radical Idea’ To Ask For A $15 Minimum Wage\n\nThe senator spoke in Iowa.\n"
    (a,) = [a for a in top(analyze(nlp, text)) if a.source is not None and a.source.text == "Sanders"]
    assert content_text(a) == "‘It Is Not A Radical Idea’ To Ask For A $15 Minimum Wage"


def test_writing_off_costs_is_no_text(nlp):  # type: ignore[no-untyped-def]
    text = "The plan would allow citizens to write off the costs of investments in equipment."
    assert [a.cue.text for a in analyze(nlp, text).attributions if a.cue is not None] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a quotation the content's words end keeps its closing mark, whatever its marks
        ("Mr. Biden responded that not paying taxes made him ''smart.''",
         "not paying taxes made him ''smart.''"),
        ("The union said workers were 'exhausted and leaving in droves'.",
         "workers were 'exhausted and leaving in droves'"),
        ('He said the city had become "a mess, frankly." Then he left.',
         'the city had become "a mess, frankly."'),
    ],
)
def test_a_content_keeps_its_quotation_whole(nlp, text, content):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert content_text(a) == content


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        # any verb that opens a quotation with a colon says it, listed or not
        ("Some residents planned to stay. His neighbor disagreed: “I'm not staying this time.”",
         "His neighbor", "disagreed:"),
        ("Kelly responded pointedly, with a smile: “That is not how it works.”", "Kelly", "responded"),
    ],
)
def test_a_verb_opening_a_quotation_with_a_colon_is_its_cue(nlp, text, source, cue):  # type: ignore[no-untyped-def]
    (a,) = [a for a in top(analyze(nlp, text)) if a.quote == "direct"]
    assert (a.source.text if a.source else None, a.cue.text if a.cue else None) == (source, cue)
    assert content_text(a).startswith("“") and content_text(a).endswith("”")


def test_a_colon_inside_a_quotation_opens_no_speech_of_its_own(nlp):  # type: ignore[no-untyped-def]
    text = "“I am going to read you the question: ‘Do you trust her?’ That is the poll,” Caddell said."
    assert [a.cue.text for a in top(analyze(nlp, text)) if a.cue is not None] == ["said"]


def test_records_the_parser_reads_as_a_compound_are_the_subject(nlp):  # type: ignore[no-untyped-def]
    (a,) = analyze(nlp, "Court records show Sloane was convicted of burglary in 2015.").attributions
    assert (a.source.text if a.source else None, a.cue.text if a.cue else None) == ("Court records", "show")
    assert content_text(a) == "Sloane was convicted of burglary in 2015"


@pytest.mark.parametrize(
    ("text", "subject", "span"),
    [
        # declining to name, identify or give details is saying nothing
        ("The spokeswoman declined to identify the buyer.", "The spokeswoman",
         "declined to identify the buyer"),
        ("The agency declined to provide details about the investigation.", "The agency",
         "declined to provide details about the investigation"),
        # the parser hangs the refusal on the reported clause; talks refuse nothing: the speaker does
        ("Natarajan said talks were under way but declined to name any.", "Natarajan",
         "declined to name any"),
    ],
)
def test_declining_to_name_or_give_details_is_a_no_comment(nlp, text, subject, span):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    found = [(n.subject.text if n.subject else None, n.span.text) for n in result.no_comment]
    assert found == [(subject, span)]
    assert all(a.cue is None or a.cue.lemma != "decline" for a in result.attributions)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        # "the statement" is the one just cited: it speaks for whoever issued it
        ("Sloane was arrested Wednesday night, according to a statement from the Riverside County "
         "Sheriff's Office. Deputies found a handgun in his car, the statement said.",
         "Riverside County Sheriff's Office"),
        ("The Pentagon released a statement on Friday. The statement said the strike had killed two "
         "militants.", "Pentagon"),
        # ... but not a document someone else read
        ("The company issued a report in March. Analysts read a different report. The report said sales "
         "fell.", None),
    ],
)
def test_the_document_named_before_speaks_for_its_issuer(nlp, text, entity):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    a = next(a for a in result.attributions if a.source and a.source.text.lower().startswith("the "))
    assert entity_name(result, a.source_entity) == entity
    assert a.source_kind == ("organization" if entity else "unknown")


def test_she_after_an_unnamed_person_is_that_person(nlp):  # type: ignore[no-untyped-def]
    text = ("Sloane's attorney, Michael Brandt, said his client would plead not guilty.\n\nOne store owner, "
            "who asked not to be named for fear of retaliation, said the arrest brought some relief. “We "
            "still look at the door every time it opens,” she said.")
    owner, she = top(analyze(nlp, text))[1:]
    assert owner.anonymous is not None and she.source is not None and she.source.text == "she"
    assert (she.source_kind, she.anonymous, she.source_entity) == ("anonymous", owner.anonymous, None)


def test_a_person_named_since_the_unnamed_one_is_whom_he_means(nlp):  # type: ignore[no-untyped-def]
    text = ("A witness said the car was speeding. Police Chief Dan Ortiz said the driver was sober. “He "
            "passed every test,” he said.")
    result = analyze(nlp, text)
    he = top(result)[-1]
    assert (he.source_kind, he.anonymous) == ("person", None)
    assert entity_name(result, he.source_entity) == "Dan Ortiz"


@pytest.mark.parametrize(
    ("text", "kind", "entity"),
    [
        # a name the model missed, described as a business: an organization, which "it" then means
        ("The National Guard sent 2,000 troops. Entergy, the region's largest utility, said it expected "
         "widespread outages.", "organization", "Entergy"),
        # a name the model took for an organization, described as a person's post: a person
        ("Smith, the company's founder, said sales rose.", "person", "Smith"),
        # a body named after a place the model tagged alone
        ("Prosecutors have not decided whether to seek charges, a spokesman for the U.S. Attorney's Office "
         "said.", "organization", "U.S. Attorney's Office"),
    ],
)
def test_a_name_is_what_its_description_says(nlp, text, kind, entity):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    first = top(result)[0]
    assert (first.source_kind, entity_name(result, first.source_entity)) == (kind, entity)
    for nested in (a for a in result.attributions if a.source is not None and a.source.text == "it"):
        assert entity_name(result, nested.source_entity) == entity


def test_a_name_ending_in_co_is_the_business_named_before(nlp):  # type: ignore[no-untyped-def]
    text = ("Acme Motors profit jumps\n\nDETROIT (Reuters) - Acme Motors Co on Tuesday reported a 35% jump "
            "in profit. The automaker now expects earnings of $10.5 billion.")
    result = analyze(nlp, text)
    first, second = top(result)
    assert (first.source_kind, second.source_kind) == ("organization", "organization")
    assert first.source_entity is not None and first.source_entity == second.source_entity
    assert [e.type for e in result.entities if e.id == first.source_entity] == ["ORG"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Neither Israeli nor Hamas officials would comment on reports that the talks could move to Qatar.",
         "would comment on reports that the talks could move to Qatar"),
        ("No one at the company would discuss the layoffs.", "would discuss"),
        # not disclosing the terms or details is saying nothing
        ("Real Madrid did not disclose the terms, but Marca reported the salary.",
         "did not disclose the terms"),
        ("The company did not release financial details of the deal.", "did not release financial details"),
    ],
)
def test_saying_nothing_is_a_no_comment(nlp, text, span):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    assert [n.span.text for n in result.no_comment] == [span]
    (n,) = result.no_comment
    assert not any(a.cue and n.span.start <= a.cue.start < n.span.end for a in result.attributions)


def test_a_press_releases_company_after_its_dateline_is_the_source(nlp):  # type: ignore[no-untyped-def]
    text = ("Northwind Health to acquire CareBridge for $2.1 billion\n\nBOSTON, Jan. 8, 2026 /PRNewswire/ -- "
            "Northwind Health Inc. (NYSE: NWH) today announced that it has entered into a definitive "
            "agreement to acquire CareBridge Systems.")
    result = analyze(nlp, text)
    (a,) = [a for a in top(result) if a.cue is not None and a.cue.text == "announced"]
    assert a.source is not None and a.source.text.startswith("Northwind Health Inc.")
    assert a.source_kind == "organization"


def test_a_question_asked_is_no_ones_view(nlp):  # type: ignore[no-untyped-def]
    text = "Asked if he would support a longer deal, Paul said: “Not like this one.”"
    assert [a.cue.text for a in analyze(nlp, text).attributions if a.cue is not None] == ["said:"]


def test_a_lone_name_the_model_called_a_person_stays_one(nlp):  # type: ignore[no-untyped-def]
    text = ("The White House said President Trump would sign the bill on Saturday. In a post on Truth "
            "Social, Trump called the vote “a big win for America.”")
    result = analyze(nlp, text)
    (trump,) = [e for e in result.entities if e.name == "Trump"]
    assert trump.type == "PERSON" and len(trump.mentions) == 2
    assert top(result)[-1].source_kind == "person"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # "that" read as an object is still the complementizer when the clause has its own subject
        ("Superintendent Karen Holt told the school board that the change could help recruit teachers, who "
         "increasingly see the four-day schedule as a perk.",
         "the change could help recruit teachers, who increasingly see the four-day schedule as a perk"),
        # ... and a "that" that is the subject stays
        ("He said that was wrong.", "that was wrong"),
    ],
)
def test_a_content_starts_after_its_complementizer(nlp, text, content):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert content_text(a) == content


@pytest.mark.parametrize(
    ("text", "anonymous"),
    [
        # a relative clause saying the source would not be named makes it unnamed, whatever its noun
        ("“He never forgets a slight,” says one former partner, who did not want to be named because he "
         "still does business with Okafor.", True),
        ("A neighbor, who asked not to be identified, said the family moved out in May.", True),
        ("But an engineer at the plant, who spoke on condition of anonymity because he was not authorized "
         "to talk to reporters, said the same valve had failed twice in the past month.", True),
        # a person by occupation the text does not name, brought in with "a", "an", "another", is unnamed
        ("A worker said the valve had failed twice.", True),
        ("Another nurse told reporters the ward was understaffed.", True),
        # ... not a person described without it
        ("A friend of the senator said he was tired.", False),
        # ... nor one named, nor a post one person holds ("a federal judge" is usually named next)
        ("Tom Reyes, an engineer at the plant, said the valve had failed twice.", False),
        ("A federal judge said the valve had failed twice.", False),
    ],
)
def test_a_source_who_would_not_be_named_is_unnamed(nlp, text, anonymous):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert (a.anonymous is not None, a.source_kind) == (anonymous, "anonymous" if anonymous else "person")


def test_the_engineer_is_someone_named_before_not_an_unnamed_source(nlp):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, "The engineer said the valve had failed twice."))
    assert a.anonymous is None and a.source_kind != "anonymous"


def test_a_list_of_reactions_has_its_speakers_and_no_relative_pronoun_as_claim(nlp):  # type: ignore[no-untyped-def]
    text = ("Here is what some of them said:\n\nGerman Chancellor Olaf Scholz: “Germany and the United "
            "States have worked together successfully for decades.”\n")
    result = analyze(nlp, text)
    (a,) = top(result)
    assert a.source is not None and a.source.text == "German Chancellor Olaf Scholz"
    assert (a.source_kind, entity_name(result, a.source_entity)) == ("person", "Olaf Scholz")


def test_a_filing_is_its_filers_not_the_agency_it_went_to(nlp):  # type: ignore[no-untyped-def]
    text = ("Sen. Cory Gardner raised $2 million. Gardner has $8 million in the bank, according to his "
            "latest filing with the Federal Election Commission.")
    result = analyze(nlp, text)
    (a,) = [a for a in top(result) if a.cue is not None and a.cue.text == "according to"]
    assert entity_name(result, a.source_entity) == "Cory Gardner"


def test_would_not_comment_is_a_no_comment(nlp):  # type: ignore[no-untyped-def]
    result = analyze(nlp, "Gardner's office said the senator was busy and would not comment on the campaign.")
    assert [n.span.text for n in result.no_comment] == ["would not comment on the campaign"]
    assert [a.cue.text for a in result.attributions if a.cue is not None] == ["said"]


CHAIN = (
    "Apple is in advanced talks to acquire Fanstream, a sports streaming startup, for about $3 billion, "
    "Bloomberg News reported on Friday, citing people familiar with the matter.\n\n"
    "A deal could be announced as soon as next week, the people said. The terms could still change, and "
    "the talks could fall apart, they added.\n\n"
    "Fanstream did not respond to requests for comment. Fanstream's chief executive, Dana Whitfield, has "
    "denied that the company is for sale.\n\n"
    "The Information reported last month that Amazon had also approached Fanstream.\n\n"
    "Apple has reportedly been looking for ways to expand its streaming service.\n\n"
    "Fanstream inflated its subscriber numbers, according to a lawsuit filed by a former employee. The "
    "company has called the lawsuit “baseless.”"
)


def test_a_report_chain_keeps_its_sources_apart(nlp):  # type: ignore[no-untyped-def]
    result = analyze(nlp, CHAIN)
    by_cue = {a.cue.text: a for a in top(result) if a.cue is not None}
    # a name the model calls a product, described as a startup, is the business; its later mentions too
    (fanstream,) = [e for e in result.entities if e.name == "Fanstream"]
    assert fanstream.type == "ORG"
    assert [n.entity for n in result.no_comment] == [fanstream.id]
    assert by_cue["has called"].source_entity == fanstream.id
    # "they" in the sentence of their own claim are still the people quoted before
    assert by_cue["added"].anonymous is not None and by_cue["added"].source_kind == "anonymous"
    # "that" tagged as an adverb is still the complementizer
    (information,) = [a for a in top(result) if a.source is not None and a.source.text == "The Information"]
    assert content_text(information) == "Amazon had also approached Fanstream"
    # "reportedly" after a report by an outlet the text does not resolve is no one's in particular, and
    # never the chief executive's who spoke last
    (hedged,) = [a for a in top(result) if a.rule == "hedged"]
    assert hedged.source_entity is None


@pytest.mark.parametrize(
    "text",
    [
        "City engineers estimated that construction would take about eight months.",
        "Ohio regulators said the company had failed to inspect the tank.",
        "Some travelers said they waited in line for hours.",
        # "who" is the owners the relative clause hangs on
        "The council overrode objections from business owners who said the project would eliminate parking.",
    ],
)
def test_people_not_named_are_unnamed_sources(nlp, text):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert (a.source_kind, a.anonymous is not None, a.source_entity) == ("anonymous", True, None)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # at the end of a sentence, after a comma, "according to" attributes the whole sentence
        ("It is unclear whether a final rule would survive legal challenges, according to Richard Revesz, a "
         "law professor.", "It is unclear whether a final rule would survive legal challenges"),
        # ... but not a speaker's own words: what two aides say Trump said is Trump's claim
        ("Trump said the wall would be built, according to two aides.", "the wall would be built"),
    ],
)
def test_what_according_to_attributes(nlp, text, content):  # type: ignore[no-untyped-def]
    (a,) = [a for a in analyze(nlp, text).attributions if a.cue is not None and a.cue.text == "according to"]
    assert content_text(a) == content


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        # the parser reads the clause's verb as a participle and its subject as a second subject of "said"
        ("About 12,000 gallons of an industrial solvent leaked from a Halvorsen Chemicals plant into the "
         "Mill River on Sunday night, state environmental officials said Monday.",
         "state environmental officials", "said",
         "About 12,000 gallons of an industrial solvent leaked from a Halvorsen Chemicals plant into the "
         "Mill River on Sunday night"),
        # whom a report cites, after the cue, does not keep the clause before it from being its content
        ("About 12,000 gallons of solvent leaked into the Mill River on Sunday, the Riverton Gazette "
         "reported, citing state environmental officials.", "the Riverton Gazette", "reported",
         "About 12,000 gallons of solvent leaked into the Mill River on Sunday"),
        # ... and a phrase before the speaker is still no clause
        ("In a statement released Monday, the ministry said.", None, None, None),
    ],
)
def test_a_clause_before_a_sentence_final_speaker_is_what_was_said(nlp, text, source, cue, content):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    if source is None:
        assert not top(result)
        return
    (a,) = [a for a in top(result) if a.source is not None and a.source.text == source]
    assert a.cue is not None and (a.cue.text, content_text(a)) == (cue, content)
    if cue == "reported":  # whom it cites hangs under it
        (cited,) = [c for c in result.attributions if c.parent == a.id]
        assert cited.source is not None and cited.source.text == "state environmental officials"


@pytest.mark.parametrize(
    ("text", "cue", "kind", "entity"),
    [
        # the person a relation is to is not the speaker (an aide testifying against the senator)
        ("A former top aide to Sen. Robert Hale testified Tuesday that the senator knew about payments.",
         "testified", "person", None),
        ("Elon Musk's son said the rally was large.", "said", "person", None),
        # ... but a spokesman speaks for whom he represents
        ("A spokesman for Elon Musk said the rally was large.", "said", "person", "Elon Musk"),
        # several people are no one person named before
        ("Lead author Dr. Mingyang Song said the findings were clear. But the authors cautioned that the "
         "study was observational.", "cautioned", "person", None),
        # "the team" is the team named before
        ("The New York Jets fired coach Tony Rivera on Monday. Jeff Ulbrich will serve as interim coach, the "
         "team said.", "said", "organization", "New York Jets"),
        # a lone surname two people share is the one most talked about, not the latest named
        ("Margaret Ellison, who became the first woman to serve on the state Supreme Court, died on "
         "Saturday. Margaret Ellison was 91.\n\nHer death was confirmed by her son, David Ellison, who said "
         "the cause was pneumonia.\n\nJustice Ellison wrote more than 400 opinions, she once said.", "wrote",
         "person", "Margaret Ellison"),
        # a surname the model tags as a law is still the person
        ("Sen. Mark Delaney on Wednesday denied accepting free trips from a lobbyist.\n\nThe Capital Journal "
         "reported Tuesday that Delaney and his wife flew to a Caribbean resort.\n\n“I have never accepted a "
         "gift,” Delaney said in a statement.", "said", None, "Mark Delaney"),
        # "its" is the sentence's subject even when no name stands for it: no organization named before
        ("Crews rerouted buses around Fifth Avenue. The city spends about $400 million a year on water "
         "infrastructure, according to its budget.", "according to", None, None),
        # "it" is the sentence's subject also when the model calls that subject a place (Nvidia: GPE)
        ("TSMC reported a jump in profit. Nvidia, TSMC's biggest customer, has said it expects to sell every "
         "chip it can make through next year.", "expects", None, "Nvidia"),
    ],
)
def test_whom_a_source_means(nlp, text, cue, kind, entity):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    (a,) = [a for a in result.attributions if a.cue is not None and a.cue.text == cue]
    assert entity_name(result, a.source_entity) == entity
    assert kind is None or a.source_kind == kind


def test_a_request_not_to_be_named_and_its_reason_are_no_claims_and_one_of_them_is_unnamed(nlp):  # type: ignore[no-untyped-def]
    text = ("Three former employees, who spoke on the condition that they not be named because they feared "
            "retaliation, described a culture in which quotas came before care. “We were told the numbers "
            "were the only thing that mattered,” one said.")
    employees, one = top(analyze(nlp, text))
    assert (employees.cue.text if employees.cue else None, one.source.text if one.source else None) == (
        "described", "one")
    assert one.source_kind == "anonymous" and one.anonymous is not None and one.anonymous.count == 1
    assert one.anonymous.role == "employees"


def test_the_utility_is_the_one_named_and_forecasters_are_no_name(nlp):  # type: ignore[no-untyped-def]
    text = ("Southern California Edison said it was reviewing its equipment. The utility said it had not "
            "shut off power.\n\nForecasters said the winds would ease by Thursday.")
    result = analyze(nlp, text)
    utility, forecasters = [a for a in top(result) if a.source is not None][1:]
    assert entity_name(result, utility.source_entity) == "Southern California Edison"
    assert (forecasters.source_kind, forecasters.source_entity) == ("anonymous", None)
    assert "Forecasters" not in [e.name for e in result.entities]


def test_a_business_named_in_a_sentence_and_several_companies(nlp):  # type: ignore[no-untyped-def]
    text = ("The drug will be sold by Biogen and Sage Therapeutics. The Food and Drug Administration "
            "approved it on Friday.\n\nWomen who took the drug reported fewer symptoms, the companies said."
            "\n\nSage's chief executive, Barry Greene, said the company expected the drug to be available by "
            "December.")
    result = analyze(nlp, text)
    companies = next(a for a in top(result) if a.source is not None and a.source.text == "the companies")
    assert (companies.source_kind, companies.source_entity) == ("organization", None)
    (company,) = [a for a in result.attributions if a.source is not None and a.source.text == "the company"]
    assert entity_name(result, company.source_entity) == "Sage Therapeutics"
    # a title-cased headline's last words are no business ("... Could Address Clean Energy")
    headline = analyze(nlp, "Lindsey Graham Says Trump Could Address Clean Energy\n\nGraham spoke Monday.")
    assert "Clean Energy" not in [e.name for e in headline.entities]



def test_a_name_ending_a_headline_leaves_the_line_break_out(nlp):  # type: ignore[no-untyped-def]
    result = analyze(
        nlp,
        "Three killed in drone attack near Kharkiv\n\nAt least three people were killed in a drone attack "
        "near Kharkiv, officials said.",
    )
    kharkiv = [e for e in result.entities if e.name.startswith("Kharkiv")]
    assert [(e.name, len(e.mentions)) for e in kharkiv] == [("Kharkiv", 2)]
    assert all(m.text == "Kharkiv" for m in kharkiv[0].mentions)


def test_a_headline_verb_is_no_part_of_a_name_and_a_short_name_is_the_business(nlp):  # type: ignore[no-untyped-def]
    # the model tags "fine Halvorsen" a person; "Halvorsen" below is the business named in full between
    text = ("Regulators fine Halvorsen over river spill\n\nRIVERTON, Ohio (AP) — Ohio regulators on "
            "Wednesday fined Halvorsen Chemicals $250,000 over a solvent spill.\n\nHalvorsen said it would "
            "appeal the fine.")
    result = analyze(nlp, text)
    (a,) = [a for a in top(result) if a.source is not None and a.source.text == "Halvorsen"]
    assert (a.source_kind, entity_name(result, a.source_entity)) == ("organization", "Halvorsen Chemicals")
    names = {e.name: e.type for e in result.entities}
    assert "fine Halvorsen" not in names and names.get("Halvorsen Chemicals") == "ORG"
    assert not any(e.name == "Halvorsen" for e in result.entities)  # one entity, not a person beside it
    # a lower-case word joined to the name is part of it ("pro-Clinton"), and none is left a name of its own
    names = {e.name for e in analyze(nlp, "A pro-Clinton super PAC said it would spend more.").entities}
    assert not any(name.startswith("-") for name in names)
    # ... and punctuation left at its start after a word is taken out goes too
    result = analyze(nlp, "The caucus is a first look at power - Wall Street said so.")
    names = {e.name for e in result.entities}
    assert not any(name.startswith("-") for name in names)


def test_an_industry_in_a_headline_is_no_name_and_its_maker_is_the_business_below(nlp):  # type: ignore[no-untyped-def]
    text = ("Chemical maker disputes spill estimate\n\nHalvorsen Chemicals said Tuesday that about 3,000 "
            "gallons of solvent leaked from its plant.")
    result = analyze(nlp, text)
    (a,) = [a for a in top(result) if a.source is not None and a.source.text == "Chemical maker"]
    assert entity_name(result, a.source_entity) == "Halvorsen Chemicals"
    assert "Chemical" not in {e.name for e in result.entities}
    # ... while a name the story is about stays one ("Apple supplier" over a story about Apple)
    text = "Apple supplier warns of slowdown\n\nApple said sales fell. Foxconn said orders were down."
    assert "Apple" in {e.name for e in analyze(nlp, text).entities}


@pytest.mark.parametrize(
    "text",
    [
        "Riverton spill: what we know\n\nThe spill happened on Sunday.",
        "Ukraine war: Live updates\n\nThe war goes on.",
        "Budget vote: Everything you need to know about the deal\n\nThe vote is on Friday.",
    ],
)
def test_an_explainers_headline_is_nobodys_claim(nlp, text):  # type: ignore[no-untyped-def]
    assert not analyze(nlp, text).attributions


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # calling the other side's claim a falsehood denies it (the opening mark may hang on the name)
        ("Norland's interior ministry called the claim “a cynical lie.”", "deny"),
        ("The minister dismissed the report as propaganda.", "deny"),
        ("He called the claims a fantasy.", "deny"),
        # ... calling something anything else does not
        ("She called the plan ambitious.", "assert"),
        ("She called the proposal absurd.", "assert"),  # a judgment of a plan, no denial of a fact
        ("She called the confusion “a shambles.”", "assert"),
    ],
)
def test_calling_a_claim_a_lie_denies_it(nlp, text, stance):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert a.cue is not None and a.cue.lemma in ("call", "dismiss")
    assert a.stance == stance


def test_a_title_abbreviation_is_no_name(nlp):  # type: ignore[no-untyped-def]
    text = ("“Our forces did not operate in that area,” ministry spokesman Col. Andrei Pavlic said in a "
            "statement.")
    assert [(e.name, e.type) for e in analyze(nlp, text).entities] == [("Andrei Pavlic", "PERSON")]


@pytest.mark.parametrize(
    "text",
    [
        "Village strike: death toll disputed\n\nThe toll rose on Sunday.",
        "Riverton spill: Cleanup begins on the river\n\nCrews arrived on Monday.",
    ],
)
def test_a_headlines_topic_before_a_colon_is_no_speaker(nlp, text):  # type: ignore[no-untyped-def]
    assert not analyze(nlp, text).attributions



def test_a_name_with_a_plural_verb_is_a_team_or_a_firm_not_a_person(nlp):  # type: ignore[no-untyped-def]
    text = ("Northbridge Rovers have agreed a £40 million fee with Sporting Vela for striker Tomas Delgado, "
            "according to sources close to the player.")
    types = {e.name: e.type for e in analyze(nlp, text).entities}
    assert types.get("Northbridge Rovers") == "ORG" and types.get("Tomas Delgado") == "PERSON"
    # a family, and two people, take the plural as people
    result = analyze(nlp, "John Smith and Mary Jones have said they will attend.")
    assert {e.type for e in result.entities} == {"PERSON"}
    # ... however the parser joins them (here it makes "John Kasich" the subject, "Christie and" his words)
    result = analyze(nlp, "Christie and Ohio Gov. John Kasich are staking their hopes here, officials said.")
    assert {e.name: e.type for e in result.entities}.get("John Kasich") == "PERSON"
    # ... or a name the parser ran into a quotation whose "I have" it then took for the name's verb
    result = analyze(nlp, 'Rep. Trey Gowdy (R-S.C.):"I have not heard anyone cite that report."')
    assert {e.name: e.type for e in result.entities}.get("Trey Gowdy") == "PERSON"


def test_a_surname_the_model_took_for_an_organization_is_the_person_named_in_full_below(nlp):  # type: ignore[no-untyped-def]
    text = ("Delgado joins Rovers in club-record deal\n\nNorthbridge Rovers have signed striker Tomas "
            "Delgado for a club-record fee, the club announced on Saturday. “This is a dream come true,” "
            "Delgado said.")
    result = analyze(nlp, text)
    assert [e.name for e in result.entities if "Delgado" in e.name] == ["Tomas Delgado"]
    assert entity_name(result, by_source(result, "Delgado").source_entity) == "Tomas Delgado"
    # initials are no surname: "SVP" stays the party, not "Junge SVP"
    text = "The SVP won the vote. The SVP said it would hold a referendum. Junge SVP leader Anna Frei agreed."
    assert "SVP" in {e.name for e in analyze(nlp, text).entities if e.type == "ORG"}


def test_a_headlines_name_the_model_left_untagged_is_the_organization_named_so_below(nlp):  # type: ignore[no-untyped-def]
    text = ("Vela insist Delgado is not for sale\n\nSporting Vela have dismissed reports that striker Tomas "
            "Delgado is leaving as “pure speculation.”")
    result = analyze(nlp, text)
    (a,) = [a for a in top(result) if a.cue is not None and a.cue.text == "insist"]
    assert (a.source_kind, entity_name(result, a.source_entity)) == ("organization", "Vela")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the parser makes the journal's name a second subject of "found": it ends the study's phrase
        ("A study published Wednesday in the journal Nature found that the drug cut the risk of heart attack "
         "by 20 percent.", "A study published Wednesday in the journal Nature"),
        # ... while a speaker after a comma is the speaker, the clause before being what was said
        ("About 12,000 gallons of solvent leaked into the river, state officials said.", "state officials"),
    ],
)
def test_a_name_ending_the_sources_phrase_is_part_of_it(nlp, text, source):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert a.source is not None and a.source.text == source


@pytest.mark.parametrize(
    ("text", "source", "entity"),
    [
        # a title abbreviation is a description of the person ("Gov." the governor), and title case may make
        # the headline's noun a proper one
        ("Governor says state budget will be balanced\n\nGov. Ellen Marsh said Monday that next year's "
         "budget would be balanced.", "Governor", "Ellen Marsh"),
        # a headline's words all in the name of the one organization named below
        ("Budget office warns of shortfall\n\nThe Legislative Budget Office said Wednesday that the state "
         "faces a $1.2 billion shortfall.", "Budget office", "Legislative Budget Office"),
    ],
)
def test_a_headlines_description_is_whom_the_story_names(nlp, text, source, entity):  # type: ignore[no-untyped-def]
    result = analyze(nlp, text)
    (a,) = [a for a in top(result) if a.source is not None and a.source.text == source]
    assert entity_name(result, a.source_entity) == entity


def test_why_someone_declines_to_comment_is_no_claim(nlp):  # type: ignore[no-untyped-def]
    for text in ("The Justice Department declined to comment on the investigation, citing department policy.",
                 "The company declined to comment, citing pending litigation."):
        result = analyze(nlp, text)
        assert not result.attributions and len(result.no_comment) == 1


def test_the_company_is_no_public_body(nlp):  # type: ignore[no-untyped-def]
    result = analyze(nlp, "Neither the FBI nor the company responded to requests for comment.")
    assert [entity_name(result, n.entity) for n in result.no_comment] == ["FBI", None]
    text = "Acme Motors said sales fell. Neither the FBI nor the company responded to requests for comment."
    result = analyze(nlp, text)
    assert [entity_name(result, n.entity) for n in result.no_comment] == ["FBI", "Acme Motors"]


def test_a_name_the_model_missed_is_a_person_when_an_age_follows_it(nlp):  # type: ignore[no-untyped-def]
    text = ("“We are not going anywhere,” said Ana Ruiz, 52, who has lived on the block for 30 years. Ruiz, "
            "a retired teacher, added that the city had ignored residents for years.")
    result = analyze(nlp, text)
    assert [(a.source_kind, entity_name(result, a.source_entity)) for a in top(result)] == [
        ("person", "Ana Ruiz"), ("person", "Ana Ruiz")
    ]
    # the age is no part of the mention, and is of the phrase
    said = top(result)[0]
    assert said.source is not None and said.source_phrase is not None
    assert said.source.text == "Ana Ruiz"
    assert said.source_phrase.text == "Ana Ruiz, 52, who has lived on the block for 30 years"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the writer's note on whether a claim holds is no part of it
        ("Russia's Defense Ministry claimed its forces had shot down 27 Ukrainian drones overnight, a claim "
         "that could not be independently verified.",
         "its forces had shot down 27 Ukrainian drones overnight"),
        ("Ukraine's military said it had struck an oil depot in the Bryansk region, which Moscow did not "
         "confirm.", "it had struck an oil depot in the Bryansk region"),
        # ... while a relative clause of the claim's own stays
        ("The ministry said the depot, which held fuel for the army, had burned for a day.",
         "the depot, which held fuel for the army, had burned for a day"),
    ],
)
def test_the_writers_check_is_no_part_of_the_claim(nlp, text, content):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert content_text(a) == content



@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # the parser reads the that-clause as a relative clause of the book, with "that" for its object
        ("Smith argues in a new book that the war could have been avoided.", "argues",
         "the war could have been avoided"),
        # where something was said on air is not what was said
        ("Speaking on Fox News on Sunday, Johnson said the bill would pass.", "said", "the bill would pass"),
        ("He spoke on CNN about the deal.", "spoke on CNN about", "the deal"),
        ("The senator spoke on the bill for an hour.", "spoke on", "the bill"),
    ],
)
def test_where_a_claim_was_made_is_not_the_claim(nlp, text, cue, content):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert a.cue is not None and (a.cue.text, content_text(a)) == (cue, content)


def test_a_title_abbreviation_the_model_took_into_a_name_is_left_out_of_it(nlp):  # type: ignore[no-untyped-def]
    from spacy.tokens import Span as SpacySpan

    # the model tags "Mr. Clarke" whole when no sentence break splits it: he is the Tom Clarke named before
    doc = nlp("Tom Clarke runs the mine. Mr. Clarke said the debate was infected with tribalism.")
    mr = next(i for i, t in enumerate(doc) if t.text == "Mr.")
    others = [e for e in doc.ents if not (e.start <= mr + 1 < e.end)]
    doc.ents = [*others, SpacySpan(doc, mr, mr + 2, "PERSON")]
    result = extract_attributions(doc)
    assert [e.name for e in result.entities if e.type == "PERSON"] == ["Tom Clarke"]
    (a,) = top(result)
    assert entity_name(result, a.source_entity) == "Tom Clarke"


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        # asides that attribute the clause they hang on, as "according to" does
        ('As the mayor put it, "We are not going to let this city fail."', "the mayor", "put it",
         '"We are not going to let this city fail."'),
        ('In the words of one aide, the campaign was "running on fumes."', "one aide", "In the words of",
         'the campaign was "running on fumes."'),
    ],
)
def test_an_aside_naming_who_said_it(nlp, text, source, cue, content):  # type: ignore[no-untyped-def]
    (a,) = top(analyze(nlp, text))
    assert a.source is not None and a.cue is not None
    assert (a.source.text, a.cue.text, content_text(a)) == (source, cue, content)
