"""Consistency checks an area adds to `daybook check` (e.g. the safeguarding hash chain)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

Check = Callable[[Session], list[str]]  # returns problems, [] when all is well
_CHECKS: dict[str, Check] = {}


def integrity_check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        _CHECKS[name] = fn
        return fn

    return register


def run_checks(session: Session) -> dict[str, list[str]]:
    import app.core.models  # noqa: F401

    return {name: fn(session) for name, fn in _CHECKS.items()}
