"""The Django admin under the same table as the workspace pages (ocop.domain.roles), so that it
is no back door: every ModelAdmin and inline says, in a Policy, which action shows its rows and
which changes them, and how a row leads to its province and its commune. Django's per-model
permissions play no part (roles are the table); a model admin nobody gave a policy is for
administrators only (guard_unscoped_admins, called when the back office starts)."""

from dataclasses import dataclass, field

from django.contrib import admin

from ocop.accounts.access import staff_of
from ocop.domain.roles import Action


@dataclass(frozen=True)
class Policy:
    """`view` shows the rows; `edit` adds, changes and deletes them (None: read only);
    `also_edit` are further actions that may change only the fields named for them in
    `fields_for` (a revocation on a decision). `province_path` leads from a row to its Province
    ("unit__province"; "id" for a province itself; None: not tied to a province);
    `unit_path` to its commune (Unit), for the commune officer's own-commune rights."""

    view: Action = Action.VIEW
    edit: Action | None = None
    province_path: str | None = None
    unit_path: str | None = None
    also_edit: tuple[Action, ...] = ()
    fields_for: dict[Action, tuple[str, ...]] = field(default_factory=dict)


ADMIN_ONLY = Policy(view=Action.USERS, edit=Action.USERS)


def _follow(obj, path: str):
    for step in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, step)
    return obj


def province_id_of(obj, path: str | None):
    if path is None or obj is None:
        return None
    if path == "id":
        return obj.pk
    head, _, last = path.rpartition("__")
    owner = _follow(obj, head) if head else obj
    return getattr(owner, f"{last}_id", None) if owner is not None else None


def scoped(queryset, staff, path: str | None):
    """The rows of `queryset` in the staff's province (all of them for a superuser without a
    profile, or for rows not tied to a province)."""
    if staff is None:
        return queryset.none()
    if staff.province_id is None or path is None:
        return queryset
    return queryset.filter(**{path: staff.province_id})


class _Rules:
    """What ScopedAdmin and ScopedInline share: may the signed-in user do `action`, on a row
    (its commune and province from the policy) or somewhere."""

    policy: Policy = ADMIN_ONLY

    def _may(self, request, action: Action | None, obj=None) -> bool:
        staff = staff_of(request.user)
        if staff is None or action is None:
            return False
        if obj is None:
            return staff.can_somewhere(action)
        province_id = province_id_of(obj, self.policy.province_path)
        if staff.province_id is not None and province_id not in (None, staff.province_id):
            return False
        unit = _follow(obj, self.policy.unit_path) if self.policy.unit_path else None
        return staff.can(action, unit) if unit is not None else staff.can(action)

    def _own_answer(self, name: str, *args) -> bool:
        """What the model admin's own class answers for `name` (a read-only screen's "no one
        adds here"), if it says anything: that refusal stands whatever the role. Django's
        defaults (per-model permissions) are not asked."""
        for klass in type(self).__mro__:
            if klass in (ScopedAdmin, ScopedInline, _Rules) or klass.__module__.startswith(
                "django.contrib.admin"
            ):
                continue
            if name in vars(klass):
                return vars(klass)[name](self, *args)
        return True

    def _may_change(self, request, obj=None) -> bool:
        return any(
            self._may(request, action, obj) for action in (self.policy.edit, *self.policy.also_edit)
        )

    def _locked_fields(self, request, obj=None) -> list[str]:
        """Fields kept for an action the user may not do on this row (a department officer
        without REVOKE sees the revocation but cannot type one)."""
        locked = []
        for action, names in self.policy.fields_for.items():
            if not self._may(request, action, obj):
                locked.extend(names)
        if self.policy.fields_for and not self._may(request, self.policy.edit, obj):
            # Only the fields of `also_edit` stay open: the rest are the edit action's.
            allowed = {n for a, ns in self.policy.fields_for.items() for n in ns if a not in locked}
            form_fields = [f.name for f in self.model._meta.fields if f.editable]
            locked.extend(n for n in form_fields if n not in allowed)
        return locked

    def _choices(self, db_field, request, kwargs):
        """Choices of a foreign key limited to the user's province; a commune officer who may
        edit only in their own commune picks only that commune."""
        staff = staff_of(request.user)
        if staff is None or "queryset" in kwargs:
            return kwargs
        from ocop.registry.models import Producer, Product, Province, Unit

        model = db_field.remote_field.model
        queryset = model._default_manager.all()
        if model is Unit:
            queryset = scoped(queryset, staff, "province")
            edit = self.policy.edit
            if edit and not staff.can(edit) and staff.commune_id is not None:
                queryset = queryset.filter(pk=staff.commune_id)
        elif model in (Producer, Product):
            queryset = scoped(queryset, staff, "unit__province")
        elif model is Province:
            queryset = scoped(queryset, staff, "id")
        else:
            return kwargs
        return {**kwargs, "queryset": queryset}


