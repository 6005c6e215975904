from django.urls import path

from tests.organisations.admin_site import site
from wisebusiness.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("testadmin/", site.urls), *site_urlpatterns]
