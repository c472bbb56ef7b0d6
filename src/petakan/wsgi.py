import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "petakan.settings")
django_application = get_wsgi_application()

# Repeated anonymous map-data requests are answered before Django's middleware (see petakan.maps.fastpath).
from petakan.maps.fastpath import FastPath  # noqa: E402  (needs the settings and apps loaded above)

application = FastPath(django_application)
