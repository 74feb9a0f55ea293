"""The forms of the revocation, inspection and inbox pages: they only read and check what
was typed; the writes are in revoking.py and inspecting.py."""

from django import forms
from django.utils import timezone

from ocop.domain import public_codes
from ocop.domain.inspections import FindingKind
from ocop.domain.issuers import issuer_name
from ocop.domain.names import fold
from ocop.domain.revocation import Ground
from ocop.domain.roles import Action
from ocop.enforcement import files
from ocop.registry.models import Decision, Product, Unit
from ocop.shared.date_range import DayField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if len(uploads) > files.MAX_PHOTOS:
            raise forms.ValidationError(f"Tối đa {files.MAX_PHOTOS} ảnh mỗi lần gửi.")
        return [files.cleaned_photo(upload) for upload in uploads]


class RevocationForm(forms.Form):
    number = forms.CharField(label="Số quyết định thu hồi", max_length=100)
    revoked_on = DayField(label="Ngày thu hồi", programme=True)
    issuer = forms.CharField(
        label="Cơ quan ban hành",
        max_length=200,
        help_text="Cơ quan đã công nhận thì thu hồi, ví dụ “UBND tỉnh Lai Châu”.",
    )
    ground = forms.ChoiceField(
        label="Căn cứ thu hồi",
        choices=[(g.value, g.label) for g in Ground],
        widget=forms.RadioSelect,
    )
    detail = forms.CharField(
        label="Nội dung",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ghi theo quyết định; hiện trên trang xác minh công khai cùng căn cứ.",
    )
    scan = forms.FileField(
        label="Bản scan quyết định (PDF hoặc ảnh)",
        required=False,
        help_text=f"Chỉ cán bộ xem được. Tối đa {files.MAX_SCAN_MB} MB.",
    )

    def __init__(self, *args, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.fields["issuer"].initial = decision.issuer

    def clean_number(self):
        return " ".join(self.cleaned_data["number"].split())

    def clean_issuer(self):
        province = self.decision.product.unit.province
        return issuer_name(self.cleaned_data["issuer"], province.name)

    def clean_scan(self):
        upload = self.cleaned_data.get("scan")
        return files.cleaned_scan(upload) if upload else None

    def clean(self):
        data = super().clean()
        if data.get("ground") == Ground.OTHER and not data.get("detail", "").strip():
            self.add_error("detail", "Với “Lý do khác”, hãy ghi nội dung thu hồi.")
        return data


class UndoForm(forms.Form):
    reason = forms.CharField(
        label="Lý do hủy thu hồi",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy ghi lý do hủy thu hồi."},
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="Lý do không xử lý",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy ghi lý do không xử lý phản ánh này."},
    )


class InspectionForm(forms.Form):
    unit = forms.ModelChoiceField(label="Xã/phường", queryset=Unit.objects.none())
    inspected_on = DayField(label="Ngày kiểm tra", programme=True)
    place = forms.CharField(
        label="Địa điểm", max_length=300, help_text="Chợ, cửa hàng, cơ sở sản xuất, địa chỉ."
    )
    product = forms.CharField(
        label="Sản phẩm trong sổ",
        required=False,
        max_length=300,
        help_text="Mã in dưới mã QR (ví dụ H7KQ-3MXP) hoặc tên sản phẩm.",
    )
    unlisted_name = forms.CharField(
        label="Hoặc: tên sản phẩm không có trong sổ", required=False, max_length=300
    )
    unlisted_producer = forms.CharField(
        label="Cơ sở sản xuất ghi trên bao bì", required=False, max_length=300
    )
    kinds = forms.MultipleChoiceField(
        label="Vi phạm phát hiện",
        required=False,
        choices=[(k.value, k.label) for k in FindingKind],
        widget=forms.CheckboxSelectMultiple,
        help_text="Không chọn gì nếu không phát hiện vi phạm.",
        error_messages={"invalid_choice": "Loại vi phạm “%(value)s” không có trong danh sách."},
    )
    note = forms.CharField(
        label="Ghi nhận", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    photos = PhotosField(
        label="Ảnh chụp",
        required=False,
        help_text=f"JPEG, PNG hoặc WebP, tối đa {files.MAX_PHOTO_MB} MB mỗi ảnh; thông tin vị "
        "trí trong ảnh được xóa.",
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        units = Unit.objects.all()
        if staff.province_id is not None:
            units = units.filter(province_id=staff.province_id)
        if not staff.can(Action.EDIT_LOCAL):  # a commune officer: their own commune only
            units = units.filter(pk=staff.commune_id)
            self.fields["unit"].empty_label = None
        else:
            self.fields["unit"].empty_label = "— chọn xã/phường —"
        self.fields["unit"].queryset = units
        self.fields["photos"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"

    def clean_product(self):
        typed = " ".join(self.cleaned_data["product"].split())
        return find_product(self.staff, typed) if typed else None

    def clean(self):
        data = super().clean()
        named = data.get("product") or data.get("unlisted_name", "").strip()
        if not named and "product" not in self.errors:
            self.add_error(
                "product", "Chọn sản phẩm trong sổ, hoặc ghi tên sản phẩm không có trong sổ."
            )
        day = data.get("inspected_on")
        if day and day > timezone.localdate():
            self.add_error("inspected_on", "Ngày kiểm tra không được sau hôm nay.")
        return data


def find_product(staff, typed: str) -> Product:
    """The product a code or name means, in the user's province; a clear refusal otherwise."""
    products = staff.scope(Product.objects.select_related("producer"))
    code = public_codes.normalize(typed)
    if code:
        found = products.filter(decisions__public_code=code).first()
        if found:
            return found
        raise forms.ValidationError(f"Không có sản phẩm nào của tỉnh mang mã {code}.")
    matches = list(products.filter(search_key__contains=fold(typed))[:6])
    exact = [p for p in matches if p.search_key == fold(typed)]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0]
    if not matches:
        raise forms.ValidationError(
            f"Không tìm thấy sản phẩm “{typed}” trong sổ. Nếu sản phẩm không có trong sổ, ghi "
            "tên ở ô dưới."
        )
    names = "; ".join(f"{p.name} ({p.producer.name})" for p in matches[:5])
    raise forms.ValidationError(
        f"Có nhiều sản phẩm khớp “{typed}”: {names}. Hãy nhập mã in dưới mã QR."
    )
