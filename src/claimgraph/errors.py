"""Every error type claimgraph raises on purpose.

Each carries a message a user can act on. Input errors name the input and the reason in one line, so the
CLI can print ``claimgraph: PATH: REASON`` and go on with the other inputs.
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class of claimgraph's own errors."""


class InputError(ClaimgraphError):
    """An input cannot be read or holds no article text."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class ConfigError(ClaimgraphError):
    """A bad option value (a malformed date, an unknown model, ...)."""


class StoreError(ClaimgraphError):
    """The database cannot be opened, is newer than this claimgraph, or lacks what a command needs."""
