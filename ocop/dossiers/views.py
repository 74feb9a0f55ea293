"""The dossier pages of the back office (/lam-viec/ho-so/): the list with its filters, a new
dossier, a dossier with its timeline, files and the forms of the steps the user may take, and a
product's dossier history. Every role that sees the province reads; the writes and their
rights are ocop.dossiers.flow."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from ocop.accounts.access import require
from ocop.domain.dossier_flow import STEP_LABELS, TRANSITIONS, State, next_states
from ocop.domain.issuers import presumed_issuer
from ocop.domain.roles import Action
from ocop.domain.scoring import PART_MAXIMA
from ocop.dossiers import flow
from ocop.dossiers.files import FileRefused, checked_upload
from ocop.dossiers.forms import STEP_FORMS, FileForm, FilterForm, NewDossierForm
from ocop.dossiers.models import Dossier, DossierFile
from ocop.registry.models import Producer, Product, Unit

PAGE_SIZE = 50


def _dossiers(staff):
    rows = Dossier.objects.select_related(
        "product__unit", "product__producer", "renews", "decision"
    )
    return staff.scope(rows, "product__unit")


def _units(staff):
    units = Unit.objects.all()
    return units if staff.province_id is None else units.filter(province_id=staff.province_id)


def _editable_units(staff):
    """Where the user may open dossiers: the province, or their own commune."""
    if staff.can(Action.EDIT_LOCAL):
        return _units(staff)
    return Unit.objects.filter(pk=staff.commune_id)


def _dossier(request, pk) -> Dossier:
    dossier = _dossiers(request.staff).filter(pk=pk).first()
    if dossier is None:
        raise Http404("Không có hồ sơ này trong tỉnh.")
    return dossier


@require(Action.VIEW)
@require_safe
def dossier_list(request):
    staff = request.staff
    form = FilterForm(request.GET or None, units=_units(staff))
    # An aggregate drops the model's ordering (Django leaves Meta.ordering out of GROUP BY
    # queries): the pages would come in no fixed order.
    rows = _dossiers(staff).annotate(last_step=Max("steps__at")).order_by("-registered_on", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["state"] == "open":
            rows = rows.exclude(state__in=[State.DECIDED, State.NOT_PASSED])
        elif data["state"]:
            rows = rows.filter(state=data["state"])
        if data["commune"]:
            rows = rows.filter(product__unit=data["commune"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["year"]:
            rows = rows.filter(registered_on__year=data["year"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "dossiers/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": staff.can_somewhere(Action.EDIT_LOCAL),
        },
    )


@require(Action.EDIT_LOCAL)
def dossier_new(request):
    staff = request.staff
    units = _editable_units(staff)
    products = Product.objects.filter(unit__in=units).select_related("producer")
    producers = Producer.objects.filter(unit__in=units)
    initial = {}
    if request.method == "GET" and request.GET.get("san_pham", "").isdigit():
        chosen = products.filter(pk=request.GET["san_pham"]).first()
        if chosen is not None:
            initial = {
                "product": chosen,
                "kind": "renewal" if chosen.decisions.exists() else "first",
            }
    form = NewDossierForm(
        request.POST or None,
        initial=initial,
        products=products,
        producers=producers,
        units=units,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                product = data["product"] or _new_product(data)
                dossier = flow.register(
                    user=request.user,
                    staff=staff,
                    kind=data["kind"],
                    product=product,
                    renews=data["renews"],
                    registered_on=data["registered_on"],
                    note=data["note"],
                )
        except flow.StepRefused as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(request, f"Đã đăng ký hồ sơ số {dossier.pk}.")
            return redirect(dossier)
    return render(request, "dossiers/new.html", {"form": form})


def _new_product(data) -> Product:
    producer = data["producer"]
    if producer is None:
        producer = Producer.objects.create(
            name=data["producer_name"],
            kind=data["producer_kind"],
            tax_code=data["tax_code"] or None,
            phone=data["phone"],
            email=data["email"],
            unit=data["commune"],
            name_set_by_officer=True,
        )
    return Product.objects.create(
        name=data["product_name"],
        producer=producer,
        product_set=data["product_set"],
        unit=data["commune"],
        name_set_by_officer=True,
    )


def _step_forms(staff, dossier, bound=None):
    """The forms of the next steps this user may take, one bound when it was just sent."""
    forms = []
    for to in next_states(dossier.state):
        if not staff.can(TRANSITIONS[(dossier.state_enum, to)], dossier.product.unit):
            continue
        if to is State.DECIDED and dossier.stars is None:
            continue
        if bound is not None and bound[0] is to:
            form = bound[1]
        else:
            form = STEP_FORMS[to](prefix=to.value, initial=_initial(dossier, to))
        forms.append({"state": to, "label": STEP_LABELS[to], "form": form})
    return forms


def _initial(dossier, to):
    if to is State.DECIDED and dossier.stars:
        today = timezone.localdate()
        province = dossier.product.unit.province.name
        return {
            "decided_on": today,
            "issuer": presumed_issuer(dossier.stars, today, None, province),
        }
    return {}


def _detail(request, dossier, bound=None, status=200):
    staff = request.staff
    unit = dossier.product.unit
    return render(
        request,
        "dossiers/detail.html",
        {
            "dossier": dossier,
            "steps": dossier.steps.all(),
            "files": dossier.files.all(),
            "step_forms": _step_forms(staff, dossier, bound) if dossier.is_open else [],
            "can_attach": staff.can(Action.EDIT_LOCAL, unit) or staff.can(Action.DECIDE, unit),
            "file_form": bound[1] if bound and bound[0] == "file" else FileForm(),
            "maxima": PART_MAXIMA,
        },
        status=status,
    )


@require(Action.VIEW)
@require_safe
def dossier_detail(request, pk):
    return _detail(request, _dossier(request, pk))


@require(Action.VIEW)
@require_POST
def dossier_step(request, pk, to):
    dossier = _dossier(request, pk)
    try:
        target = State(to)
        form_class = STEP_FORMS[target]
    except (ValueError, KeyError):
        raise Http404("Không có bước này.") from None
    form = form_class(request.POST, prefix=target.value)
    if form.is_valid():
        data = form.cleaned_data
        try:
            flow.take_step(
                dossier.pk,
                target,
                user=request.user,
                staff=request.staff,
                expected_from=request.POST.get("from_state"),
                note=data.get("note", ""),
                scores=_scores(data) if target is State.SCORED else None,
                decision=_decision(data) if target is State.DECIDED else None,
            )
        except flow.StepRefused as exc:
            if exc.field and exc.field in form.fields:
                form.add_error(exc.field, str(exc))
            else:
                messages.error(request, str(exc))
                return redirect(dossier)
        else:
            messages.success(request, f"Đã ghi bước “{STEP_LABELS[target]}”.")
            return redirect(dossier)
    return _detail(request, dossier, bound=(target, form), status=400)


def _scores(data) -> flow.Scores:
    return flow.Scores(
        data["score_a"], data["score_b"], data["score_c"], tuple(data["missing_mandatory"])
    )


def _decision(data) -> flow.DecisionFacts:
    return flow.DecisionFacts(data["number"], data["decided_on"], data["issuer"])


@require(Action.VIEW)
@require_POST
def file_upload(request, pk):
    dossier = _dossier(request, pk)
    unit = dossier.product.unit
    staff = request.staff
    if not (staff.can(Action.EDIT_LOCAL, unit) or staff.can(Action.DECIDE, unit)):
        messages.error(request, "Bạn không có quyền đính kèm tệp vào hồ sơ của xã/phường này.")
        return redirect(dossier)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = checked_upload(upload)
        except FileRefused as exc:
            form.add_error("file", str(exc))
        else:
            stored = DossierFile(
                dossier=dossier,
                name=upload.name[:255],
                description=form.cleaned_data["description"],
                file_type=checked.file_type,
                size=checked.content.size,
                uploaded_by=request.user,
                uploaded_by_name=flow.actor_name(request.user),
            )
            stored.file.save(f"tep.{checked.extension}", checked.content, save=False)
            try:
                stored.save()
            except Exception:
                stored.file.delete(save=False)
                raise
            messages.success(request, f"Đã đính kèm “{stored.name}”.")
            return redirect(dossier)
    return _detail(request, dossier, bound=("file", form), status=400)


@require(Action.VIEW)
@require_safe
def file_download(request, pk):
    """A dossier's file, to staff of its province only: the web server refuses /media/ho-so/
    (docs/deployment.md), and no cache keeps it."""
    stored = get_object_or_404(
        request.staff.scope(DossierFile.objects.all(), "dossier__product__unit"), pk=pk
    )
    try:
        opened = stored.file.open("rb")
    except (ValueError, FileNotFoundError):
        raise Http404 from None
    response = FileResponse(
        opened,
        content_type=stored.content_type,
        as_attachment=stored.file_type == "pdf",
        filename=stored.name,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require(Action.VIEW)
@require_safe
def product_history(request, pk):
    staff = request.staff
    product = get_object_or_404(
        staff.scope(Product.objects.select_related("producer", "unit"), "unit"), pk=pk
    )
    return render(
        request,
        "dossiers/product.html",
        {
            "product": product,
            "decisions": product.decisions.order_by("-decided_on", "-pk"),
            "dossiers": product.dossiers.select_related("renews", "decision").annotate(
                last_step=Max("steps__at")
            ),
            "can_create": staff.can(Action.EDIT_LOCAL, product.unit),
            "new_url": reverse("dossiers:new") + f"?san_pham={product.pk}",
        },
    )
