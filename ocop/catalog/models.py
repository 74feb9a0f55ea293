"""What the public side stores: how often each code is checked, per day, for the back office.
No personal data: no address, no browser, only a count."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.catalog import photos
from ocop.registry.models import Decision, Producer, Product
from ocop.shared.counters import count_one


class ScanCount(models.Model):
    decision = models.ForeignKey(
        Decision,
        verbose_name="quyết định công nhận",
        on_delete=models.CASCADE,
        related_name="scan_counts",
    )
    day = models.DateField("ngày")
    count = models.PositiveIntegerField("số lượt kiểm tra", default=0)

    class Meta:
        ordering = ["-day", "decision"]
        verbose_name = "lượt kiểm tra mã"
        verbose_name_plural = "lượt kiểm tra mã"
        constraints = [
            models.UniqueConstraint(fields=["decision", "day"], name="scan_count_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.decision.public_code}: {self.count}"

    @classmethod
    def record(cls, decision: Decision, day) -> None:
        """One more check of `decision` on `day`, counted in the database (F(), not a read
        then a write, so two phones scanning at once both count)."""
        count_one(cls, decision=decision, day=day)


def photo_path(photo: "ProductPhoto", filename: str) -> str:
    # Our own name, never the uploader's: it can hold a person's name or odd characters.
    return f"san-pham/{photo.product_id}/{uuid.uuid4().hex[:12]}.{filename.rsplit('.', 1)[-1]}"


class ProductPhoto(models.Model):
    """A photo of a product, stored cleaned (ocop.catalog.photos) with narrower copies."""

    product = models.ForeignKey(
        Product, verbose_name="sản phẩm", on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField("ảnh", upload_to=photo_path)
    alt = models.CharField(
        "mô tả ảnh",
        max_length=200,
        help_text="Cho người không xem được ảnh, ví dụ “Hộp chè 100 g, nhãn xanh”.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    # The widths of the narrower copies made beside the file, e.g. "320,640".
    copies = models.CharField(max_length=50, default="", editable=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "ảnh sản phẩm"
        verbose_name_plural = "ảnh sản phẩm"

    def __str__(self) -> str:
        return self.alt

    def save(self, *args, **kwargs):
        fresh = bool(self.image) and not self.image._committed
        if fresh:
            photos.forget_replaced(self)
        super().save(*args, **kwargs)
        if fresh:
            photos.make_copies(self)

    @property
    def srcset(self) -> str:
        return photos.srcset(self)

    @property
    def small_url(self) -> str:
        return photos.smallest_url(self)


class PointOfSale(models.Model):
    """Where to buy a product, or every product of a producer."""

    class Kind(models.TextChoices):
        # Translated: the public pages name the kind in English under /en/.
        SHOP = "shop", _("Cửa hàng")
        MARKET = "market", _("Chợ, hội chợ")
        ONLINE = "online", _("Bán trực tuyến")

    product = models.ForeignKey(
        Product,
        verbose_name="sản phẩm",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="points_of_sale",
    )
    producer = models.ForeignKey(
        Producer,
        verbose_name="chủ thể",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="points_of_sale",
    )
    kind = models.CharField("loại", max_length=10, choices=Kind, default=Kind.SHOP)
    name = models.CharField("tên", max_length=200)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    url = models.URLField("địa chỉ trang web", blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "nơi bán"
        verbose_name_plural = "nơi bán"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(product__isnull=True) ^ models.Q(producer__isnull=True),
                name="point_of_sale_of_product_or_producer",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.ONLINE and not self.url:
            raise ValidationError({"url": "Nơi bán trực tuyến cần địa chỉ trang web."})
        if self.kind != self.Kind.ONLINE and not self.address:
            raise ValidationError({"address": "Cửa hàng, chợ cần địa chỉ để người mua tìm đến."})


def misuse_photo_path(report: "MisuseReport", filename: str) -> str:
    # Our own random name: the reporter's file name may carry their name.
    return f"phan-anh/{uuid.uuid4().hex[:16]}.{filename.rsplit('.', 1)[-1]}"


class MisuseReportQuerySet(models.QuerySet):
    def seen_by(self, staff):
        """Reports a province's staff see. A report names a product by the code printed on it:
        one whose code is another province's decision belongs to that province's staff; one
        without a known code could be anyone's, so every province sees it."""
        if staff.province_id is None:
            return self
        codes = Decision.objects.exclude(product__unit__province_id=staff.province_id)
        return self.exclude(code__in=codes.values("public_code"))


class MisuseReport(models.Model):
    """A visitor's report of a product showing the OCOP mark without valid recognition, for the
    back office to look into (/phan-anh/)."""

    class Status(models.TextChoices):
        NEW = "new", "Mới"
        SEEN = "seen", "Đã xem"

    received_at = models.DateTimeField("thời điểm nhận", auto_now_add=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status, default=Status.NEW)
    product = models.CharField("sản phẩm được phản ánh", max_length=200, blank=True)
    code = models.CharField("mã in trên sản phẩm", max_length=20, blank=True)
    place = models.CharField("nơi thấy sản phẩm", max_length=300)
    description = models.TextField("nội dung phản ánh", max_length=3000)
    photo = models.FileField("ảnh chụp", upload_to=misuse_photo_path)
    contact = models.CharField("liên hệ của người phản ánh", max_length=200, blank=True)

    objects = MisuseReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "phản ánh sử dụng sai nhãn OCOP"
        verbose_name_plural = "phản ánh sử dụng sai nhãn OCOP"

    def __str__(self) -> str:
        return f"{self.reference}: {self.place}"

    @property
    def reference(self) -> str:
        """The number given to the reporter on the thank-you page, to quote when they call."""
        return f"PA-{self.received_at:%Y}-{self.pk:05d}"
