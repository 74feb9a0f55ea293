from ocop.catalog import views_search
from ocop.catalog.bilingual import bilingual

urlpatterns = bilingual("san-pham/", [("", views_search.products, "search")])
