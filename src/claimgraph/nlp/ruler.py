"""spaCy's attribute ruler, the same rules applied faster (written by hand: spaCy has no such option).

en_core_web_sm's ``attribute_ruler`` maps fine-grained tags to POS and morphology and fixes a few words
(179 rules). spaCy runs them through its ``Matcher`` on every token of every document, a tenth of the
parse of a news article. Nearly all rules look at one token only, through its tag, lower-cased form,
dependency and whether it is a space: which of them match is a function of those four values, so it is
worked out once per distinct combination and kept (a word no rule names or matches counts as any other
such word, so the combinations stay few). The few rules that span several tokens ("gon na",
"there is") still go through a ``Matcher`` of their own.

The result is exactly spaCy's: every match is found on the tokens as they were before any rule applied,
and each token receives the attributes of its matches in spaCy's order (by rule, later rules winning).
:func:`speed_up_attribute_ruler` leaves the ruler alone when a rule uses anything this module does not
evaluate itself (operators, other token attributes), so a different model falls back to spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# The token attributes a one-token rule may test, in the order of the key a token is looked up by.
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_CACHE_SIZE = 100_000  # distinct (tag, word, dependency, space) combinations kept, and words folded
# The lower-cased form of a word no rule names or matches: matched by no pattern, named in no list.
_OTHER_WORD = "\x00other"

Key = tuple[str, str, str, bool]
Test = Callable[[Key], bool]
Spanning = dict[int, list[tuple[int, int, int]]]  # token -> (rule id, start, end) of several-token matches


def speed_up_attribute_ruler(nlp: Language) -> bool:
    """Make the pipeline's ``attribute_ruler`` (if any) apply its rules by lookup; whether it did."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    if getattr(ruler, "_claimgraph_fast", False):
        return True
    fast = _FastRules.of(ruler)
    if fast is None:
        return False
    ruler.match = fast.match
    ruler.set_annotations = fast.set_annotations
    ruler._claimgraph_fast = True
    return True