class ScopedAdmin(_Rules):
    """Put first among a ModelAdmin's bases and give it a `policy`."""

    def has_module_permission(self, request) -> bool:
        return self._may(request, self.policy.view)

    def has_view_permission(self, request, obj=None) -> bool:
        may = self._may(request, self.policy.view, obj) or self._may_change(request, obj)
        return may and self._own_answer("has_view_permission", request, obj)

    def has_add_permission(self, request) -> bool:
        return self._may(request, self.policy.edit) and self._own_answer(
            "has_add_permission", request
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may_change(request, obj) and self._own_answer(
            "has_change_permission", request, obj
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may(request, self.policy.edit, obj) and self._own_answer(
            "has_delete_permission", request, obj
        )

    def get_queryset(self, request):
        return scoped(
            super().get_queryset(request), staff_of(request.user), self.policy.province_path
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in self._locked_fields(request, obj) if f not in fields]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedInline(_Rules):
    """Put first among an inline's bases. Its `policy.unit_path` and `province_path` lead from
    the parent row (the page's record), which is what Django hands an inline's checks."""

    def has_view_permission(self, request, obj=None) -> bool:
        may = self._may(request, self.policy.view, obj) or self._may_change(request, obj)
        return may and self._own_answer("has_view_permission", request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._may(request, self.policy.edit, obj) and self._own_answer(
            "has_add_permission", request, obj
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may_change(request, obj) and self._own_answer(
            "has_change_permission", request, obj
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may(request, self.policy.edit, obj) and self._own_answer(
            "has_delete_permission", request, obj
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in self._locked_fields(request, obj) if f not in fields]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Records of a commune: producers and products.
LOCAL = Policy(edit=Action.EDIT_LOCAL, province_path="unit__province", unit_path="unit")
REVOCATION_FIELDS = ("revoked_on", "revocation_number", "revocation_reason")
DECISIONS = Policy(
    edit=Action.DECIDE,
    also_edit=(Action.REVOKE,),
    fields_for={Action.REVOKE: REVOCATION_FIELDS},
    province_path="product__unit__province",
)
REFERENCE = Policy(edit=Action.REFERENCE)
# Misuse reports carry the reporter's contact: for department staff who act on them (the
# desk's misuse panel asks the same action).
MISUSE_REPORTS = Policy(view=Action.REVOKE, edit=Action.REVOKE)

# Every model admin of the project, by model. A model admin not named here (Django's users and
# groups, the login throttle's records, the TOTP devices, an app added later) is for
# administrators only until it is given a line.
POLICIES = {
    "registry.Product": LOCAL,
    "registry.Producer": LOCAL,
    "registry.Decision": DECISIONS,
    "registry.Unit": Policy(edit=Action.REFERENCE, province_path="province"),
    "registry.OldUnit": Policy(edit=Action.REFERENCE, province_path="province"),
    "registry.Province": Policy(edit=Action.REFERENCE, province_path="id"),
    "registry.ProductSet": REFERENCE,
    "registry.Holiday": REFERENCE,
    "reports.LetterTexts": Policy(edit=Action.REPORT, province_path="province"),
    "catalog.MisuseReport": MISUSE_REPORTS,
    "catalog.ScanCount": Policy(province_path="decision__product__unit__province"),
    "imports.ImportRun": "import_runs",
}
# Inlines, by the inline's model; their paths lead from the page's record (the parent).
INLINE_POLICIES = {
    "registry.Decision": Policy(
        edit=Action.DECIDE,
        also_edit=(Action.REVOKE,),
        fields_for={Action.REVOKE: REVOCATION_FIELDS},
        province_path="unit__province",
    ),
    "registry.Product": Policy(province_path="unit__province"),  # a producer's products
    "catalog.ProductPhoto": LOCAL,
    "catalog.PointOfSale": LOCAL,
}


def site_permission(request) -> bool:
    """AdminSite.has_permission: an active account with a role (staff_of)."""
    return staff_of(request.user) is not None


def _policy_for(model) -> Policy:
    policy = POLICIES.get(model._meta.label, ADMIN_ONLY)
    if policy == "import_runs":
        # Scoped by province once the import run records one (issue 10's browser imports).
        names = {f.name for f in model._meta.get_fields()}
        policy = Policy(
            view=Action.IMPORT, province_path="province" if "province" in names else None
        )
    return policy


def _scoped_inline(inline):
    if issubclass(inline, ScopedInline):
        return inline
    policy = INLINE_POLICIES.get(inline.model._meta.label, ADMIN_ONLY)
    return type(inline.__name__, (ScopedInline, inline), {"policy": policy})


def apply_policies(site=None) -> None:
    """Re-register every model admin of `site` with its policy (POLICIES) mixed in, and its
    inlines with theirs: run once when the back office starts (BackofficeConfig.ready), after
    every app has registered its admin. The registry, catalog and reports keep their admin
    modules free of roles (the layers below never import the back office)."""
    site = site or admin.site
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, ScopedAdmin):
            continue
        cls = type(model_admin)
        attrs = {
            "policy": getattr(cls, "policy", None) or _policy_for(model),
            "inlines": [_scoped_inline(inline) for inline in cls.inlines],
        }
        site.unregister(model)
        site.register(model, type(cls.__name__, (ScopedAdmin, cls), attrs))
