"""The verification pages: /xac-minh/ (the check form), /xac-minh/<code>/ (the verdict), its QR
code (SVG, PNG) and its A4 sheet of labels, in Vietnamese and under /en/ in English (the
active language: ocop/urls.py)."""

import hashlib
import io

import segno
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.crypto import constant_time_compare
from django.utils.http import quote_etag
from django.views.decorators.http import etag, require_safe

from ocop.accounts.access import staff_of
from ocop.catalog.models import ScanCount
from ocop.catalog.printed_names import product_name
from ocop.catalog.search import LIMIT, search
from ocop.catalog.verification import find, said, verify
from ocop.domain.public_codes import normalize
from ocop.domain.verdict import verdict
from ocop.shared.counters import count_one
from ocop.shared.kept_pages import address_key
from ocop.shared.kept_values import kept
from ocop.shared.public_url import page_context, public_url

LABELS_PER_SHEET = 12


@require_safe
def check(request):
    """The form: a code goes to its page; anything else is a product name."""
    typed = request.GET.get("q", "").strip()[:200]
    code = normalize(typed) if typed else None
    if code and find(code):
        return redirect("verify", code=code)
    results, more = search(typed, timezone.localdate()) if typed and not code else ([], False)
    context = page_context(
        request,
        reverse("check"),
        q=typed,
        code=code,
        results=results,
        more=more,
        limit=LIMIT,
        not_found=verdict(None),
    )
    return render(request, "catalog/check.html", context)


def _decision_or_404(request, code: str, name: str):
    """The decision of a code as typed in the address; a code written another way ("h7kq3mxp")
    redirects to the printed form, so every code has one address."""
    printed = normalize(code)
    if printed and printed != code:
        return None, redirect(name, code=printed, permanent=True)
    decision = find(printed) if printed else None
    if decision is None:
        if name != "verify":
            raise Http404
        return None, _not_found(request, code)
    return decision, None


def _not_found(request, code: str):
    context = page_context(
        request, None, code=code, found=None, verdict=verdict(None), today=timezone.localdate()
    )
    return render(request, "catalog/verify.html", context, status=404)


def verify_page(request, code: str):
    """The verdict for a code. Every GET counts as one check of the code today (a scan, or a
    code typed in): the page is never served from a cache without asking, see below. The page
    itself is kept once rendered until the day or its product changes (ocop.shared.freshness):
    a scan then costs finding the code, the count and one read of the product's version."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    printed = normalize(code)
    if printed and printed != code:
        return redirect("verify", code=printed, permanent=True)
    today = timezone.localdate()
    decision = find(printed) if printed else None
    if decision is None:
        return _not_found(request, code)
    found = kept(
        "verdict",
        today,
        address_key(request),
        lambda: _verdict(request, decision, today),
        product=decision.product_id,
    )
    decision_pk, content, tag = found
    if request.method == "GET":
        count_one(ScanCount, decision_id=decision_pk, day=today)
    response = HttpResponse(content)
    response["ETag"] = tag
    # Revalidated on every visit (ETag): a cached verdict could outlive a revocation, and a
    # visit served from a cache would not be counted.
    patch_cache_control(response, public=True, no_cache=True)
    return get_conditional_response(request, etag=tag, response=response)


def _verdict(request, decision, today) -> tuple:
    """(the decision's id, the page, its ETag) for the decision of a printed code."""
    found = verify(decision, today)
    code = found.decision.public_code
    context = page_context(
        request,
        reverse("verify", args=[code]),
        code=code,
        found=found,
        verdict=found.verdict,
        today=found.day,
        og_title=f"{product_name(found.product)}: {said(found.verdict)}",
        qr_svg=reverse("qr_svg", args=[code]),
        qr_png=public_url(request, reverse("qr_png", args=[code])),
        labels_url=reverse("labels", args=[code]),
        product_url=found.product.get_public_url(),
        in_force_code_url=(
            reverse("verify", args=[found.in_force.public_code]) if found.superseded else None
        ),
    )
    response = render(request, "catalog/verify.html", context)
    tag = quote_etag(found.etag(translation.get_language(), settings.OCOP_PUBLIC_URL))
    return decision.pk, response.content, tag


def qr_target(request, code: str) -> str:
    """The verification page a QR code leads to, in the language of the page that shows it."""
    return public_url(request, reverse("verify", args=[code]))


def _qr_image(kind: str, content_type: str, **options):
    def view(request, code: str):
        decision, answer = _decision_or_404(request, code, f"qr_{kind}")
        if answer is not None:
            return answer
        target = qr_target(request, decision.public_code)
        tag = hashlib.sha256(f"{kind}{target}".encode()).hexdigest()[:32]
        return _image(request, kind, content_type, target, options, tag=tag)

    return require_safe(view)


@etag(lambda request, kind, content_type, target, options, tag: tag)
def _image(request, kind, content_type, target, options, tag):
    buffer = io.BytesIO()
    # Level M survives a scuffed or creased label; make_qr never picks a Micro QR, which
    # phone cameras do not read.
    segno.make_qr(target, error="m").save(buffer, kind=kind, border=4, **options)
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response


qr_svg = _qr_image("svg", "image/svg+xml", scale=8, xmldecl=False, svgns=True)
qr_png = _qr_image("png", "image/png", scale=10)


@require_safe
def labels(request, code: str):
    """An A4 sheet of labels for the product: QR, code, name, stars. Not counted as a check.
    Only for a code whose decision is in force today (the mark may be printed while, and only
    while, the recognition is valid), and only for the department's staff and the producer:
    staff signed in, or the producer through the link staff give them (?khoa=, signed)."""
    decision, answer = _decision_or_404(request, code, "labels")
    if answer is not None:
        return answer
    found = verify(decision, timezone.localdate())
    if not found.printable:
        raise Http404
    staff = staff_of(request.user)
    if staff is None and not label_key_fits(code, request.GET.get("khoa", "")):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    context = page_context(
        request,
        reverse("labels", args=[code]),
        code=code,
        found=found,
        sheet=range(LABELS_PER_SHEET),
        qr_svg=reverse("qr_svg", args=[code]),
        verify_url=reverse("verify", args=[code]),
        producer_url=(
            public_url(request, f"{reverse('labels', args=[code])}?khoa={label_key(code)}")
            if staff is not None
            else ""
        ),
    )
    response = render(request, "catalog/labels.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


def label_key(code: str) -> str:
    """The key of a code's label sheet that staff give its producer (a signature of the code:
    it opens that one sheet, and only while the code is in force)."""
    return signing.Signer(salt="ocop.labels").signature(code)


def label_key_fits(code: str, key: str) -> bool:
    return bool(key) and constant_time_compare(key, label_key(code))
