"""The public form a buyer sends from a product's page: /hoi-mua/<product>/ (and /en/...).
Spam is kept out as on the misuse reports (/phan-anh/), with their pieces: the honeypot field
and a count per client address (a keyed hash) per clock hour."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from ocop.catalog.bilingual import url_name
from ocop.catalog.views import _context, _render
from ocop.domain.inquiries import InquiryState, is_phone, is_reference, parse_quantity
from ocop.registry.models import Product
from ocop.shared.models import ClientCount
from ocop.shared.public_forms import TRAP, client_key, this_hour
from ocop.trade.models import Inquiry, InquiryStep
from ocop.trade.notify import notify_received
from ocop.trade.texts import WORDS

BUYER = "Người mua (trang công khai)"
# This form's share of the per-client counts (its limit: OCOP_INQUIRY_PER_HOUR).
COUNTED_AS = "inquiry"


def words(lang: str) -> dict:
    per_hour = settings.OCOP_INQUIRY_PER_HOUR
    return {
        key: text.format(per_hour=per_hour) if key == "too_many" else text
        for key, text in WORDS[lang].items()
    }


class InquiryForm(forms.Form):
    quantity = forms.CharField(max_length=30)
    quantity_unit = forms.CharField(max_length=30)
    place = forms.CharField(max_length=300)
    name = forms.CharField(max_length=200)
    organisation = forms.CharField(max_length=200, required=False)
    phone = forms.CharField(max_length=30, required=False)
    email = forms.EmailField(max_length=254, required=False)
    message = forms.CharField(
        max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, words: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.words = words
        for name, field in self.fields.items():
            field.label = words[name]
            help_key = "contact_help" if name in ("phone", "email") else f"{name}_help"
            field.help_text = words.get(help_key, "")
            described = [f"id_{name}-help"] if field.help_text else []
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)
            field.error_messages = {
                "required": words["missing"].format(field=words[name].lower()),
                "max_length": words["too_long"].format(field=words[name], n=field.max_length),
                "invalid": words["bad_email"],
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
            raise forms.ValidationError(self.words["bad_quantity"]) from None

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not is_phone(phone):
            raise forms.ValidationError(self.words["bad_phone"])
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self._contact_refused():
            self.add_error("phone", self.words["no_contact"])
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
def inquiry(request, pk: int, lang="vi"):
    product, texts = _product(pk), words(lang)
    if request.method != "POST":
        return _page(request, lang, product, InquiryForm(words=texts))
    key, hour = client_key(request), this_hour()
    form = InquiryForm(request.POST, words=texts)
    if ClientCount.used(COUNTED_AS, key, hour) >= settings.OCOP_INQUIRY_PER_HOUR:
        return _page(request, lang, product, form, texts["too_many"], 429)
    if request.POST.get(TRAP):
        return _page(request, lang, product, InquiryForm(words=texts), texts["trap_filled"], 400)
    if not form.is_valid():
        return _page(request, lang, product, form, texts["errors"], 400)
    stored = _store(product, form.cleaned_data, lang, key, hour)
    # After the commit: a message is never sent about an inquiry that was not kept.
    notify_received(stored, request)
    return redirect(url_name("inquiry_thanks", lang), pk=product.pk, reference=stored.reference)


def _store(product, data: dict, lang: str, key: str, hour) -> Inquiry:
    """The inquiry, its first step and the client's count: all three, or none."""
    with transaction.atomic():
        stored = Inquiry.objects.create(product=product, language=lang, **data)
        InquiryStep.objects.create(inquiry=stored, state=InquiryState.NEW, by_name=BUYER)
        ClientCount.record(COUNTED_AS, key, hour)
    return stored


def _page(request, lang, product, form, message=None, status=200):
    context = _context(
        request,
        lang,
        reverse("inquiry", args=[product.pk]),
        reverse("inquiry_en", args=[product.pk]),
        r=words(lang),
        form=form,
        product=product,
        product_url=product.get_public_url(lang),
        message=message,
        trap=TRAP,
    )
    context["canonical"] = None  # a form, not a page for search engines
    return _render(request, lang, "trade/public_inquiry.html", context, status=status)


@require_safe
def thanks(request, pk: int, reference: str, lang="vi"):
    if not is_reference(reference):
        raise Http404
    product = _product(pk)
    context = _context(
        request,
        lang,
        reverse("inquiry_thanks", args=[pk, reference]),
        reverse("inquiry_thanks_en", args=[pk, reference]),
        r=WORDS[lang],
        reference=reference,
        product_url=product.get_public_url(lang),
    )
    context["canonical"] = None
    return _render(request, lang, "trade/public_thanks.html", context)
