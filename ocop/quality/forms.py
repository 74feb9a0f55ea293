"""The desk's forms: they only clean what was posted; the views check the records' province."""

from django import forms

from ocop.registry.models import Decision, ProductSet


class PairForm(forms.Form):
    first = forms.IntegerField(min_value=1)
    second = forms.IntegerField(min_value=1)


class MergeForm(PairForm):
    keep = forms.IntegerField(min_value=1, error_messages={"required": "Hãy chọn bản ghi giữ lại."})

    def clean(self):
        data = super().clean()
        if "keep" in data and data["keep"] not in (data.get("first"), data.get("second")):
            raise forms.ValidationError("Bản ghi giữ lại phải là một trong hai bản ghi của cặp.")
        return data


class NumberForm(forms.Form):
    decision = forms.IntegerField(min_value=1)
    number = forms.CharField(
        max_length=Decision._meta.get_field("number").max_length,
        error_messages={
            "required": "Hãy nhập số quyết định, ví dụ 1234/QĐ-UBND.",
            "max_length": "Số quyết định dài quá %(limit_value)d ký tự.",
        },
    )


class ProductSetForm(forms.Form):
    product = forms.IntegerField(min_value=1)
    product_set = forms.ModelChoiceField(
        ProductSet.objects.all(),
        error_messages={
            "required": "Hãy chọn bộ sản phẩm.",
            "invalid_choice": "Bộ sản phẩm đã chọn không có trong danh mục.",
        },
    )


class IssuerForm(forms.Form):
    decision = forms.IntegerField(min_value=1)
    issuer = forms.CharField(
        max_length=Decision._meta.get_field("issuer").max_length,
        required=False,
        error_messages={"max_length": "Tên cơ quan ban hành dài quá %(limit_value)d ký tự."},
    )


class IssuerGroupForm(forms.Form):
    """One body's presumed decisions, or one group of them (IssuerGroup.key), confirmed as
    presumed or corrected to `corrected`."""

    presumed = forms.CharField(max_length=Decision._meta.get_field("issuer").max_length)
    group = forms.CharField(max_length=300, required=False)
    corrected = forms.CharField(
        max_length=Decision._meta.get_field("issuer").max_length,
        required=False,
        error_messages={"max_length": "Tên cơ quan ban hành dài quá %(limit_value)d ký tự."},
    )
