"""The users page's forms: an account's role and place, checked by the same rules as
`ocop createuser` (ocop.accounts.making)."""

from django import forms
from django.contrib.auth import get_user_model

from ocop.accounts import making
from ocop.domain.roles import ROLE_LABELS, Role
from ocop.registry.models import Province, Unit

ROLE_CHOICES = [(role.value, ROLE_LABELS[role]) for role in Role]


class PlaceForm(forms.Form):
    """Role, province (only for an administrator of every province) and commune."""

    # Least rights first: an administrator picks a larger role on purpose.
    role = forms.ChoiceField(label="Vai trò", choices=ROLE_CHOICES, initial=Role.VIEWER.value)
    province = forms.ModelChoiceField(
        label="Tỉnh/thành phố", queryset=Province.objects.all(), required=False
    )
    commune = forms.ModelChoiceField(
        label="Xã/phường",
        queryset=Unit.objects.none(),
        required=False,
        help_text="Chỉ với cán bộ xã/phường.",
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        units = Unit.objects.select_related("province")
        if staff.province_id is not None:
            # An administrator of one province gives roles in that province only.
            del self.fields["province"]
            units = units.filter(province_id=staff.province_id)
        self.fields["commune"].queryset = units
        self.fields["commune"].empty_label = "— cả tỉnh —"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        province = data.get("province")
        if self.staff.province_id is not None:
            province = Province.objects.get(pk=self.staff.province_id)
        try:
            data["place"] = making.place_of(Role(data["role"]), province, data.get("commune"))
        except making.AccountError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data


class NewUserForm(PlaceForm):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150, required=False)
    email = forms.EmailField(label="Thư điện tử")
    field_order = ["username", "full_name", "email", "role", "province", "commune"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f"Đã có tài khoản tên '{username}'.")
        return username


class EditUserForm(PlaceForm):
    full_name = forms.CharField(label="Họ và tên", max_length=150, required=False)
    email = forms.EmailField(label="Thư điện tử")
    is_active = forms.BooleanField(
        label="Đang dùng",
        required=False,
        help_text="Bỏ chọn để khóa tài khoản: không đăng nhập được nữa, lịch sử vẫn giữ.",
    )
    field_order = ["full_name", "email", "role", "province", "commune", "is_active"]

    def __init__(self, *args, account, me, **kwargs):
        super().__init__(*args, **kwargs)
        self.account, self.me = account, me

    def clean(self):
        data = super().clean()
        if self.errors or self.account != self.me:
            return data
        # An administrator cannot lock themselves out of the users page.
        if not data.get("is_active") or data["role"] != Role.ADMIN.value:
            raise forms.ValidationError(
                "Không thể tự khóa hay tự bỏ vai trò quản trị của chính mình: "
                "nhờ một quản trị khác."
            )
        return data
