"""Who may do what in the back office: the one table of roles and actions.

A province's staff work on their province only (the access layer checks that); within it, a
commune officer changes only the records of their own commune or ward. Everything here is
pure: the access layer (ocop.accounts.access) works out the role and whether a record is
the user's own commune, and asks `allowed`.
"""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # department administrator: everything, users and roles
    OFFICER = "officer"  # department officer: registry, reports, decisions, revocations
    COMMUNE = "commune"  # commune officer: sees the province, edits their own commune
    VIEWER = "viewer"  # other departments, leadership: reads only

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "Quản trị của Sở",
    Role.OFFICER: "Cán bộ của Sở",
    Role.COMMUNE: "Cán bộ xã/phường",
    Role.VIEWER: "Chỉ xem",
}


class Action(StrEnum):
    VIEW = "view"  # the workspace, the province's registry, reports, the audit of a record
    EDIT_LOCAL = "edit_local"  # producers, products, dossiers, inspections of a commune
    DECIDE = "decide"  # recognition decisions and their data
    REVOKE = "revoke"  # revocations and their undoing
    REPORT = "report"  # letter texts and issuing the letter
    IMPORT = "import"  # importing department lists
    QUALITY = "quality"  # the data-quality desk: confirm, merge, undo a merge
    AUDIT_LOG = "audit_log"  # the whole province's log of changes and its export
    USERS = "users"  # accounts and roles
    REFERENCE = "reference"  # reference data: provinces, units, holidays, product sets


_ALL = frozenset(Action)
_DEPARTMENT = _ALL - {Action.USERS, Action.REFERENCE}

# What each role may do anywhere in its province.
_ANYWHERE = {
    Role.ADMIN: _ALL,
    Role.OFFICER: _DEPARTMENT,
    Role.COMMUNE: frozenset({Action.VIEW}),
    Role.VIEWER: frozenset({Action.VIEW}),
}
# What a role may do further on records of its own commune or ward.
_OWN_COMMUNE = {
    Role.COMMUNE: frozenset({Action.EDIT_LOCAL}),
}


def allowed(role: Role | str | None, action: Action | str, *, own_commune: bool = False) -> bool:
    """May `role` do `action`; `own_commune` says the record is in the user's commune/ward."""
    if role is None:
        return False
    role, action = Role(role), Action(action)
    if action in _ANYWHERE[role]:
        return True
    return own_commune and action in _OWN_COMMUNE.get(role, frozenset())
