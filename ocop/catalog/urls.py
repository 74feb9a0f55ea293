from ocop.catalog import views
from ocop.catalog.bilingual import bilingual

urlpatterns = bilingual(
    "xac-minh/",
    [
        ("", views.check, "check"),
        ("<str:code>/", views.verify_page, "verify"),
        ("<str:code>/qr.svg", views.qr_svg, "qr_svg"),
        ("<str:code>/qr.png", views.qr_png, "qr_png"),
        ("<str:code>/nhan/", views.labels, "labels"),
    ],
)
