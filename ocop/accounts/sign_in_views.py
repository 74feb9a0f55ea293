"""Signing in and out, changing and setting a password, and the administrators' second factor
(TOTP, django-otp). Every sign-in goes through `login` (the admin's login page is the same
view), so the throttle of django-axes counts every wrong password and every wrong code."""

import time

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, user_login_failed
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ocop.accounts.access import require, staff_of
from ocop.accounts.models import StaffProfile
from ocop.domain.roles import Action

PENDING = "ocop_second_factor"
# Minutes between the password and the code: time to open the phone's app, not more.
PENDING_SECONDS = 5 * 60
DEVICE_NAME = "Ứng dụng xác thực"


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khóa.",
        "no_role": "Tài khoản này chưa được giao vai trò: liên hệ quản trị của Sở.",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        user._ocop_staff = False  # forget any cached answer
        if staff_of(user) is None:
            raise forms.ValidationError(self.error_messages["no_role"], code="no_role")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực (6 chữ số)",
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError("Mã xác thực gồm 6 chữ số.")
        return code


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _default_next(request) -> str:
    # /admin/login/ without ?next= leads to the admin's index, as Django's own page does.
    if request.path.startswith(reverse("admin:index")):
        return reverse("admin:index")
    return reverse("workspace:home")


@sensitive_post_parameters()
@csrf_protect
@never_cache
def login(request, extra_context=None):
    """The one sign-in page, at /lam-viec/dang-nhap/ and /admin/login/. An administrator who
    enrolled a TOTP device gives the password here and the code on the next page."""
    next_url = _next_url(request, _default_next(request))
    if request.method == "POST":
        form = SignInForm(request, data=request.POST)
        if form.is_valid():
            user = form.get_user()
            if confirmed_device(user) is not None:
                request.session[PENDING] = {
                    "user": user.pk,
                    "backend": user.backend,
                    "next": next_url,
                    "at": time.time(),
                }
                return redirect("accounts:login_code")
            auth_login(request, user)
            return redirect(next_url)
    else:
        form = SignInForm(request)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@sensitive_post_parameters()
@csrf_protect
@never_cache
def login_code(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.info(request, "Hết thời gian nhập mã: đăng nhập lại.")
        return redirect("accounts:login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    device = confirmed_device(user) if user else None
    if device is None:
        request.session.pop(PENDING, None)
        return redirect("accounts:login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            del request.session[PENDING]
            user.backend = pending["backend"]
            auth_login(request, user)
            otp_login(request, device)
            return redirect(pending["next"])
        # A wrong code counts as a wrong password for the throttle.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if not AxesProxyHandler.is_allowed(request, credentials):
            return get_lockout_response(request, None, credentials)
        form.add_error("code", "Mã xác thực không đúng hoặc đã hết hạn.")
    return render(request, "accounts/login_code.html", {"form": form})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Also the page an account with a one-time password is sent to until it is changed."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("workspace:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        StaffProfile.objects.filter(user=self.request.user).update(must_change_password=False)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = StaffProfile.objects.filter(user=self.request.user).first()
        context["forced"] = bool(profile and profile.must_change_password)
        return context


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The one-time link printed by `ocop createuser` or the users page."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        StaffProfile.objects.filter(user=form.user).update(must_change_password=False)
        messages.success(self.request, "Đã đặt mật khẩu: đăng nhập bằng mật khẩu mới.")
        return response


def qr_svg(uri: str) -> str:
    return segno.make(uri, error="m").svg_inline(
        scale=5, border=2, title="Mã QR để thêm tài khoản vào ứng dụng xác thực"
    )


@require(Action.USERS)
@sensitive_post_parameters()
@never_cache
def second_factor(request):
    """An administrator enrols an authenticator app (scan the QR, type one code), or turns it
    off with a current code."""
    user = request.user
    device = confirmed_device(user)
    form = CodeForm(request.POST or None)
    if device is not None:
        if request.method == "POST" and form.is_valid():
            if device.verify_token(form.cleaned_data["code"]):
                TOTPDevice.objects.filter(user=user).delete()
                messages.success(request, "Đã tắt xác thực hai bước.")
                return redirect("accounts:second_factor")
            form.add_error("code", "Mã xác thực không đúng hoặc đã hết hạn.")
        return render(request, "accounts/second_factor.html", {"enrolled": True, "form": form})
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if pending is None:
        pending = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    if request.method == "POST" and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"]):
            pending.confirmed = True
            pending.save(update_fields=["confirmed"])
            otp_login(request, pending)
            messages.success(
                request, "Đã bật xác thực hai bước: từ nay đăng nhập cần thêm mã từ ứng dụng."
            )
            return redirect("accounts:second_factor")
        form.add_error("code", "Mã xác thực không đúng hoặc đã hết hạn: thử mã mới nhất.")
    secret = _base32(pending.bin_key)
    context = {
        "enrolled": False,
        "form": form,
        "qr": qr_svg(pending.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/second_factor.html", context)


def _base32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode().rstrip("=")


def admin_password_change(request, extra_context=None):
    return redirect("accounts:password_change")
