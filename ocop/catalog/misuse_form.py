"""The public misuse report form, /phan-anh/ (and /en/phan-anh/): a product shown with the OCOP
mark without valid recognition. Spam is kept out without outside services: a honeypot field
and a count of reports per client address per hour."""

from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from ocop.accounts.access import require
from ocop.catalog.models import MisuseReport
from ocop.domain import public_codes
from ocop.domain.roles import Action
from ocop.shared.images import ImageRefused, check_image, clean_image
from ocop.shared.models import ClientCount
from ocop.shared.public_forms import TRAP, client_key, described, missing, this_hour, too_long
from ocop.shared.public_url import page_context

# This form's share of the per-client counts (its limit: OCOP_MISUSE_PER_HOUR).
COUNTED_AS = "misuse_report"


class ReportForm(forms.Form):
    product = forms.CharField(label=_("Tên sản phẩm (nếu biết)"), max_length=200, required=False)
    code = forms.CharField(
        label=_("Mã in dưới mã QR (nếu có)"),
        help_text=_("8 ký tự, ví dụ H7KQ-3MXP."),
        max_length=20,
        required=False,
    )
    place = forms.CharField(
        label=_("Nơi bạn thấy sản phẩm"),
        help_text=_("Tên cửa hàng, chợ hoặc trang bán hàng, kèm địa chỉ."),
        max_length=300,
    )
    description = forms.CharField(
        label=_("Nội dung phản ánh"),
        help_text=_("Mô tả những gì bạn thấy: nhãn, bao bì, ngày thấy."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    photo = forms.FileField(label=_("Ảnh chụp sản phẩm"))
    contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử của bạn (không bắt buộc)"),
        help_text=_("Chỉ để Sở liên hệ hỏi thêm khi cần; không công khai."),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limit of the setting OCOP_MISUSE_PHOTO_MAX_MB, as it is today.
        self.fields["photo"].help_text = gettext(
            "Ảnh JPEG, PNG hoặc WebP, tối đa %(max_mb)s MB. Thông tin vị trí (GPS) trong ảnh "
            "được xoá trước khi lưu."
        ) % {"max_mb": settings.OCOP_MISUSE_PHOTO_MAX_MB}
        described(self)
        no_photo = gettext("Vui lòng chọn ảnh chụp sản phẩm.")
        for name, field in self.fields.items():
            field.error_messages = {
                "required": no_photo if name == "photo" else missing(field),
                "max_length": too_long(field),
                "invalid": no_photo,
                "empty": no_photo,
            }

    def clean_code(self) -> str:
        """The code as it is printed when it is one ("h7kq 3mxp" -> "H7KQ-3MXP"): the province
        a report belongs to is found by the printed code (MisuseReport.objects.seen_by, the
        log's province), so a code typed otherwise would make the report every province's."""
        typed = self.cleaned_data["code"].strip()
        return public_codes.normalize(typed) or typed

    def clean_photo(self) -> bytes:
        """The photo's bytes, refused from their size and header alone (check_image):
        nothing is decoded before the whole form is valid (clean)."""
        upload = self.cleaned_data["photo"]
        max_bytes = settings.OCOP_MISUSE_PHOTO_MAX_MB * 1_000_000
        # Checked before reading, so a huge upload is not loaded into memory.
        if upload.size > max_bytes:
            raise forms.ValidationError(
                gettext("Ảnh “%(name)s” quá lớn; dung lượng tối đa là %(mb)s MB.")
                % {"name": upload.name, "mb": settings.OCOP_MISUSE_PHOTO_MAX_MB}
            )
        data = upload.read()
        self._photo_name = upload.name
        with self._refusal_said(upload.name):
            check_image(data, max_bytes=max_bytes)
        return data

    def clean(self):
        """The photo decoded and cleaned of its metadata last, once everything else is
        right: a post with an empty field costs no decoding."""
        data = super().clean()
        if not self.errors:
            try:
                with self._refusal_said(self._photo_name):
                    data["photo"] = clean_image(data["photo"], max_bytes=len(data["photo"]))
            except forms.ValidationError as refused:
                self.add_error("photo", refused)
        return data

    @contextmanager
    def _refusal_said(self, name: str):
        try:
            yield
        except ImageRefused as refused:
            raise forms.ValidationError(
                gettext("Ảnh “%(name)s”: %(reason)s") % {"name": name, "reason": refused}
            ) from None


@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    key, hour = client_key(request), this_hour()
    if request.method != "POST":
        # A verification page's "Phản ánh" fills in the code it showed (?ma=).
        return _page(request, ReportForm(initial={"code": request.GET.get("ma", "")[:40]}))
    if ClientCount.used(COUNTED_AS, key, hour) >= settings.OCOP_MISUSE_PER_HOUR:
        too_many = gettext(
            "Bạn đã gửi %(per_hour)s phản ánh trong một giờ qua. Vui lòng thử lại sau một giờ, "
            "hoặc gọi điện cho Sở nếu việc gấp."
        ) % {"per_hour": settings.OCOP_MISUSE_PER_HOUR}
        return _page(request, ReportForm(request.POST), too_many, 429)
    # Every post counts, before anything is checked: refused ones cost the server their
    # upload and checks too (twelve posts with an empty field and a heavy picture each were
    # never counted, issue 18).
    ClientCount.record(COUNTED_AS, key, hour)
    if request.POST.get(TRAP):
        trap_filled = gettext("Không gửi được: phản ánh có dấu hiệu gửi tự động.")
        return _page(request, ReportForm(), trap_filled, 400)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = gettext("Chưa gửi được phản ánh. Vui lòng sửa các mục dưới đây.")
        return _page(request, form, errors, 400)
    stored = _store(form.cleaned_data)
    return redirect("report_thanks", reference=stored.reference)


def _store(data: dict) -> MisuseReport:
    """The report with its photo: both written, or neither (no photo file left behind)."""
    photo = data.pop("photo")
    extension = "png" if photo.startswith(b"\x89PNG") else "jpg"
    stored = MisuseReport(**data)
    stored.photo.save(f"anh.{extension}", ContentFile(photo), save=False)
    try:
        stored.save()
    except Exception:
        stored.photo.delete(save=False)
        raise
    return stored


def _page(request, form, message=None, status=200):
    context = page_context(request, reverse("report"), form=form, message=message, trap=TRAP)
    return render(request, "catalog/report.html", context, status=status)


@require_safe
def thanks(request, reference: str):
    context = page_context(request, None, reference=reference, report_url=reverse("report"))
    return render(request, "catalog/report_thanks.html", context)


@require_safe
def follow(request):
    """Where a report stands, by the number its reporter was given (?so=PA-2026-00012): the day
    it was received and whether the department has seen it; nothing the reporter wrote."""
    typed = request.GET.get("so", "").strip().upper()[:20]
    found = _by_reference(typed) if typed else None
    context = page_context(request, None, typed=typed, found=found, asked=bool(typed))
    return render(
        request, "catalog/report_follow.html", context, status=404 if typed and not found else 200
    )


def _by_reference(typed: str) -> MisuseReport | None:
    head, _, number = typed.rpartition("-")
    if not (head.startswith("PA-") and number.isdigit()):
        return None
    found = MisuseReport.objects.filter(pk=int(number)).first()
    return found if found is not None and found.reference == typed else None


@require(Action.REVOKE)
@require_safe
def photo(request, pk: int):
    """A report's photo, for the back office only: the web server refuses /media/phan-anh/
    (a reporter's photo can show them or their home), so it is served here, to signed-in staff
    whose role triages the reports (ocop.domain.roles), of the reports their province sees
    (the admin's list and the inbox: MisuseReport.objects.seen_by), and kept out of every
    cache."""
    stored = get_object_or_404(MisuseReport.objects.seen_by(request.staff), pk=pk)
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
