"""The back office's buyers' inquiries, /lam-viec/nhu-cau/: the list with its filters, one
inquiry with its steps and the e-mails sent, moving it on, where demand is (counts per
commune and product), and the list as CSV. Reading needs `view`; moving an inquiry on needs
`edit_local` on the product's commune (ocop.domain.roles)."""

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from ocop.accounts.access import require
from ocop.domain.inquiries import OPEN, InquiryState, next_states
from ocop.domain.roles import Action
from ocop.notices.models import Notice
from ocop.shared.exports import csv_response
from ocop.trade import exports
from ocop.trade.filters import InquiryFilter
from ocop.trade.models import Inquiry
from ocop.trade.workflow import MoveRefused, move

PER_PAGE = 50
TOP_PRODUCTS = 100


def _visible(staff):
    inquiries = Inquiry.objects.select_related("product__unit", "product__producer")
    return staff.scope(inquiries, "product__unit")


def _filtered(request):
    form = InquiryFilter(request.GET or None, staff=request.staff)
    return form, form.apply(_visible(request.staff))


def _query(request) -> str:
    return urlencode({k: v for k, v in request.GET.items() if k != "trang" and v})


@require(Action.VIEW)
def inquiry_list(request):
    form, inquiries = _filtered(request)
    page = Paginator(inquiries, PER_PAGE).get_page(request.GET.get("trang"))
    context = {"form": form, "page": page, "query": _query(request)}
    return render(request, "trade/inquiries.html", context)


@require(Action.VIEW)
def export(request):
    _, inquiries = _filtered(request)
    return csv_response("nhu-cau-mua.csv", exports.HEADER, exports.rows(inquiries))


@require(Action.VIEW)
def demand(request):
    """Where demand is: inquiries per commune and per product, in the filters' period."""
    form, inquiries = _filtered(request)
    open_states = Q(state__in=[s.value for s in OPEN])
    communes = (
        inquiries.values("product__unit__kind", "product__unit__name", "product__unit__sort_key")
        .annotate(
            n=Count("pk"),
            open=Count("pk", filter=open_states),
            products=Count("product", distinct=True),
        )
        .order_by("-n", "product__unit__sort_key")
    )
    products = (
        inquiries.values("product", "product__name", "product__unit__kind", "product__unit__name")
        .annotate(n=Count("pk"), open=Count("pk", filter=open_states), last=Max("received_at"))
        .order_by("-n", "product__name")
    )
    context = {
        "form": form,
        "communes": list(communes),
        "products": list(products[:TOP_PRODUCTS]),
        "top": TOP_PRODUCTS,
        "total": inquiries.count(),
        "query": _query(request),
    }
    return render(request, "trade/demand.html", context)


class MoveForm(forms.Form):
    state = forms.ChoiceField(label="Chuyển sang", choices=[], widget=forms.RadioSelect)
    note = forms.CharField(
        label="Ghi chú (đã làm gì, với ai)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, inquiry: Inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(s.value, s.label) for s in next_states(inquiry.state)]
        self.fields["state"].error_messages["invalid_choice"] = (
            "Không thể chuyển sang trạng thái này từ trạng thái hiện tại."
        )
        self.fields["state"].error_messages["required"] = "Vui lòng chọn trạng thái mới."


@require(Action.VIEW)
@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, pk: int):
    inquiry = get_object_or_404(_visible(request.staff), pk=pk)
    may_move = request.staff.can(Action.EDIT_LOCAL, inquiry.product.unit)
    form = MoveForm(request.POST or None, inquiry=inquiry)
    if request.method == "POST":
        if not may_move:
            raise PermissionDenied
        if form.is_valid():
            try:
                move(
                    inquiry,
                    form.cleaned_data["state"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except MoveRefused as refused:
                messages.error(request, str(refused))
            else:
                label = InquiryState(form.cleaned_data["state"]).label
                messages.success(request, f"Đã chuyển {inquiry.reference} sang “{label}”.")
            return redirect("inquiries:detail", pk=inquiry.pk)
    context = {
        "inquiry": inquiry,
        "steps": inquiry.steps.select_related("by"),
        "notices": Notice.objects.filter(
            related_type=ContentType.objects.get_for_model(Inquiry), related_id=str(inquiry.pk)
        ).order_by("created_at", "pk"),
        "form": form if may_move and next_states(inquiry.state) else None,
        "may_move": may_move,
    }
    return render(request, "trade/inquiry.html", context, status=400 if form.errors else 200)
