"""The public misuse report form, /phan-anh/ (and /en/phan-anh/): a product shown with the OCOP
mark without valid recognition. Spam is kept out without outside services: a honeypot field
and a count of reports per client address per hour."""

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from ocop.accounts.access import require
from ocop.catalog.bilingual import url_name
from ocop.catalog.models import MisuseReport
from ocop.catalog.texts_images import REFUSALS
from ocop.catalog.texts_reports import WORDS
from ocop.catalog.views import _context, _render
from ocop.domain.roles import Action
from ocop.shared.images import ImageRefused, clean_image
from ocop.shared.models import ClientCount
from ocop.shared.public_forms import TRAP, client_key, this_hour

# This form's share of the per-client counts (its limit: OCOP_MISUSE_PER_HOUR).
COUNTED_AS = "misuse_report"


def words(lang: str) -> dict:
    """The form's words with today's limits (settings OCOP_MISUSE_*) written in."""
    limits = {
        "per_hour": settings.OCOP_MISUSE_PER_HOUR,
        "max_mb": settings.OCOP_MISUSE_PHOTO_MAX_MB,
    }
    return {
        key: text.format(**limits) if key in ("photo_help", "too_many") else text
        for key, text in WORDS[lang].items()
    }


class ReportForm(forms.Form):
    product = forms.CharField(max_length=200, required=False)
    code = forms.CharField(max_length=20, required=False)
    place = forms.CharField(max_length=300)
    description = forms.CharField(max_length=3000, widget=forms.Textarea(attrs={"rows": 5}))
    photo = forms.FileField()
    contact = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, words: dict, lang: str = "vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = lang
        for name, field in self.fields.items():
            field.label = words[name]
            field.help_text = words.get(f"{name}_help", "")
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"
            field.error_messages = {
                "required": words["no_photo"]
                if name == "photo"
                else words["missing"].format(field=words[name].lower()),
                "max_length": words["too_long"].format(field=words[name], n=field.max_length),
                "invalid": words["no_photo"],
                "empty": words["no_photo"],
            }

    def clean_photo(self) -> bytes:
        upload, texts = self.cleaned_data["photo"], REFUSALS[self.lang]
        max_mb = settings.OCOP_MISUSE_PHOTO_MAX_MB
        # Checked before reading, so a huge upload is not loaded into memory.
        if upload.size > max_mb * 1_000_000:
            raise forms.ValidationError(texts["upload_too_big"].format(name=upload.name, mb=max_mb))
        try:
            return clean_image(upload.read(), max_bytes=max_mb * 1_000_000)
        except ImageRefused as refused:
            reason = refused.in_language(self.lang)
            raise forms.ValidationError(
                texts["named"].format(name=upload.name, reason=reason)
            ) from None


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, lang="vi"):
    texts = words(lang)
    key, hour = client_key(request), this_hour()
    if request.method != "POST":
        return _page(request, lang, ReportForm(words=texts, lang=lang))
    if ClientCount.used(COUNTED_AS, key, hour) >= settings.OCOP_MISUSE_PER_HOUR:
        form = ReportForm(request.POST, words=texts, lang=lang)
        return _page(request, lang, form, texts["too_many"], 429)
    if request.POST.get(TRAP):
        return _page(request, lang, ReportForm(words=texts, lang=lang), texts["trap_filled"], 400)
    form = ReportForm(request.POST, request.FILES, words=texts, lang=lang)
    if not form.is_valid():
        return _page(request, lang, form, texts["errors"], 400)
    stored = _store(form.cleaned_data, key, hour)
    return redirect(url_name("report_thanks", lang), reference=stored.reference)


def _store(data: dict, key: str, hour) -> MisuseReport:
    """The report and its count together: both written, or neither (and then no photo file
    left behind either)."""
    photo = data.pop("photo")
    extension = "png" if photo.startswith(b"\x89PNG") else "jpg"
    stored = MisuseReport(**data)
    stored.photo.save(f"anh.{extension}", ContentFile(photo), save=False)
    try:
        with transaction.atomic():
            stored.save()
            ClientCount.record(COUNTED_AS, key, hour)
    except Exception:
        stored.photo.delete(save=False)
        raise
    return stored


def _page(request, lang, form, message=None, status=200):
    context = _context(
        request,
        lang,
        reverse("report"),
        reverse("report_en"),
        r=words(lang),
        form=form,
        message=message,
        trap=TRAP,
    )
    return _render(request, lang, "catalog/report.html", context, status=status)


@require_safe
def thanks(request, reference: str, lang="vi"):
    context = _context(
        request,
        lang,
        reverse("report_thanks", args=[reference]),
        reverse("report_thanks_en", args=[reference]),
        r=WORDS[lang],
        reference=reference,
        report_url=reverse(url_name("report", lang)),
    )
    context["canonical"] = None
    return _render(request, lang, "catalog/report_thanks.html", context)


@require(Action.REVOKE)
@require_safe
def photo(request, pk: int):
    """A report's photo, for the back office only: the web server refuses /media/phan-anh/
    (a reporter's photo can show them or their home), so it is served here, to signed-in staff
    whose role triages the reports (ocop.domain.roles), and kept out of every cache."""
    stored = get_object_or_404(MisuseReport, pk=pk)
    try:
        opened = stored.photo.open("rb")
    except (ValueError, FileNotFoundError):
        raise Http404 from None
    extension = stored.photo.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        opened,
        content_type="image/png" if extension == "png" else "image/jpeg",
        filename=f"{stored.reference}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response
