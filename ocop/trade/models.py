"""Buyers' inquiries about a product and the trade fairs where products are shown: the
supply–demand connection the yearly letter asks for. Points of sale are the catalog's
(ocop.catalog.models.PointOfSale)."""

from django.conf import settings
from django.db import models

from ocop.domain.inquiries import LABELS, InquiryState, reference
from ocop.registry.models import Product, Province, Unit

STATE_CHOICES = [(state.value, LABELS[state]) for state in InquiryState]


class Inquiry(models.Model):
    """A buyer's request for a product, sent from its public page (/hoi-mua/<id>/)."""

    product = models.ForeignKey(
        Product, verbose_name="sản phẩm", on_delete=models.CASCADE, related_name="inquiries"
    )
    received_at = models.DateTimeField("thời điểm nhận", auto_now_add=True, db_index=True)
    state = models.CharField(
        "trạng thái", max_length=10, choices=STATE_CHOICES, default=InquiryState.NEW.value
    )
    quantity = models.DecimalField("số lượng", max_digits=12, decimal_places=2)
    quantity_unit = models.CharField("đơn vị tính", max_length=30)
    place = models.CharField("nơi nhận hàng", max_length=300)
    name = models.CharField("người hỏi mua", max_length=200)
    organisation = models.CharField("đơn vị, cửa hàng", max_length=200, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    message = models.TextField("lời nhắn", max_length=3000, blank=True)
    language = models.CharField("ngôn ngữ", max_length=2, default="vi")

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "nhu cầu mua"
        verbose_name_plural = "nhu cầu mua"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""),
                name="inquiry_has_a_way_to_answer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.product}"

    @property
    def reference(self) -> str:
        return reference(self.received_at.year, self.pk)

    @property
    def state_label(self) -> str:
        return InquiryState(self.state).label

    @property
    def quantity_text(self) -> str:
        amount = f"{self.quantity.normalize():f}".replace(".", ",")
        return f"{amount} {self.quantity_unit}"


class InquiryStep(models.Model):
    """One change of an inquiry's state: who (an account, or the system), when, and why."""

    inquiry = models.ForeignKey(
        Inquiry, verbose_name="nhu cầu mua", on_delete=models.CASCADE, related_name="steps"
    )
    state = models.CharField("trạng thái", max_length=10, choices=STATE_CHOICES)
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name as it was, kept when the account is renamed or deleted; the system's own
    # steps (the inquiry received, the e-mail to the producer) name no account.
    by_name = models.CharField("người thực hiện (tên)", max_length=200)
    note = models.TextField("ghi chú", max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "bước xử lý nhu cầu mua"
        verbose_name_plural = "bước xử lý nhu cầu mua"

    def __str__(self) -> str:
        return f"{self.inquiry.reference}: {self.get_state_display()}"


class TradeFair(models.Model):
    """A trade fair, exhibition or promotion week where products are shown, entered by the
    department (anywhere) or by a commune officer (their commune's, with its products)."""

    name = models.CharField("tên hội chợ, triển lãm", max_length=300)
    place = models.CharField("địa điểm", max_length=300)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến hết ngày")
    url = models.URLField("trang thông tin", blank=True)
    province = models.ForeignKey(
        Province, verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    # The commune or ward whose officer entered the fair and keeps it; empty: the department.
    unit = models.ForeignKey(
        Unit,
        verbose_name="xã/phường phụ trách",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    products = models.ManyToManyField(
        Product, verbose_name="sản phẩm trưng bày", related_name="trade_fairs"
    )

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = "hội chợ, triển lãm"
        verbose_name_plural = "hội chợ, triển lãm"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="trade_fair_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.name
