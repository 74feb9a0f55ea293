"""The sitemap: every public page a search engine should know, on OCOP_PUBLIC_URL.

The product, producer and commune pages are addressed by their URL names (products through
`Product.get_public_url()`, which adds the slug); a section whose page is not built is left
out rather than guessed."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import Resolver404, get_resolver, resolve, reverse
from django.utils import translation

from ocop.registry.models import Producer, Product, Unit

# Search engines read at most 50,000 addresses a file; smaller files are quicker to serve.
PAGE_SIZE = 10_000


class PublicSitemap(Sitemap):
    """Addresses on OCOP_PUBLIC_URL when it is set (the host the sitemap is fetched from
    otherwise), so that a sitemap fetched through an internal name still names the public site."""

    limit = PAGE_SIZE

    def get_protocol(self, protocol=None):
        base = settings.OCOP_PUBLIC_URL
        return base.split("://", 1)[0] if base else super().get_protocol(protocol)

    def get_domain(self, site=None):
        base = settings.OCOP_PUBLIC_URL
        return base.split("://", 1)[1] if base else super().get_domain(site)


class ModelSitemap(PublicSitemap):
    model = None
    url_name = ""

    def items(self):
        # Ordered by id: pages stay the same from one fetch to the next as rows are added.
        return self.model.objects.order_by("pk")

    def location(self, item):
        return reverse(self.url_name, args=[item.pk])

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


class ProductSitemap(ModelSitemap):
    model = Product
    url_name = "product_page"
    priority = 0.8

    def location(self, item):
        return item.get_public_url()


class ProducerSitemap(ModelSitemap):
    model = Producer
    url_name = "producer_page"
    priority = 0.6


class CommuneSitemap(ModelSitemap):
    model = Unit
    url_name = "commune_page"
    priority = 0.5

    def items(self):
        # Only the communes that have a product: the others have nothing to show.
        return Unit.objects.filter(products__isnull=False).distinct().order_by("pk")

    def location(self, item):
        return reverse(self.url_name, args=[item.code])


# The site's own pages, in both languages; a page not (yet) built is skipped.
STATIC_PAGES = [
    "/", "/san-pham/", "/thong-ke/", "/xac-minh/", "/phan-anh/",
    "/en/", "/en/san-pham/", "/en/thong-ke/", "/en/xac-minh/", "/en/phan-anh/",
]  # fmt: skip


class StaticPagesSitemap(PublicSitemap):
    priority = 1.0
    changefreq = "daily"

    def items(self):
        return [path for path in STATIC_PAGES if _exists(path)]

    def location(self, item):
        return item


def _exists(path: str) -> bool:
    # An /en/ address resolves only while English is active (i18n_patterns).
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            resolve(path)
    except Resolver404:
        return False
    return True


def _named(url_name: str) -> bool:
    return url_name in get_resolver().reverse_dict


def sitemaps() -> dict[str, Sitemap]:
    sections = {"trang": StaticPagesSitemap}
    for name, sitemap in (
        ("san-pham", ProductSitemap),
        ("chu-the", ProducerSitemap),
        ("xa-phuong", CommuneSitemap),
    ):
        if _named(sitemap.url_name):
            sections[name] = sitemap
    return sections
