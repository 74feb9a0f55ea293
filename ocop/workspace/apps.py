from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The officers' home ("Bàn làm việc") and menu: the one app that knows every feature."""

    name = "ocop.workspace"
    label = "workspace"
    verbose_name = "Bàn làm việc"
