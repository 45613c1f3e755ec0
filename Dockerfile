# The portal's image: web (gunicorn), Celery worker and Celery beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=memorandum_portal.settings.production

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Catalogs and static files are built into the image; the build needs no real secrets.
RUN SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.db REDIS_URL=redis://build ALLOWED_HOSTS=build \
        python manage.py compilemessages --ignore=.venv -v 0 \
    && SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.db REDIS_URL=redis://build ALLOWED_HOSTS=build \
        python manage.py collectstatic --no-input -v 0

RUN useradd --create-home --uid 1000 portal && mkdir -p /app/media && chown portal /app/media
USER portal

EXPOSE 8000
CMD ["gunicorn", "memorandum_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--max-requests", "2000", "--max-requests-jitter", "200", "--access-logfile", "-"]
