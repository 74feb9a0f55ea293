from django.urls import path

from ocop.catalog import views_search

urlpatterns = [
    path("san-pham/", views_search.products, {"lang": "vi"}, name="search"),
    path("en/san-pham/", views_search.products, {"lang": "en"}, name="search_en"),
]
