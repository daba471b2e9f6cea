"""JSON API under /api/v1/, no language prefix; text in ?lang=fr|en (English by default)."""

from django.urls import path

urlpatterns: list = []
