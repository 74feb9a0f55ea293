"""The public form a buyer sends from a product's page: /hoi-mua/<product>/ (and /en/...).
Spam is kept out as on the misuse reports (/phan-anh/), with their pieces: the honeypot field
and a count per client address (a keyed hash) per clock hour."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from ocop.domain.inquiries import InquiryState, is_phone, is_reference, parse_quantity
from ocop.registry.models import Product
from ocop.shared.models import ClientCount
from ocop.shared.public_forms import TRAP, client_key, described, missing, this_hour, too_long
from ocop.shared.public_url import page_context
from ocop.trade.models import Inquiry, InquiryStep
from ocop.trade.notify import notify_received, told

BUYER = "Người mua (trang công khai)"
CONTACT_HELP = _("Cần ít nhất số điện thoại hoặc thư điện tử để được trả lời.")
# This form's share of the per-client counts (its limit: OCOP_INQUIRY_PER_HOUR).
COUNTED_AS = "inquiry"


class InquiryForm(forms.Form):
    quantity = forms.CharField(
        label=_("Số lượng cần mua"), help_text=_("Ví dụ 500 hoặc 1,5."), max_length=30
    )
    quantity_unit = forms.CharField(
        label=_("Đơn vị tính"), help_text=_("Ví dụ kg, hộp, chai, tấn."), max_length=30
    )
    place = forms.CharField(
        label=_("Nơi nhận hàng"),
        help_text=_("Tỉnh/thành phố, xã/phường hoặc địa chỉ giao hàng."),
        max_length=300,
    )
    name = forms.CharField(label=_("Họ và tên người liên hệ"), max_length=200)
    organisation = forms.CharField(
        label=_("Đơn vị, cửa hàng (nếu có)"), max_length=200, required=False
    )
    phone = forms.CharField(
        label=_("Số điện thoại"), help_text=CONTACT_HELP, max_length=30, required=False
    )
    email = forms.EmailField(
        label=_("Thư điện tử"), help_text=CONTACT_HELP, max_length=254, required=False
    )
    message = forms.CharField(
        label=_("Lời nhắn (không bắt buộc)"),
        help_text=_("Thời gian cần hàng, quy cách đóng gói, câu hỏi cho chủ thể."),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        described(self)
        for field in self.fields.values():
            field.error_messages = {
                "required": missing(field),
                "max_length": too_long(field),
                "invalid": gettext("Thư điện tử chưa đúng, ví dụ ten@example.com."),
            }
        self.fields["quantity"].widget.attrs["inputmode"] = "decimal"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_quantity(self):
        try:
            return parse_quantity(self.cleaned_data["quantity"])
        except ValueError:
            raise forms.ValidationError(
                gettext("Số lượng phải là một số lớn hơn 0, ví dụ 500 hoặc 1,5.")
            ) from None

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not is_phone(phone):
            raise forms.ValidationError(gettext("Số điện thoại chưa đúng: cần từ 8 đến 15 chữ số."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self._contact_refused():
            self.add_error(
                "phone", gettext("Vui lòng nhập số điện thoại hoặc thư điện tử để được trả lời.")
            )
        return data

    def _contact_refused(self) -> bool:
        # A phone or e-mail typed but refused already has its own message.
        return "phone" in self.errors or "email" in self.errors


def _product(pk: int) -> Product:
    product = get_object_or_404(Product.objects.select_related("producer", "unit"), pk=pk)
    if not product.decisions.exists():  # no public page either
        raise Http404
    return product


@require_http_methods(["GET", "HEAD", "POST"])
def inquiry(request, pk: int):
    product = _product(pk)
    if request.method != "POST":
        return _page(request, product, InquiryForm())
    key, hour = client_key(request), this_hour()
    form = InquiryForm(request.POST)
    if ClientCount.used(COUNTED_AS, key, hour) >= settings.OCOP_INQUIRY_PER_HOUR:
        too_many = gettext(
            "Bạn đã gửi %(per_hour)s yêu cầu trong một giờ qua. Vui lòng thử lại sau một giờ, "
            "hoặc gọi trực tiếp cho chủ thể."
        ) % {"per_hour": settings.OCOP_INQUIRY_PER_HOUR}
        return _page(request, product, form, too_many, 429)
    if request.POST.get(TRAP):
        trap_filled = gettext("Không gửi được: yêu cầu có dấu hiệu gửi tự động.")
        return _page(request, product, InquiryForm(), trap_filled, 400)
    if not form.is_valid():
        errors = gettext("Chưa gửi được. Vui lòng sửa các mục dưới đây.")
        return _page(request, product, form, errors, 400)
    stored = _store(product, form.cleaned_data, key, hour)
    # After the commit: a message is never sent about an inquiry that was not kept.
    notify_received(stored, request)
    return redirect("inquiry_thanks", pk=product.pk, reference=stored.reference)


def _store(product, data: dict, key: str, hour) -> Inquiry:
    """The inquiry (with the language of the page it came from), its first step and the
    client's count: all three, or none."""
    with transaction.atomic():
        language = translation.get_language()
        stored = Inquiry.objects.create(product=product, language=language, **data)
        InquiryStep.objects.create(inquiry=stored, state=InquiryState.NEW, by_name=BUYER)
        ClientCount.record(COUNTED_AS, key, hour)
    return stored


def _page(request, product, form, message=None, status=200):
    # A form, not a page for search engines: no canonical address.
    context = page_context(
        request,
        None,
        form=form,
        product=product,
        product_url=product.get_public_url(),
        message=message,
        trap=TRAP,
    )
    return render(request, "trade/public_inquiry.html", context, status=status)


@require_safe
def thanks(request, pk: int, reference: str):
    if not is_reference(reference):
        raise Http404
    product = _product(pk)
    stored = Inquiry.objects.filter(pk=int(reference.rpartition("-")[2]), product=product).first()
    if stored is None or stored.reference != reference:
        raise Http404
    context = page_context(
        request,
        None,
        reference=reference,
        product_url=product.get_public_url(),
        told=told(stored),
    )
    return render(request, "trade/public_thanks.html", context)
