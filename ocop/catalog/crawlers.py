"""What search engines read: /robots.txt and the sitemap (an index of its sections, each in
pages of ocop.catalog.sitemaps.PAGE_SIZE addresses)."""

from django.contrib.sitemaps import views as sitemap_views
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from ocop.catalog.sitemaps import sitemaps
from ocop.shared.caching import public_page
from ocop.shared.public_url import public_url

# The back office and the department's reports are for officers, not for search results.
PRIVATE = ["/admin/", "/bao-cao/"]
DAY = 24 * 3600


@require_safe
@public_page(max_age=DAY)
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in PRIVATE)]
    lines.append(f"Sitemap: {public_url(request, reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@public_page(max_age=DAY)
def favicon(request):
    """The icon browsers ask for at /favicon.ico, whatever page they show."""
    path = finders.find("web/favicon.ico")
    with open(path, "rb") as icon:
        return HttpResponse(icon.read(), content_type="image/x-icon")


@require_safe
@public_page(max_age=3600)
def sitemap_index(request):
    # Django's own index names the sections on the requested host; ours on OCOP_PUBLIC_URL.
    entries = []
    for section, sitemap in sitemaps().items():
        address = public_url(request, reverse("sitemap_section", args=[section]))
        entries.append(sitemap_views.SitemapIndexItem(address, None))
        pages = range(2, sitemap().paginator.num_pages + 1)
        entries += [sitemap_views.SitemapIndexItem(f"{address}?p={n}", None) for n in pages]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
@public_page(max_age=3600)
def sitemap_section(request, section: str):
    if section not in sitemaps():
        raise Http404
    return sitemap_views.sitemap(request, sitemaps(), section=section)