class _FastRules:
    def __init__(
        self,
        ruler: Any,
        singles: list[tuple[int, Test]],
        multi: Matcher | None,
        words: frozenset[str],
        word_patterns: list[re.Pattern[str]],
    ) -> None:
        self.ruler = ruler
        self.singles = singles  # (rule id, test of a token key), by rule id
        self.multi = multi
        self.words = words  # the lower-cased forms the one-token rules name
        self.word_patterns = word_patterns  # and the patterns they match them with
        self.cache: dict[Key, tuple[tuple[int, ...], dict[int, Any] | None]] = {}
        self.folded: dict[str, str] = {}  # lower-cased form -> itself, or _OTHER_WORD

    @classmethod
    def of(cls, ruler: Any) -> _FastRules | None:
        """The fast form of ``ruler``'s rules, or None when a rule is beyond what it evaluates."""
        attrs = getattr(ruler, "attrs", None)
        indices = getattr(ruler, "indices", None)
        matcher = getattr(ruler, "matcher", None)
        if not isinstance(attrs, list) or not isinstance(indices, list) or matcher is None:
            return None
        singles: list[tuple[int, Test]] = []
        words: set[str] = set()
        word_patterns: list[re.Pattern[str]] = []
        multi = Matcher(ruler.vocab)
        has_multi = False
        for rule_id in range(len(attrs)):
            found = matcher.get(str(rule_id))
            if found is None:
                return None
            patterns = found[1]
            for pattern in patterns:
                if len(pattern) == 1 and indices[rule_id] in (0, -1):
                    test = _token_test(pattern[0])
                    if test is None:
                        return None
                    singles.append((rule_id, test))
                    _collect_words(pattern[0].get("LOWER"), words, word_patterns)
                else:
                    if not all(_token_test(spec) is not None for spec in pattern):
                        return None
                    multi.add(str(rule_id), [pattern])
                    has_multi = True
        if _OTHER_WORD in words or any(p.search(_OTHER_WORD) for p in word_patterns):
            return None
        return cls(ruler, singles, multi if has_multi else None, frozenset(words), word_patterns)

    # -- the two steps of AttributeRuler.__call__ ----------------------------------------------------------
    def match(self, doc: Doc) -> tuple[list[Key], Spanning]:
        """Every token's key, and the several-token matches by the token they set: as spaCy, before any
        rule is applied."""
        folded = self.folded
        keys = []
        for token in doc:
            lower = token.lower_
            word = folded.get(lower)
            if word is None:
                word = self._fold(lower)
            keys.append((token.tag_, word, token.dep_, token.is_space))
        spanning: Spanning = {}
        if self.multi is not None:
            strings = self.ruler.vocab.strings
            for match_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
                rule_id = int(strings[match_id])
                index = self.ruler.indices[rule_id]
                length = end - start
                if not -length <= index < length:
                    raise ValueError(
                        f"[E1001] attribute_ruler rule {rule_id}: index {index} is outside the matched span "
                        f"{[t.text for t in doc[start:end]]}"
                    )
                target = (start if index >= 0 else end) + index
                spanning.setdefault(target, []).append((rule_id, start, end))
        return keys, spanning

    def set_annotations(self, doc: Doc, matches: tuple[list[Key], Spanning]) -> None:
        keys, spanning = matches
        rule_attrs = self.ruler.attrs
        for i, key in enumerate(keys):
            entry = self.cache.get(key)
            if entry is None:
                entry = self._rules_for(key)
            rule_ids, merged = entry
            if i in spanning:  # exact order across one-token and several-token rules
                for rule_id, _, _ in sorted([(r, i, i + 1) for r in rule_ids] + spanning[i]):
                    set_token_attrs(doc[i], rule_attrs[rule_id])
            elif merged:
                set_token_attrs(doc[i], merged)

    def _fold(self, lower: str) -> str:
        """``lower`` when a one-token rule names or matches it, else _OTHER_WORD (the same to every rule)."""
        named = lower in self.words or any(p.search(lower) for p in self.word_patterns)
        word = lower if named else _OTHER_WORD
        if len(self.folded) >= _CACHE_SIZE:
            self.folded.clear()
        self.folded[lower] = word
        return word

    def _rules_for(self, key: Key) -> tuple[tuple[int, ...], dict[int, Any] | None]:
        rule_ids = tuple(rule_id for rule_id, test in self.singles if test(key))
        merged: dict[int, Any] = {}
        for rule_id in rule_ids:  # later rules win, as when spaCy applies them one after the other
            merged.update(self.ruler.attrs[rule_id])
        if len(self.cache) >= _CACHE_SIZE:
            self.cache.clear()
        entry = (rule_ids, merged or None)
        self.cache[key] = entry
        return entry


def _collect_words(value: Any, words: set[str], patterns: list[re.Pattern[str]]) -> None:
    """The words a LOWER test names (a value, an IN or NOT_IN list) or its pattern (REGEX)."""
    if isinstance(value, str):
        words.add(value)
    elif isinstance(value, dict):
        for op, arg in value.items():
            if op == "REGEX":
                patterns.append(re.compile(arg))
            else:
                words.update(arg)


def _token_test(spec: dict[str, Any]) -> Test | None:
    """A test of a token key for one token pattern of the Matcher, or None when it cannot be evaluated
    here (an operator, another attribute)."""
    tests: list[Test] = []
    for attr, value in spec.items():
        if attr not in _KEY_ATTRS:
            return None
        position = _KEY_ATTRS.index(attr)
        test = _value_test(position, value)
        if test is None:
            return None
        tests.append(test)
    return lambda key: all(test(key) for test in tests)


def _value_test(position: int, value: Any) -> Test | None:
    if isinstance(value, (bool, str)):
        return lambda key: key[position] == value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN" and isinstance(arg, Sequence):
        members = frozenset(arg)
        return lambda key: key[position] in members
    if op == "NOT_IN" and isinstance(arg, Sequence):
        excluded = frozenset(arg)
        return lambda key: key[position] not in excluded
    if op == "REGEX" and isinstance(arg, str) and position != _KEY_ATTRS.index("IS_SPACE"):
        pattern = re.compile(arg)
        return lambda key: pattern.search(str(key[position])) is not None
    return None
