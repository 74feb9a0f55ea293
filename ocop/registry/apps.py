from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "ocop.registry"
    label = "registry"
    verbose_name = "Sổ đăng ký OCOP"

    def ready(self) -> None:
        from ocop import checks  # noqa: F401  (registers the system checks)
