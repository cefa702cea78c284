"""Pairing quote marks in news text (claimgraph.attribution.quotes)."""

from __future__ import annotations

from claimgraph.attribution.quotes import find_quotes


def quoted(text: str) -> list[tuple[str, str]]:
    """(whole quotation with its marks, what it quotes) of each quotation found."""
    return [(text[q.start : q.end], text[q.inner_start : q.inner_end]) for q in find_quotes(text)]


def test_curly_and_straight_marks() -> None:
    assert quoted('He said “no” and then "yes".') == [("“no”", "no"), ('"yes"', "yes")]


def test_apostrophes_are_not_quotes() -> None:
    assert quoted("Musk’s firm said it's the '80s again.") == []


def test_two_apostrophes_quote_as_in_the_new_york_times_archive() -> None:
    text = "''It's all untrue,'' the spokesman said. ''There was only one call.''"
    assert quoted(text) == [
        ("''It's all untrue,''", "It's all untrue,"),
        ("''There was only one call.''", "There was only one call."),
    ]
    # a quotation within ends with three apostrophes: the single quote's, then the pair
    assert quoted("''The answer is not to yell, 'China bad.''' he said.") == [
        ("''The answer is not to yell, 'China bad.'''", "The answer is not to yell, 'China bad.'")
    ]
    # a curly closing mark does not close a quote two apostrophes opened
    assert quoted("''half open” and more") == []


def test_unbalanced_quote_is_dropped() -> None:
    assert quoted("“We were never told, he said.\nNext paragraph.") == []


def test_quote_running_over_paragraphs_keeps_its_last_character() -> None:
    text = "“Alpha beta.\n“Gamma,” he said.\n''Delta.\n''Epsilon,'' she said."
    assert quoted(text) == [
        ("“Alpha beta.", "Alpha beta."),
        ("“Gamma,”", "Gamma,"),
        ("''Delta.", "Delta."),
        ("''Epsilon,''", "Epsilon,"),
    ]


def test_single_marks_quote_as_the_british_press_uses_them() -> None:
    text = (
        "Wes Streeting said: 'We inherited a broken system.' Nurses were 'exhausted and leaving in droves'."
    )
    assert quoted(text) == [
        ("'We inherited a broken system.'", "We inherited a broken system."),
        ("'exhausted and leaving in droves'", "exhausted and leaving in droves"),
    ]
    assert quoted("He said ‘we will win’ and left.") == [("‘we will win’", "we will win")]
    # a plural's possessive inside the quotation does not close it; outside one, it opens nothing
    assert quoted("'The players' union is strong,' he said.") == [
        ("'The players' union is strong,'", "The players' union is strong,")
    ]
    assert quoted("The players' union said it was rock 'n' roll; don't bother 'em.") == []
    # one word in single marks is a term, not a quotation; a quotation never spans a paragraph break
    assert quoted("It is 'on' now, he said 'we will\nwin' later.") == []


def test_single_marks_inside_a_double_quotation_are_part_of_it() -> None:
    assert quoted('He said "it was \'fake\' news, all of it" today.') == [
        ('"it was \'fake\' news, all of it"', "it was 'fake' news, all of it")
    ]
