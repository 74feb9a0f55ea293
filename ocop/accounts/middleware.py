"""The rules every back-office request keeps, whatever page it asks for: a session past its
longest life is signed out, and each request starts its idle time again (session_limits); an
account with a one-time password changes it before anything else; an administrator who
enrolled a second factor has given its code in this session (a session that skipped it, e.g.
signed in before the enrolment on another machine, is signed out). No back-office answer is
kept by a browser or a proxy (Cache-Control: no-store): a shared computer's back button or
disk cache would show the next person an officer's pages."""

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from ocop.accounts.models import StaffProfile
from ocop.accounts.session_limits import kept_alive, outlived

# Only the back office: the public pages never pay for these queries.
GUARDED = ("/lam-viec/", "/admin/", "/bao-cao/")


class AccountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(GUARDED):
            return self.get_response(request)
        user = getattr(request, "user", None)
        response = None
        if user is not None and user.is_authenticated:
            response = self.check(request, user)
        if response is None:
            response = self.get_response(request)
        patch_cache_control(response, no_store=True)
        return response

    def check(self, request, user):
        from ocop.accounts.sign_in_views import confirmed_device

        if outlived(request.session):
            logout(request)
            return redirect_to_login(request.get_full_path())
        kept_alive(request.session)

        free = {
            reverse("accounts:logout"),
            reverse("admin:logout"),
            reverse("accounts:password_change"),
        }
        if request.path in free:
            return None
        verified = getattr(user, "is_verified", None)
        if verified is not None and not verified() and confirmed_device(user) is not None:
            logout(request)
            return redirect_to_login(request.get_full_path())
        if StaffProfile.objects.filter(user=user, must_change_password=True).exists():
            return redirect("accounts:password_change")
        return None
