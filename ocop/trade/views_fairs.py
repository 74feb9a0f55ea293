"""The back office's trade fairs, /lam-viec/hoi-cho/: the province's fairs, and entering,
changing or removing one. The department's officers keep any fair with any of the province's
products; a commune officer keeps their commune's fairs, showing their commune's products
(`edit_local` on the commune, ocop.domain.roles). Shown on the public product pages."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ocop.accounts.access import require
from ocop.domain.roles import Action
from ocop.registry.models import Product, Province
from ocop.shared.date_range import DayField
from ocop.trade.models import TradeFair


def may_keep(staff, fair: TradeFair) -> bool:
    """May `staff` change or remove `fair`: a commune's fair by its commune's officer or the
    department, the department's own fair by the department only."""
    if staff.province_id is not None and fair.province_id != staff.province_id:
        return False
    return (
        staff.can(Action.EDIT_LOCAL, fair.unit_id) if fair.unit_id else staff.can(Action.EDIT_LOCAL)
    )


def _products_for(staff, fair: TradeFair | None):
    """The products a fair of `staff` may show: with a public page (a decision), in the
    province, and only the commune's own for a commune officer."""
    products = Product.objects.filter(decisions__isnull=False).distinct()
    products = staff.scope(products, "unit").select_related("unit")
    if not staff.can(Action.EDIT_LOCAL):
        products = products.filter(unit_id=staff.commune_id)
    elif fair is not None and fair.unit_id:
        products = products.filter(unit_id=fair.unit_id)
    return products.order_by("unit__sort_key", "sort_key", "pk")


class ProductChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, product) -> str:
        return f"{product.name} ({product.unit})"


class FairForm(forms.ModelForm):
    starts_on = DayField(label="Từ ngày")
    ends_on = DayField(label="Đến hết ngày")
    url = forms.URLField(
        label="Trang thông tin (nếu có)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Địa chỉ trang thông tin chưa đúng, ví dụ https://example.vn/."},
    )
    products = ProductChoices(
        label="Sản phẩm trưng bày",
        queryset=Product.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một sản phẩm trưng bày."},
    )

    class Meta:
        model = TradeFair
        fields = ["name", "place", "starts_on", "ends_on", "url", "products"]
        error_messages = {
            "name": {"required": "Vui lòng nhập tên hội chợ, triển lãm."},
            "place": {"required": "Vui lòng nhập địa điểm."},
        }

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = _products_for(staff, self.instance.pk and self.instance)
        for name in ("starts_on", "ends_on"):
            self.fields[name].error_messages["required"] = "Vui lòng nhập ngày (dd/mm/yyyy)."

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Ngày kết thúc trước ngày bắt đầu: đổi lại hai ngày.")
        return data


def _province_id(staff) -> int:
    if staff.province_id is not None:
        return staff.province_id
    return Province.objects.get(code=settings.OCOP_PROVINCE).pk


@require(Action.VIEW)
def fair_list(request):
    staff = request.staff
    fairs = TradeFair.objects.select_related("unit").annotate(n=Count("products"))
    if staff.province_id is not None:
        fairs = fairs.filter(province_id=staff.province_id)
    fairs = list(fairs)
    for fair in fairs:
        fair.editable = may_keep(staff, fair)
    context = {"fairs": fairs, "may_add": staff.can_somewhere(Action.EDIT_LOCAL)}
    return render(request, "trade/fairs.html", context)


@require(Action.EDIT_LOCAL)
@require_http_methods(["GET", "HEAD", "POST"])
def fair_create(request):
    staff = request.staff
    fair = TradeFair(
        province_id=_province_id(staff),
        unit_id=None if staff.can(Action.EDIT_LOCAL) else staff.commune_id,
    )
    return _form_page(request, fair, "Đã thêm hội chợ “{name}”.")


@require(Action.EDIT_LOCAL)
@require_http_methods(["GET", "HEAD", "POST"])
def fair_edit(request, pk: int):
    fair = get_object_or_404(TradeFair, pk=pk)
    if not may_keep(request.staff, fair):
        raise PermissionDenied
    return _form_page(request, fair, "Đã lưu hội chợ “{name}”.")


def _form_page(request, fair, done: str):
    form = FairForm(request.POST or None, instance=fair, staff=request.staff)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(request, done.format(name=saved.name))
        return redirect("fairs:list")
    context = {"form": form, "fair": fair}
    return render(request, "trade/fair_form.html", context, status=400 if form.errors else 200)


@require(Action.EDIT_LOCAL)
@require_POST
def fair_delete(request, pk: int):
    fair = get_object_or_404(TradeFair, pk=pk)
    if not may_keep(request.staff, fair):
        raise PermissionDenied
    name = fair.name
    fair.delete()
    messages.success(request, f"Đã xoá hội chợ “{name}”.")
    return redirect("fairs:list")
