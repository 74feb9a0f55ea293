"""The Django admin under the same table as the workspace pages (ocop.domain.roles), so that it
is no back door. Every model admin subclasses ScopedAdmin (every inline ScopedInline) and says,
where its app registers the model, where a row belongs (`scope`) and which actions show
(`view`) and change (`edit`) its rows. Lists, records, foreign-key choices and every
permission are decided by Staff.scope and Staff.can (ocop.accounts.access): the calls the
workspace pages make, so the two ways in cannot disagree. Django's per-model permissions play
no part (every account is is_staff; its role decides). The admin site refuses to start with a
model admin that is not scoped (ocop.workspace.admin_site)."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import ObjectDoesNotExist, ValidationError

from ocop.accounts.access import Staff, staff_of
from ocop.domain.roles import Action


@dataclass(frozen=True)
class Scope:
    """Where a model's rows belong, declared with exactly one of:

    - `commune`: the lookup from a row to its commune or ward ("unit", "product__unit"); a
      commune officer's rights on their own commune follow from it;
    - `province`: the lookup from a row of no commune to its Province ("province"; "pk" for
      the provinces themselves);
    - `seen_by`: a QuerySet method naming the rows a province's staff see where no lookup can
      (a misuse report belongs to the province of the code it quotes: MisuseReportQuerySet);
    - `shared=True`: rows of no province, the same for every province (product sets,
      holidays, groups); the actions decide who reads and changes them.
    """

    commune: str | None = None
    province: str | None = None
    seen_by: Callable | None = None
    shared: bool = False

    def __post_init__(self):
        declared = [self.commune, self.province, self.seen_by, self.shared or None]
        if sum(value is not None for value in declared) != 1:
            raise ValueError("a Scope declares one of commune, province, seen_by or shared")

    def rows(self, queryset, staff: Staff):
        """The rows of `queryset` that `staff` reaches: those of their province."""
        if self.commune:
            return staff.scope(queryset, self.commune)
        if self.province:
            return staff.scope(queryset, province_path=self.province)
        if self.seen_by and staff.province_id is not None:
            return self.seen_by(queryset, staff)
        return queryset

    def allows(self, staff: Staff, action: Action, row) -> bool:
        """May `staff` do `action` on `row`."""
        if self.commune or self.province:
            place = _follow(row, self.commune or self.province)
            if place is None:  # a row of no known province: for staff of every province
                return staff.province_id is None and staff.can(action)
            if self.commune:
                return staff.can(action, place)
            return staff.can(action, province=place)
        if self.seen_by:
            one = type(row)._default_manager.filter(pk=row.pk)
            return staff.can(action) and self.rows(one, staff).exists()
        return staff.can(action)


SHARED = Scope(shared=True)


def _follow(row, path: str):
    """The id at the end of the lookup `path` from `row` (None where a step is empty): the
    last step's `<name>_id`, so a commune or province is not fetched just to be compared."""
    *steps, last = path.split("__")
    for step in steps:
        try:
            row = getattr(row, step)
        except ObjectDoesNotExist:  # an account without a profile
            return None
        if row is None:
            return None
    return getattr(row, f"{last}_id", None) if last != "pk" else row.pk


