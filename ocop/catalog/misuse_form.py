"""The public misuse report form, /phan-anh/ (and /en/phan-anh/): a product shown with the OCOP
mark without valid recognition. Spam is kept out without outside services: a honeypot field
and a count of reports per client address per hour."""

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
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
from ocop.shared.images import ImageRefused, clean_image
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
        upload = self.cleaned_data["photo"]
        max_mb = settings.OCOP_MISUSE_PHOTO_MAX_MB
        # Checked before reading, so a huge upload is not loaded into memory.
        if upload.size > max_mb * 1_000_000:
            raise forms.ValidationError(
                gettext("Ảnh “%(name)s” quá lớn; dung lượng tối đa là %(mb)s MB.")
                % {"name": upload.name, "mb": max_mb}
            )
        try:
            return clean_image(upload.read(), max_bytes=max_mb * 1_000_000)
        except ImageRefused as refused:
            raise forms.ValidationError(
                gettext("Ảnh “%(name)s”: %(reason)s") % {"name": upload.name, "reason": refused}
            ) from None


@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    key, hour = client_key(request), this_hour()
    if request.method != "POST":
        return _page(request, ReportForm())
    if ClientCount.used(COUNTED_AS, key, hour) >= settings.OCOP_MISUSE_PER_HOUR:
        too_many = gettext(
            "Bạn đã gửi %(per_hour)s phản ánh trong một giờ qua. Vui lòng thử lại sau một giờ, "
            "hoặc gọi điện cho Sở nếu việc gấp."
        ) % {"per_hour": settings.OCOP_MISUSE_PER_HOUR}
        return _page(request, ReportForm(request.POST), too_many, 429)
    if request.POST.get(TRAP):
        trap_filled = gettext("Không gửi được: phản ánh có dấu hiệu gửi tự động.")
        return _page(request, ReportForm(), trap_filled, 400)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = gettext("Chưa gửi được phản ánh. Vui lòng sửa các mục dưới đây.")
        return _page(request, form, errors, 400)
    stored = _store(form.cleaned_data, key, hour)
    return redirect("report_thanks", reference=stored.reference)


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


def _page(request, form, message=None, status=200):
    context = page_context(request, reverse("report"), form=form, message=message, trap=TRAP)
    return render(request, "catalog/report.html", context, status=status)


@require_safe
def thanks(request, reference: str):
    context = page_context(request, None, reference=reference, report_url=reverse("report"))
    return render(request, "catalog/report_thanks.html", context)


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
