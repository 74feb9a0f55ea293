"""The users page (/lam-viec/nguoi-dung/): an administrator's accounts of their province, with
role, commune, last sign-in and state; new accounts, role changes, locking, a new one-time
password and turning off a lost second factor. A one-time password is shown once, on the page
that made it, and never stored in clear."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django_otp.plugins.otp_totp.models import TOTPDevice

from ocop.accounts import making
from ocop.accounts.access import require
from ocop.accounts.users_forms import EditUserForm, NewUserForm
from ocop.domain.roles import ROLE_LABELS, Action, Role


def _accounts(staff):
    users = get_user_model().objects.select_related(
        "staff_profile__province", "staff_profile__commune"
    )
    if staff.province_id is not None:
        return users.filter(staff_profile__province_id=staff.province_id)
    return users


def _account(request, pk):
    user = _accounts(request.staff).filter(pk=pk).first()
    if user is None:
        raise Http404("Không có tài khoản này trong tỉnh.")
    return user


@require(Action.USERS)
def user_list(request):
    users = _accounts(request.staff).order_by("-is_active", "username")
    enrolled = set(
        TOTPDevice.objects.filter(confirmed=True, user__in=users).values_list("user_id", flat=True)
    )
    rows = []
    for user in users:
        profile = getattr(user, "staff_profile", None)
        rows.append(
            {
                "user": user,
                "role": ROLE_LABELS[Role(profile.role)] if profile else "Quản trị (mọi tỉnh)",
                "province": profile.province if profile else "",
                "commune": profile.commune if profile and profile.commune else "",
                "second_factor": user.pk in enrolled,
                "must_change": bool(profile and profile.must_change_password),
            }
        )
    return render(request, "accounts/users.html", {"rows": rows})


def _given(request, user, password: str):
    """The page that shows a one-time password and link once."""
    return render(
        request,
        "accounts/user_password.html",
        {
            "account": user,
            "password": password,
            "link": request.build_absolute_uri(making.set_password_path(user)),
            "days": making.link_days(),
        },
    )


@require(Action.USERS)
def user_create(request):
    form = NewUserForm(request.POST or None, staff=request.staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = making.create_account(
                data["username"], data["place"], data["email"], full_name=data["full_name"]
            )
        except making.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            return _given(request, user, password)
    return render(request, "accounts/user_form.html", {"form": form, "account": None})


@require(Action.USERS)
def user_edit(request, pk):
    user = _account(request, pk)
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        # A superuser made by createsuperuser: managed from the command line.
        raise Http404("Tài khoản này không có vai trò để sửa ở đây.")
    action = request.POST.get("action", "save")
    if request.method == "POST" and action == "password":
        return _given(request, user, making.new_one_time_password(user))
    if request.method == "POST" and action == "second_factor":
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, f"Đã tắt xác thực hai bước của {user.username}.")
        return redirect("accounts:user_edit", pk=user.pk)
    initial = {
        "full_name": user.get_full_name(),
        "email": user.email,
        "role": profile.role,
        "province": profile.province,
        "commune": profile.commune,
        "is_active": user.is_active,
    }
    form = EditUserForm(
        request.POST or None, initial=initial, staff=request.staff, account=user, me=request.user
    )
    if request.method == "POST" and form.is_valid():
        data, place = form.cleaned_data, form.cleaned_data["place"]
        with transaction.atomic():
            user.first_name, user.last_name = data["full_name"].strip(), ""
            user.email, user.is_active = data["email"], data["is_active"]
            user.save()
            profile.role = place.role.value
            profile.province, profile.commune = place.province, place.commune
            profile.save()
        messages.success(request, f"Đã lưu tài khoản {user.username}.")
        return redirect("accounts:users")
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "account": user, "has_device": has_device},
    )
