from django.apps import AppConfig


class SharedConfig(AppConfig):
    """The shared layer: the mechanisms several apps use (kept pages and their freshness,
    images, per-client counters, caching headers, export writers, the site's frame)."""

    name = "ocop.shared"
    label = "shared"
    verbose_name = "Dùng chung"
