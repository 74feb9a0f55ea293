"""The shapes of the API's answers, as the OpenAPI document describes them. A product row has
the columns of the data dictionary (ocop.opendata.records.COLUMNS), so the API, the CSV and the
JSON download speak of a product in the same words."""

import dataclasses
import datetime
import types
from datetime import date
from typing import Literal, get_args, get_type_hints

from ninja import Field, Schema
from pydantic import create_model

from ocop.registry.summary import Figures

StatusValue = Literal["valid", "expired", "revoked"]
ProducerTypeValue = Literal["cooperative", "company", "household", "cooperative_group", "other"]


class ErrorDetail(Schema):
    code: str
    message_vi: str
    message_en: str


class ErrorOut(Schema):
    error: ErrorDetail


def _schema_of_figures() -> type[Schema]:
    """The answer of /summary, generated from the one figures type (registry.summary.Figures)
    rather than written beside it: a figure added there is in the API and its OpenAPI document
    at once. A field that may be None is left out of the answer (exclude_none) and so is
    optional here, except the revoked products, which the API always counts (only the
    appendix lists cannot)."""
    hints = get_type_hints(Figures)
    fields = {}
    for field in dataclasses.fields(Figures):
        optional = field.default is None and field.name not in _ALWAYS_COUNTED
        kind = hints[field.name] if optional else _not_none(hints[field.name])
        fields[field.name] = (kind, None) if optional else (kind, ...)
    return create_model(
        "SummaryOut",
        __base__=Schema,
        __doc__="The keys and values of `ocop summary --as-of … --json`.",
        **fields,
    )


_ALWAYS_COUNTED = frozenset({"revoked_products"})


def _not_none(kind):
    """`int | None` -> `int`; any other type as it is."""
    if not isinstance(kind, types.UnionType):
        return kind
    (kept,) = (member for member in get_args(kind) if member is not type(None))
    return kept


SummaryOut = _schema_of_figures()


class ProductOut(Schema):
    """A product on a day: one row of the registry (records.Record)."""

    public_code: str
    product_id: int
    product_name: str
    producer_id: int
    producer_name: str
    producer_type: ProducerTypeValue
    producer_type_label: str
    commune_code: str
    commune_name: str
    product_set_key: str
    product_group: str
    stars: int | None
    status: StatusValue
    status_label: str
    decision_number: str
    decided_on: date
    issuer: str
    last_valid_day: date
    revoked_on: date | None
    product_url: str
    verify_url: str


class Page(Schema):
    count: int = Field(description="số kết quả / number of results, all pages")
    page: int
    page_size: int
    pages: int


class ProductPage(Page):
    as_of: date
    results: list[ProductOut]


class DecisionOut(Schema):
    public_code: str
    number: str
    decided_on: date
    stars: int
    issuer: str
    last_valid_day: date
    revoked_on: date | None
    verify_url: str


class ProductDetail(ProductOut):
    as_of: date
    decisions: list[DecisionOut]


class ProducerOut(Schema):
    id: int
    name: str
    type: ProducerTypeValue
    type_label: str
    commune_code: str
    commune_name: str
    products: int = Field(description="sản phẩm đã được công nhận / products recognised")
    valid_products: int
    url: str


class ProducerPage(Page):
    as_of: date
    results: list[ProducerOut]


class ProducerDetail(ProducerOut):
    as_of: date
    product_list: list[ProductOut]


class CommuneOut(Schema):
    code: str
    name: str
    province_code: str
    province_name: str
    products: int = Field(description="sản phẩm đã được công nhận / products recognised")
    valid_products: int
    url: str


class CommunePage(Page):
    as_of: date
    results: list[CommuneOut]


class CommuneDetail(CommuneOut):
    as_of: date
    product_list: list[ProductOut]


class VerifyOut(Schema):
    """The verdict of today for a printed code, in the words of /xac-minh/."""

    code: str
    checked_on: date
    status: StatusValue | Literal["not_recognised"]
    verdict_vi: str
    verdict_en: str
    ground_vi: str
    ground_en: str
    stars: int | None = Field(description="hạng sao đang có hiệu lực / stars in force")
    valid_until: date | None
    superseded: bool = Field(description="một quyết định khác của sản phẩm đang có hiệu lực")
    code_in_force: str | None
    decision: DecisionOut
    product_id: int
    product_name: str
    producer_name: str
    commune_name: str
    product_url: str
    verify_url: str


class ChangeOut(ProductOut):
    date: datetime.date
    kind: Literal["recognised", "renewed", "expired", "revoked"]
    kind_label: str


class ChangePage(Page):
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    results: list[ChangeOut]
