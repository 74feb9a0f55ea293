"""The dossier pages' forms. Dates typed dd/mm/yyyy (ocop.domain.dates), points with a
decimal comma or point; the checks that need the database or the path are in
ocop.dossiers.flow, so a crafted request meets them too."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from ocop.domain import names
from ocop.domain.dossier_flow import STATE_LABELS, State
from ocop.domain.scoring import PART_MAXIMA, PART_NAMES
from ocop.dossiers.models import Kind
from ocop.registry.models import Producer, ProducerType, Product, ProductSet, Unit
from ocop.shared.date_range import DayField

MISSING_CHOICES = [
    (3, "Thiếu tiêu chí bắt buộc (*) của hạng 3 sao"),
    (4, "Thiếu tiêu chí bắt buộc (*) của hạng 4 sao"),
    (5, "Thiếu tiêu chí bắt buộc (*) của hạng 5 sao"),
]


class PointsField(forms.CharField):
    """Points of one part: 0 to its maximum, two decimals at most, "32,5" or "32.5"."""

    def __init__(self, *, part: str, **kwargs):
        self.part, self.maximum = part, PART_MAXIMA[part]
        kwargs.setdefault("label", f"{PART_NAMES[part]} (tối đa {self.maximum} điểm)")
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {
            **super().widget_attrs(widget),
            "inputmode": "decimal",
            "size": "8",
            "maxlength": "8",
        }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            points = Decimal(value.replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            raise forms.ValidationError(f"“{value}” không phải số điểm.") from None
        if not points.is_finite() or points < 0 or points > self.maximum:
            raise forms.ValidationError(f"Điểm phần {self.part} phải từ 0 đến {self.maximum}.")
        if points != points.quantize(Decimal("0.01")):
            raise forms.ValidationError("Điểm ghi tối đa hai chữ số thập phân.")
        return points


class FilterForm(forms.Form):
    state = forms.ChoiceField(
        label="Bước",
        required=False,
        choices=[("", "Tất cả"), ("open", "Đang xử lý")]
        + [(s.value, STATE_LABELS[s]) for s in State],
    )
    commune = forms.ModelChoiceField(
        label="Xã/phường", queryset=Unit.objects.none(), required=False, empty_label="Tất cả"
    )
    kind = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả"), *Kind.choices])
    year = forms.IntegerField(label="Năm đăng ký", required=False, min_value=2018, max_value=2100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = units
        self.fields["year"].widget.attrs["size"] = "6"


class NewDossierForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại hồ sơ", choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.FIRST
    )
    product = forms.ModelChoiceField(
        label="Sản phẩm đã có trong sổ",
        queryset=Product.objects.none(),
        required=False,
        empty_label="— sản phẩm mới (ghi bên dưới) —",
        help_text="Đánh giá lại: chọn sản phẩm; hồ sơ gắn với quyết định mới nhất của sản phẩm.",
    )
    product_name = forms.CharField(label="Tên sản phẩm mới", max_length=300, required=False)
    product_set = forms.ModelChoiceField(
        label="Bộ sản phẩm",
        queryset=ProductSet.objects.all(),
        required=False,
        empty_label="— chưa xếp bộ —",
    )
    commune = forms.ModelChoiceField(
        label="Xã/phường",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="— chọn xã/phường —",
    )
    producer = forms.ModelChoiceField(
        label="Chủ thể đã có trong sổ",
        queryset=Producer.objects.none(),
        required=False,
        empty_label="— chủ thể mới (ghi bên dưới) —",
    )
    producer_name = forms.CharField(label="Tên chủ thể mới", max_length=300, required=False)
    producer_kind = forms.ChoiceField(
        label="Loại hình", choices=[("", "— chọn —"), *ProducerType.choices], required=False
    )
    tax_code = forms.CharField(label="Mã số thuế/đăng ký", max_length=30, required=False)
    phone = forms.CharField(label="Điện thoại", max_length=50, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    registered_on = DayField(label="Ngày đăng ký", programme=True)
    note = forms.CharField(
        label="Ghi chú", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, products, producers, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
        self.fields["producer"].queryset = producers
        self.fields["commune"].queryset = units
        self.fields["product"].label_from_instance = lambda p: f"{p.name} — {p.producer.name}"
        self.fields["registered_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        product = data.get("product")
        if data["kind"] == Kind.RENEWAL:
            if product is None:
                self.add_error("product", "Đánh giá lại: chọn sản phẩm đã có quyết định.")
                return data
            latest = product.decisions.order_by("-decided_on", "-pk").first()
            if latest is None:
                self.add_error("product", "Sản phẩm chưa có quyết định nào để đánh giá lại.")
            data["renews"] = latest
            return data
        data["renews"] = None
        if product is not None:
            return data
        self._clean_new_product(data)
        return data

    def _clean_new_product(self, data) -> None:
        for name, message in (
            ("product_name", "Ghi tên sản phẩm mới, hoặc chọn sản phẩm đã có."),
            ("commune", "Chọn xã/phường của sản phẩm."),
        ):
            if not data.get(name):
                self.add_error(name, message)
        producer = data.get("producer")
        if producer is None:
            if not data.get("producer_name", "").strip():
                self.add_error("producer_name", "Ghi tên chủ thể mới, hoặc chọn chủ thể đã có.")
            if not data.get("producer_kind"):
                self.add_error("producer_kind", "Chọn loại hình của chủ thể.")
        if self.errors:
            return
        unit = data["commune"]
        tax_code = data.get("tax_code", "").strip()
        if producer is None:
            twin = (
                Producer.objects.filter(tax_code=tax_code).first()
                if tax_code
                else Producer.objects.filter(
                    tax_code__isnull=True,
                    unit=unit,
                    name_key=names.producer_key(data["producer_name"]),
                ).first()
            )
            if twin is not None:
                self.add_error(
                    "producer_name",
                    f"Chủ thể “{twin.name}” đã có trong sổ: chọn ở ô “Chủ thể đã có trong sổ”.",
                )
                return
        if producer is not None:
            key = names.product_key(data["product_name"])
            twin = producer.products.filter(name_key=key).first()
            if twin is not None:
                self.add_error(
                    "product_name",
                    f"Chủ thể đã có sản phẩm “{twin.name}”: chọn ở ô “Sản phẩm đã có trong sổ”.",
                )


class CheckForm(forms.Form):
    complete = forms.BooleanField(
        label="Đã nhận đủ hồ sơ và kiểm tra: đúng thành phần, đúng quy định",
        error_messages={"required": "Chỉ chuyển bước khi hồ sơ đã đủ và đúng."},
    )
    note = forms.CharField(
        label="Ghi chú kiểm tra", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AssessForm(forms.Form):
    note = forms.CharField(
        label="Kết quả đánh giá của xã/phường", widget=forms.Textarea(attrs={"rows": 3})
    )


class ScoreForm(forms.Form):
    score_a = PointsField(part="A")
    score_b = PointsField(part="B")
    score_c = PointsField(part="C")
    missing_mandatory = forms.TypedMultipleChoiceField(
        label="Tiêu chí bắt buộc còn thiếu",
        choices=MISSING_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Sản phẩm thiếu tiêu chí bắt buộc của một hạng thì không được hạng đó,"
        " dù đủ điểm.",
    )
    note = forms.CharField(
        label="Ghi chú của hội đồng", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DecideForm(forms.Form):
    number = forms.CharField(label="Số quyết định", max_length=100)
    decided_on = DayField(label="Ngày quyết định", programme=True)
    issuer = forms.CharField(
        label="Cơ quan ban hành",
        max_length=200,
        required=False,
        help_text="Để trống: suy ra theo hạng sao và ngày quyết định.",
    )
    note = forms.CharField(
        label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class NotPassedForm(forms.Form):
    note = forms.CharField(label="Lý do không đạt", widget=forms.Textarea(attrs={"rows": 3}))


class FileForm(forms.Form):
    file = forms.FileField(
        label="Tệp (PDF hoặc ảnh JPEG, PNG, WebP; tối đa 10 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,image/jpeg,image/png,image/webp"}),
    )
    description = forms.CharField(label="Nội dung tệp", max_length=300, required=False)


STEP_FORMS = {
    State.CHECKED: CheckForm,
    State.ASSESSED: AssessForm,
    State.SCORED: ScoreForm,
    State.DECIDED: DecideForm,
    State.NOT_PASSED: NotPassedForm,
}
