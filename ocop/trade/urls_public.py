from ocop.catalog.bilingual import bilingual
from ocop.trade import inquiry_form

urlpatterns = bilingual(
    "hoi-mua/",
    [
        ("<int:pk>/", inquiry_form.inquiry, "inquiry"),
        ("<int:pk>/da-nhan/<str:reference>/", inquiry_form.thanks, "inquiry_thanks"),
    ],
)
