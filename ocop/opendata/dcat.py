"""Machine-readable metadata of the open data, DCAT (W3C Data Catalog Vocabulary, version 3)
as JSON-LD: what the national open-data portal harvests. Served at /du-lieu/dcat.jsonld and
embedded in /du-lieu/."""

from django.conf import settings
from django.urls import Resolver404, resolve, reverse

from ocop.opendata.feed import AUTHOR
from ocop.shared.exports import XLSX_TYPE

TITLE = "Danh sách sản phẩm OCOP tỉnh Lai Châu"
DESCRIPTION = (
    "Sổ đăng ký sản phẩm OCOP (Chương trình mỗi xã một sản phẩm) của tỉnh Lai Châu vào bất kỳ "
    "ngày nào: sản phẩm, chủ thể, xã/phường, nhóm sản phẩm, hạng sao, tình trạng (còn hiệu lực, "
    "hết thời hạn, đã thu hồi) và quyết định công nhận; cùng các thay đổi giữa hai ngày."
)
KEYWORDS = ["OCOP", "mỗi xã một sản phẩm", "sản phẩm nông nghiệp", "Lai Châu", "đặc sản"]
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
API_DOCUMENT = "/api/v1/openapi.json"


def _distribution(base: str, path: str, media_type: str, title: str, fmt: str) -> dict:
    return {
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": f"{base}{reverse('data_index')}"},
        "dcat:downloadURL": {"@id": f"{base}{path}"},
        "dcat:mediaType": media_type,
        "dct:format": fmt,
        "dct:license": {"@id": settings.OCOP_DATA_LICENCE_URL},
    }


def catalog(base: str) -> dict:
    """The dataset and its distributions; `base` is the site's absolute root."""
    registry, changes = (
        reverse("data_registry", args=["csv"]),
        reverse("data_changes", args=["csv"]),
    )
    distributions = [
        _distribution(base, registry, "text/csv", "Sổ đăng ký hôm nay (CSV, UTF-8)", "CSV"),
        _distribution(
            base, registry[:-3] + "xlsx", XLSX_TYPE, "Sổ đăng ký hôm nay (Excel)", "XLSX"
        ),
        _distribution(
            base, registry[:-3] + "json", "application/json", "Sổ đăng ký (JSON)", "JSON"
        ),
        _distribution(base, changes, "text/csv", "Thay đổi từ đầu năm (CSV, UTF-8)", "CSV"),
        _distribution(
            base,
            reverse("data_feed"),
            "application/atom+xml",
            "Nguồn tin Atom các thay đổi",
            "Atom",
        ),
    ]
    dataset = {
        "@type": "dcat:Dataset",
        "@id": f"{base}{reverse('data_index')}#dataset",
        "dct:title": TITLE,
        "dct:description": DESCRIPTION,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/VIE"},
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": AUTHOR},
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": AUTHOR},
        "dct:license": {"@id": settings.OCOP_DATA_LICENCE_URL},
        "dct:rights": settings.OCOP_DATA_LICENCE,
        "dct:spatial": "Tỉnh Lai Châu, Việt Nam",
        "dct:accrualPeriodicity": {
            "@id": "http://publications.europa.eu/resource/authority/frequency/CONT"
        },
        "dcat:keyword": KEYWORDS,
        "dcat:theme": "Nông nghiệp",
        "dcat:landingPage": {"@id": f"{base}{reverse('data_index')}"},
        "dct:conformsTo": {"@id": f"{base}{reverse('data_dictionary')}"},
        "dcat:distribution": distributions,
    }
    if api_served():
        dataset["dcat:distribution"].append(
            {
                "@type": "dcat:Distribution",
                "dct:title": "API JSON (OpenAPI 3)",
                "dcat:accessURL": {"@id": f"{base}/api/v1/"},
                "dcat:accessService": {
                    "@type": "dcat:DataService",
                    "dct:title": "API dữ liệu OCOP, phiên bản 1",
                    "dcat:endpointURL": {"@id": f"{base}/api/v1/"},
                    "dcat:endpointDescription": {"@id": f"{base}{API_DOCUMENT}"},
                },
                "dct:license": {"@id": settings.OCOP_DATA_LICENCE_URL},
            }
        )
    return {"@context": CONTEXT, **dataset}


def api_served() -> bool:
    # The API is built beside the downloads (issue 12); it is described once it is served.
    try:
        resolve(API_DOCUMENT)
    except Resolver404:
        return False
    return True
