"""Public pages of the exchanges app, under /<language>/: exchanges, best practices and the
partner search board."""

from django.urls import path

from . import views

app_name = "exchanges"

urlpatterns = [
    path("exchanges/", views.exchange_list, name="exchange_list"),
    path("exchanges/<int:pk>/", views.exchange_detail, name="exchange_detail"),
    path("best-practices/", views.practice_list, name="practice_list"),
    path("best-practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("partner-search/", views.request_board, name="request_board"),
    path("partner-search/<int:pk>/", views.request_detail, name="request_detail"),
]
