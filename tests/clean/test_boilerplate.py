"""Boilerplate blocks in article text: the seed article's appeal, each kind, and news that must stay news."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest

from claimgraph.clean.boilerplate import (
    BOILERPLATE_KINDS,
    RULES,
    compile_rules,
    find_boilerplate,
    merge_boilerplate,
    split_paragraphs,
)
from claimgraph.records import Boilerplate, BoilerplateKind

ROOT = Path(__file__).parents[2]
SEED = ROOT / "examples" / "moscow-times-musk-putin.txt"
SEED_GOLD = ROOT / "tests" / "data" / "seed-gold.json"
APPEAL_START = 2190  # where the Moscow Times appeal begins in the seed article


def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


def blocks_as_text(text: str) -> list[tuple[str, str]]:
    return [(block.kind, text[block.start : block.end]) for block in find_boilerplate(text)]


def assert_well_formed(text: str, blocks: tuple[Boilerplate, ...]) -> None:
    previous_end = -1
    for block in blocks:
        assert 0 <= block.start < block.end <= len(text)
        assert block.start >= previous_end, "blocks overlap or are unsorted"
        assert not text[block.start].isspace() and not text[block.end - 1].isspace()
        assert block.kind in BOILERPLATE_KINDS
        previous_end = block.end


def test_seed_article_has_exactly_the_gold_appeal() -> None:
    text = seed_text()
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["boilerplate"]
    found = find_boilerplate(text)
    assert [{"start": b.start, "end": b.end, "kind": b.kind} for b in found] == [
        {"start": g["start"], "end": g["end"], "kind": g["kind"]} for g in gold
    ]
    assert text[found[0].start : found[0].end] == gold[0]["text"]
    assert found[0].reason


def test_seed_article_news_part_has_no_boilerplate() -> None:
    assert find_boilerplate(seed_text()[:APPEAL_START]) == ()


def test_appeal_ends_where_reporting_resumes() -> None:
    text = seed_text()
    news, appeal = text[:APPEAL_START], text[APPEAL_START:]
    resumed = "Peskov added that the two men had not spoken since, according to the Kremlin."
    combined = f"{news}{appeal}\n{resumed}\nThe Wall Street Journal stood by its report."
    assert blocks_as_text(combined) == [("appeal", appeal)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The court ruled on Monday.\nDear readers,\nOur newsroom depends on you. Please support us today."
            "\nContinue\nMaybe later\nThe ruling can be appealed, lawyers said.",
            [
                (
                    "appeal",
                    "Dear readers,\nOur newsroom depends on you. Please support us today.\nContinue\n"
                    "Maybe later",
                )
            ],
            id="appeal-between-news",
        ),
        pytest.param(
            "Support independent journalism\nThe Herald is funded by readers like you.\nDonate now",
            [
                (
                    "appeal",
                    "Support independent journalism\nThe Herald is funded by readers like you.\nDonate now",
                )
            ],
            id="appeal-header-and-button",
        ),
        pytest.param(
            "Become a member today and get early access to our investigations.",
            [("appeal", "Become a member today and get early access to our investigations.")],
            id="membership",
        ),
        pytest.param(
            "The vote was close.\nYou've reached your limit of free articles this month.\n"
            "Subscribe now for $1 per week. Cancel anytime.\nAlready a subscriber? Log in",
            [
                (
                    "subscription",
                    "You've reached your limit of free articles this month.\n"
                    "Subscribe now for $1 per week. Cancel anytime.\n"
                    "Already a subscriber? Log in",
                )
            ],
            id="paywall",
        ),
        pytest.param(
            "Continue reading the main story",
            [("subscription", "Continue reading the main story")],
            id="continue-reading",
        ),
        pytest.param(
            "Sign up for our free morning newsletter\nEnter your email address\nSign up\n"
            "By signing up, you agree to our privacy policy.",
            [
                (
                    "newsletter",
                    "Sign up for our free morning newsletter\nEnter your email address\nSign up\n"
                    "By signing up, you agree to our privacy policy.",
                )
            ],
            id="newsletter-box",
        ),
        pytest.param(
            "We use cookies to improve your experience on our site.\nAccept all cookies\nReject",
            [
                (
                    "cookie",
                    "We use cookies to improve your experience on our site.\nAccept all cookies\nReject",
                )
            ],
            id="cookie-banner",
        ),
        pytest.param(
            "Share this article\nFacebook\nTelegram\nCopy link",
            [("social", "Share this article\nFacebook\nTelegram\nCopy link")],
            id="share-bar",
        ),
        pytest.param(
            "Follow us on Telegram for the latest news.",
            [("social", "Follow us on Telegram for the latest news.")],
            id="follow-us",
        ),
        pytest.param(
            "Related articles\nGrain prices climb on export worries\nUnion votes to strike at Eastmouth\n"
            "The port reopened on Saturday, the authority said.",
            [
                (
                    "related",
                    "Related articles\nGrain prices climb on export worries\n"
                    "Union votes to strike at Eastmouth",
                )
            ],
            id="related-list",
        ),
        pytest.param(
            "Read more: Kremlin says Putin and Musk spoke only once",
            [("related", "Read more: Kremlin says Putin and Musk spoke only once")],
            id="read-more",
        ),
        pytest.param("Advertisement", [("advert", "Advertisement")], id="advert-label"),
        pytest.param(
            "Story continues below advertisement",
            [("advert", "Story continues below advertisement")],
            id="advert-marker",
        ),
        pytest.param(
            "The talks ended.\n© 2024 The Harbour Herald. All rights reserved.",
            [("copyright", "© 2024 The Harbour Herald. All rights reserved.")],
            id="copyright",
        ),
        pytest.param(
            "Skip to main content\nMenu\nSearch",
            [("navigation", "Skip to main content\nMenu\nSearch")],
            id="navigation",
        ),
        pytest.param(
            "Inflation rose to 3.8%.\n(Reporting by William Schomberg; Editing by Toby Chopra)",
            [("credits", "(Reporting by William Schomberg; Editing by Toby Chopra)")],
            id="wire-credits",
        ),
        pytest.param(
            "Inflation rose to 3.8%.\nAssociated Press writer Jill Lawless contributed to this report.\n"
            "Follow all of AP's coverage of the economy at https://apnews.com/hub/economy.",
            [(
                "credits",
                "Associated Press writer Jill Lawless contributed to this report.\n"
                "Follow all of AP's coverage of the economy at https://apnews.com/hub/economy.",
            )],
            id="contributors",
        ),
        pytest.param(
            "Revenue rose 38%.\n\nForward-Looking Statements\nThis press release contains forward-looking "
            "statements within the meaning of the Private Securities Litigation Reform Act of 1995. Actual "
            "results may differ materially.\n\nMedia Contact: press@acmerobotics.com",
            [(
                "disclaimer",
                "Forward-Looking Statements\nThis press release contains forward-looking statements within "
                "the meaning of the Private Securities Litigation Reform Act of 1995. Actual results may "
                "differ materially.\n\nMedia Contact: press@acmerobotics.com",
            )],
            id="press-release-safe-harbor",
        ),
        pytest.param(
            "Great rally tonight in Dayton, thank you to everyone who came out! SIGN UP FOR OUR NEWSLETTER "
            "— Jane Doe (@janedoe) May 2, 2024",
            [("newsletter", "SIGN UP FOR OUR NEWSLETTER")],
            id="prompt-run-into-an-embedded-post",
        ),
        pytest.param(
            "The council voted 7-2 to approve the budget on Tuesday after a long debate. Sign up for our "
            "morning newsletter to get the latest. Budget hearings resume in June.",
            [("newsletter", "Sign up for our morning newsletter to get the latest.")],
            id="prompt-sentence-inside-a-news-paragraph",
        ),
        pytest.param(
            "DAILY BRIEF VIA EMAIL! - You can receive this update every weekday morning via email! Just "
            "click here, enter your email address, and click sign up.",
            [("newsletter", "DAILY BRIEF VIA EMAIL! - You can receive this update every weekday morning via "
              "email! Just click here, enter your email address, and click sign up.")],
            id="prompt-whose-lead-is-a-prompt-too",
        ),
        pytest.param(
            "  Dear readers,  \r\n\r\n  please support us monthly.  \r\n",
            [("appeal", "Dear readers,  \r\n\r\n  please support us monthly.")],
            id="whitespace-trimmed-crlf",
        ),
    ],
)
def test_finds_boilerplate(text: str, expected: list[tuple[str, str]]) -> None:
    assert blocks_as_text(text) == expected
    assert_well_formed(text, find_boilerplate(text))


@pytest.mark.parametrize(
    "text",
    [
        "Republicans urged supporters to donate to the campaign before the end of the quarter.",
        "The newspaper reported that subscribers had fallen by a third since it introduced a paywall.",
        "The authorities claim our work “discredits the Russian leadership,” the editor said.",
        "“Please support us,” the director of the food bank told reporters on Friday.",
        "“We need your help,” the mayor told residents after the flood.",
        "In a letter to readers, the editor asked them to become a supporter of the paper, she said.",
        "Musk made a donation of $75 million to a political action committee, filings show.",
        "The foundation funds independent journalism in Ukraine, its director said.",
        "Copyright lawsuits against AI companies rose sharply in 2024.",
        "Advertising revenue fell 12% in the quarter, the company said.",
        "Users can follow the ministry on Telegram, where it posts daily updates.",
        "The EU requires websites to ask before they store cookies on a visitor's device.",
        "Related talks are scheduled for next week in Geneva.",
        "Home Secretary Yvette Cooper said the plan would be published in the spring.",
        "Dear Mr. President, the letter began, according to a copy seen by Reuters.",
        "Thousands signed up to the newsletter after the scandal broke, the publisher said.",
        "Continue",
        "He urged voters to donate now, saying the race was tight.",
    ],
)
def test_news_is_not_boilerplate(text: str) -> None:
    assert find_boilerplate(text) == ()
    surrounded = f"The ministry said talks would resume.\n{text}\nOfficials declined to comment."
    assert find_boilerplate(surrounded) == ()


def test_ui_lines_alone_open_nothing() -> None:
    assert find_boilerplate("Continue\nClose\nOK\nMaybe later") == ()
    assert find_boilerplate("The talks ended.\nContinue\nThe ministry said more talks would follow.") == ()


def test_split_paragraphs_trims_and_skips_blank_lines() -> None:
    text = "  One.  \n\n\tTwo.\r\nThree"
    assert [(p.start, p.end, p.text) for p in split_paragraphs(text)] == [
        (2, 6, "One."),
        (11, 15, "Two."),
        (17, 22, "Three"),
    ]


MERGE_TEXT = "abcde fghij klmno pqrst uvwxy z1234"  # spaces at 5, 11, 17, 23, 29


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        pytest.param(
            [Boilerplate(12, 17, "advert"), Boilerplate(0, 5, "appeal")],
            [Boilerplate(0, 5, "appeal"), Boilerplate(12, 17, "advert")],
            id="sorted",
        ),
        pytest.param(
            [Boilerplate(0, 11, "appeal", "a"), Boilerplate(6, 23, "newsletter", "n")],
            [Boilerplate(0, 23, "newsletter", "n")],
            id="overlap-takes-longer-kind",
        ),
        pytest.param(
            [Boilerplate(0, 5, "appeal"), Boilerplate(6, 11, "appeal")],
            [Boilerplate(0, 11, "appeal")],
            id="touching-same-kind",
        ),
        pytest.param(
            [Boilerplate(0, 5, "appeal"), Boilerplate(6, 11, "cookie")],
            [Boilerplate(0, 5, "appeal"), Boilerplate(6, 11, "cookie")],
            id="touching-other-kind",
        ),
        pytest.param([Boilerplate(5, 12, "appeal")], [Boilerplate(6, 11, "appeal")], id="trimmed"),
        pytest.param([Boilerplate(5, 6, "appeal")], [], id="whitespace-only-dropped"),
    ],
)
def test_merge_boilerplate(blocks: list[Boilerplate], expected: list[Boilerplate]) -> None:
    assert merge_boilerplate(MERGE_TEXT, blocks) == tuple(expected)


def test_resource_kinds_are_record_kinds() -> None:
    kinds = {rule.kind for rule in RULES.phrases} | {rule.kind for rule in RULES.markup}
    assert kinds == set(BOILERPLATE_KINDS)
    assert set(BOILERPLATE_KINDS) <= set(typing.get_args(BoilerplateKind))
    assert all(rule.why for rule in RULES.phrases + RULES.ui_lines + RULES.reporting + RULES.markup)


def minimal_rules(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kinds": {"appeal": [{"pattern": "^dear readers", "why": "greeting"}]},
        "ui_lines": [{"pattern": "^continue$", "why": "button"}],
        "reporting": [{"pattern": "\\bsaid\\b", "why": "verb"}],
        "markup": {"appeal": [{"pattern": "donat", "why": "class"}]},
    }
    data.update(changes)
    return data


def test_compile_minimal_rules() -> None:
    rules = compile_rules(minimal_rules())
    assert [rule.kind for rule in rules.phrases] == ["appeal"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kinds": {"spam": [{"pattern": "x", "why": "y"}]}}, "unknown kind 'spam'"),
        ({"kinds": {"appeal": [{"pattern": "(unclosed", "why": "y"}]}}, "bad pattern"),
        ({"kinds": {"appeal": [{"pattern": "x"}]}}, "'why'"),
        ({"kinds": {"appeal": [{"pattern": "x", "why": "  "}]}}, "'why'"),
        ({"kinds": {"appeal": [{"pattern": "x", "why": "y", "role": "maybe"}]}}, "'role'"),
        ({"kinds": {"appeal": [{"pattern": "x", "why": "y", "max_words": 0}]}}, "'max_words'"),
        ({"kinds": {"appeal": [{"pattern": "x", "why": "y", "weight": 2}]}}, "unknown fields"),
        ({"kinds": {"appeal": [{"pattern": "x", "why": "y", "reporting_ok": "yes"}]}}, "'reporting_ok'"),
        ({"kinds": {"appeal": []}}, "non-empty list"),
        ({"kinds": {"appeal": ["x"]}}, "expected an object"),
        ({"kinds": None}, "'kinds'"),
        ({"ui_lines": None}, "'ui_lines'"),
    ],
)
def test_compile_rules_rejects_bad_entries(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match="boilerplate.json") as caught:
        compile_rules(minimal_rules(**changes))
    assert message in str(caught.value)


def _corpus_paragraphs() -> list[str]:
    texts = [seed_text(), *(p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "data").rglob("*.txt"))]
    # every pattern's own words, in three casings: the screen must pass whatever a rule matches
    rules = (*RULES.phrases, *RULES.ui_lines)
    texts.append("\n".join(rule.pattern.pattern.replace("\\b", " ") for rule in rules))
    paragraphs = [p.text for text in texts for p in split_paragraphs(text)]
    return [variant for p in paragraphs for variant in (p, p.upper(), p.title())]


def test_screen_passes_every_paragraph_a_rule_matches() -> None:
    assert RULES.screen is not None
    matched = 0
    for paragraph in _corpus_paragraphs():
        if any(rule.pattern.search(paragraph) for rule in (*RULES.phrases, *RULES.ui_lines)):
            matched += 1
            assert RULES.may_match(paragraph), paragraph
    assert matched > 20  # the check saw real boilerplate, not only news
    assert not RULES.may_match("The senator said the bill would pass on Tuesday, according to aides.")


@pytest.mark.parametrize(
    ("pattern", "opening"),
    [
        (r"support us (monthly|today)", "support us "),
        (r"^\bby donating", "by donating"),  # zero-width openings skipped
        (r"ab+c", "a"),  # "b" may repeat: only "a" is certain
        (r"(please|kindly) consider", ""),
        (r"a|b", ""),
    ],
)
def test_screen_openings_are_text_every_match_starts_with(pattern: str, opening: str) -> None:
    import re

    from claimgraph.patterns import literal_opening

    assert literal_opening(re.compile(pattern)) == opening
    assert literal_opening(re.compile(pattern, re.IGNORECASE)) == ""  # (case varies: nothing is certain)
    # unless the caller tests lower-cased text
    assert literal_opening(re.compile(r"\bNot True\b", re.IGNORECASE), ignore_case=True) == "not true"


def test_no_screen_for_a_pattern_with_upper_case() -> None:
    greeting = {"pattern": "^Dear [A-Z]\\w+", "why": "greeting"}
    rules = compile_rules(minimal_rules(kinds={"appeal": [greeting]}))
    assert rules.screen is None
    assert rules.may_match("anything at all")


def test_transcript_line_is_not_an_appeal() -> None:
    # "you're supporting" opens appeals ("you're supporting independent journalism"), but a transcript
    # line is somebody speaking
    text = (
        "TAPPER: And obviously, you’re supporting Donald Trump, I think there are skeptical Americans.\n"
        "FALLIN: Well, I think the whole nation needs to work together."
    )
    assert find_boilerplate(text) == ()
    appeal = "Thank you for reading. You’re supporting independent journalism with every visit."
    assert [b.kind for b in find_boilerplate(appeal)] == ["appeal"]
