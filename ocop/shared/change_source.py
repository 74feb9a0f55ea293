"""Where a change comes from: the web page, an import, a command or the API. Every writer wraps
its writes in `source(...)`; the log entries written meanwhile carry it (ocop.audit.models).

A web request is "page" by itself (ocop.audit.middleware), an `ocop` command "command"
(ocop.cli). Sources nest: an inner one keeps the actor, address and path of the outer one
unless it names its own, and adds its extra data (a merge's id, an import job's id) to theirs.
Context variables, not thread locals: a thread or task started inside sees none, so a
background job opens its own."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

KINDS = ("page", "import", "command", "api")


@dataclass(frozen=True)
class Source:
    kind: str
    actor: object = None  # a User, or None for the command line and the system
    remote_addr: str | None = None
    path: str = ""  # the URL path of a page, the command's name
    extra: dict = field(default_factory=dict)


_current: ContextVar[Source | None] = ContextVar("ocop_audit_source", default=None)


@contextmanager
def source(kind: str, *, actor=None, remote_addr=None, path: str = "", **extra):
    if kind not in KINDS:
        raise ValueError(f"unknown source of changes {kind!r}; expected one of {KINDS}")
    outer = _current.get()
    if outer is not None:
        actor = actor if actor is not None else outer.actor
        remote_addr = remote_addr or outer.remote_addr
        path = path or outer.path
        extra = {**outer.extra, **extra}
    token = _current.set(Source(kind, actor, remote_addr, path, extra))
    try:
        yield
    finally:
        _current.reset(token)


def current() -> Source | None:
    """The innermost source in force, or None (a migration, a test, a shell script)."""
    return _current.get()