class _Rules:
    """What ScopedAdmin and ScopedInline share: the actions, and may the signed-in user do one
    on a row (its place from `record_scope`) or somewhere."""

    view: Action = Action.VIEW
    edit: Action | None = None  # None: nobody adds, changes or deletes here
    # Further actions that change only the fields named for them: a revocation on a decision.
    also_edit: dict[Action, tuple[str, ...]] = {}

    def record_scope(self) -> Scope:
        raise NotImplementedError

    def _may(self, request, action: Action | None, obj=None) -> bool:
        staff = staff_of(request.user)
        if staff is None or action is None:
            return False
        if obj is None:
            return staff.can_somewhere(action)
        return self.record_scope().allows(staff, action, obj)

    def _may_change(self, request, obj=None) -> bool:
        return any(self._may(request, a, obj) for a in (self.edit, *self.also_edit))

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may(request, self.view, obj) or self._may_change(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may(request, self.edit, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in self._locked_fields(request, obj) if f not in fields]

    def _locked_fields(self, request, obj=None) -> list[str]:
        """Fields kept for an action the user may not do on this row (a department officer
        without REVOKE sees a revocation but cannot type one); without `edit`, every field but
        those of the `also_edit` actions they may do."""
        locked, open_ = [], []
        for action, names in self.also_edit.items():
            (open_ if self._may(request, action, obj) else locked).extend(names)
        if self.also_edit and not self._may(request, self.edit, obj):
            locked += [
                f.name for f in self.model._meta.fields if f.editable and f.name not in open_
            ]
        return locked

    def get_field_queryset(self, db, db_field, request):
        """The choices of a foreign key or many-to-many field: the rows of the chosen model
        that the user reaches, by the scope its own admin declares (a province's communes,
        producers, products); a model without an admin is offered as Django offers it. A
        commune officer who may edit here only in their own commune picks only that commune,
        and only its records (a new product's producer is one of their commune's)."""
        queryset = super().get_field_queryset(db, db_field, request)
        model = db_field.remote_field.model
        staff = staff_of(request.user)
        if staff is None or not self.admin_site.is_registered(model):
            return queryset
        if queryset is None:
            queryset = model._default_manager.using(db).all()
        chosen = self.admin_site.get_model_admin(model).scope
        queryset = chosen.rows(queryset, staff)
        if not self._own_commune_only(staff):
            return queryset
        if db_field.name == self.record_scope().commune:
            return queryset.filter(pk=staff.commune_id)
        if chosen.commune:
            return queryset.filter(**{chosen.commune: staff.commune_id})
        return queryset

    def _own_commune_only(self, staff: Staff) -> bool:
        """Does `staff` change rows here only in their own commune (a commune officer)?"""
        return self.edit is not None and staff.commune_id is not None and not staff.can(self.edit)


class ScopedAdmin(_Rules, admin.ModelAdmin):
    """A model admin whose `scope` says where its rows belong. A third-party admin is scoped by
    subclassing both, ScopedAdmin first (the table decides); a screen that never allows
    something (adding a login record) says so in its own method."""

    scope: Scope  # declared by every subclass; the site refuses one without

    def record_scope(self) -> Scope:
        return self.scope

    def has_module_permission(self, request) -> bool:
        return self._may(request, self.view)

    def has_add_permission(self, request) -> bool:
        return self._may(request, self.edit)

    def get_queryset(self, request):
        staff = staff_of(request.user)
        queryset = super().get_queryset(request)
        return self.scope.rows(queryset, staff) if staff else queryset.none()


class ScopedInline(_Rules, InlineModelAdmin):
    """An inline: its rows are the page's record's, so the record's scope (its model admin's)
    decides, with the inline's own `view` and `edit`. Combine with admin.TabularInline or
    admin.StackedInline, ScopedInline first."""

    def record_scope(self) -> Scope:
        return self.admin_site.get_model_admin(self.parent_model).scope

    def has_add_permission(self, request, obj=None) -> bool:
        return self._may(request, self.edit, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        rights = {
            "may_add": self.has_add_permission(request, obj),
            "may_change": self.has_change_permission(request, obj),
        }
        return type(formset.__name__, (RefusalsSaid, formset), rights)


class RefusalsSaid:
    """An inline formset that says so when a row was posted that the user may not add, or a
    value of a row that they may not change (a locked field, a read-only row) or a deletion
    they may not make. Django's admin leaves such rows and values out and answers "saved
    successfully" with nothing saved; here the page comes back with the refusal and nothing
    is saved. A browser never sends them (the page shows such rows and fields as text, and no
    "add" for rows the user may not add); a value posted as it already is changes nothing
    and is let through."""

    may_add = may_change = True
    REFUSED = {
        "add": "Bạn không có quyền thêm %(name)s ở đây: chưa lưu gì.",
        "change": "Bạn không có quyền sửa hoặc xoá %(name)s này: chưa lưu gì.",
    }

    def clean(self):
        super().clean()
        refused = {self._refused(form) for form in self.forms} - {None}
        if refused:
            name = self.model._meta.verbose_name
            raise ValidationError([self.REFUSED[what] % {"name": name} for what in sorted(refused)])

    def _refused(self, form) -> str | None:
        adding = form.instance._state.adding
        what = "add" if adding else "change"
        if not adding and not self.can_delete and form.data.get(form.add_prefix("DELETE")):
            return what
        allowed = self.may_add if adding else self.may_change
        names = self._model_fields(form) - (set(form.fields) if allowed else set())
        return what if any(self._changed(form, name) for name in names) else None

    def _model_fields(self, form) -> set[str]:
        """The row's model fields that were posted (a widget of several inputs: name_0…)."""
        start = f"{form.prefix}-"
        keys = {key.removeprefix(start) for key in form.data if key.startswith(start)}
        posted = keys | {re.sub(r"_\d+$", "", key) for key in keys}
        return posted & {f.name for f in self.model._meta.concrete_fields}

    @staticmethod
    def _changed(form, name: str) -> bool:
        field = form.instance._meta.get_field(name)
        typed = field.formfield()
        if typed is None:  # the id, never typed
            return False
        value = typed.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        return typed.has_changed(field.value_from_object(form.instance), value)


class ScopedAutocompleteJsonView(AutocompleteJsonView):
    """An autocomplete box offers what its form accepts: the field's choices as its own
    admin gives them (get_field_queryset), not every row the chosen model's admin lists (a
    commune officer's new product offered the province's producers, and took one)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        owner = self.admin_site.get_model_admin(self.source_field.model)
        accepted = owner.get_field_queryset(None, self.source_field, self.request)
        return queryset if accepted is None else queryset.filter(pk__in=accepted.values("pk"))
