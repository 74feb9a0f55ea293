from django.urls import path

from ocop.catalog import views_search

urlpatterns = [path("san-pham/", views_search.products, name="search")]
