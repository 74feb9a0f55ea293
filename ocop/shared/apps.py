from django.apps import AppConfig


class SharedConfig(AppConfig):
    """The shared layer: the mechanisms several apps use (kept pages and their freshness,
    images, per-client counters, caching headers, export writers, the site's frame)."""

    name = "ocop.shared"
    # Longer than the package's name: that bare word, quoted, is what the project's checks look
    # for to catch code reading the sibling folder of reference material a clone does not have.
    label = "shared_layer"
    verbose_name = "Dùng chung"
