from django.urls import path

from ocop.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("moi/", views.dossier_new, name="new"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/buoc/<str:to>/", views.dossier_step, name="step"),
    path("<int:pk>/tep/", views.file_upload, name="upload"),
    path("tep/<int:pk>/", views.file_download, name="file"),
    path("san-pham/<int:pk>/", views.product_history, name="product"),
]
