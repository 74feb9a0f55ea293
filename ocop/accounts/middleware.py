"""Two rules every back-office request keeps, whatever page it asks for: an account with a
one-time password changes it before anything else, and an administrator who enrolled a second
factor has given its code in this session (a session that skipped it, e.g. signed in before the
enrolment on another machine, is signed out)."""

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from ocop.accounts.models import StaffProfile

# Only the back office: the public pages never pay for these queries.
GUARDED = ("/lam-viec/", "/admin/", "/bao-cao/")


class AccountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.path.startswith(GUARDED):
            answer = self.check(request, user)
            if answer is not None:
                return answer
        return self.get_response(request)

    def check(self, request, user):
        from ocop.accounts.sign_in_views import confirmed_device

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
