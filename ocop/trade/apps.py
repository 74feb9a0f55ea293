from django.apps import AppConfig


class TradeConfig(AppConfig):
    name = "ocop.trade"
    label = "trade"
    verbose_name = "Kết nối cung cầu"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # notices may not import trade: it says when a message is delivered, trade listens.
        from ocop.notices.sending import delivered
        from ocop.trade.notify import forward_when_delivered

        delivered.connect(forward_when_delivered, dispatch_uid="trade.forward_when_delivered")
