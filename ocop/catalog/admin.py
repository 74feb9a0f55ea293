"""The catalog in the admin: the scan counts, the misuse reports (admin_misuse.py), and the
inlines of a product's and a producer's pages (photos, points of sale), which the workspace
puts on the registry's screens (ocop/workspace/admin.py)."""

from django import forms
from django.contrib import admin
from django.db import models

from ocop.accounts.admin_scope import Scope, ScopedAdmin, ScopedInline
from ocop.catalog import photos
from ocop.catalog.models import PointOfSale, ProductPhoto, ScanCount
from ocop.domain.roles import Action
from ocop.shared.images import ImageRefused


@admin.register(ScanCount)
class ScanCountAdmin(ScopedAdmin):
    """Read-only: the counts are the site's, never typed."""

    scope = Scope(commune="decision__product__unit")
    edit = None
    list_display = ["day", "code", "product", "count"]
    list_filter = ["day"]
    date_hierarchy = "day"
    search_fields = ["decision__public_code", "decision__product__search_key"]
    list_select_related = ["decision__product"]

    @admin.display(description="mã công khai", ordering="decision__public_code")
    def code(self, obj) -> str:
        return obj.decision.public_code

    @admin.display(description="sản phẩm")
    def product(self, obj):
        return obj.decision.product


class PhotoForm(forms.ModelForm):
    """Every uploaded photo is cleaned (ocop.catalog.photos) before it is stored."""

    class Meta:
        model = ProductPhoto
        fields = ["image", "alt", "order"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image is None or "image" not in self.changed_data:
            return image
        try:
            return photos.cleaned_upload(image)
        except ImageRefused as refused:
            raise forms.ValidationError(f"{image.name}: {refused}") from refused


class ProductPhotoInline(ScopedInline, admin.TabularInline):
    """On the product's page in the back office: changed by those who edit the product."""

    edit = Action.EDIT_LOCAL
    model = ProductPhoto
    form = PhotoForm
    extra = 0


class PointOfSaleInline(ScopedInline, admin.TabularInline):
    edit = Action.EDIT_LOCAL
    model = PointOfSale
    fields = ["kind", "name", "address", "url", "phone", "order"]
    # An address typed without its scheme ("postmart.vn/...") is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0


class ProductPointOfSaleInline(PointOfSaleInline):
    fk_name = "product"
    verbose_name = "nơi bán sản phẩm này"
    verbose_name_plural = "nơi bán sản phẩm này"


class ProducerPointOfSaleInline(PointOfSaleInline):
    fk_name = "producer"
    verbose_name = "nơi bán mọi sản phẩm của chủ thể"
    verbose_name_plural = "nơi bán mọi sản phẩm của chủ thể"


# The misuse reports keep their admin in a module of their own.
from ocop.catalog import admin_misuse  # noqa: E402, F401
