# One image for every Kinerja process: the platform package and all seven services are
# installed, and the command chosen at run time picks the service and the process
# (docker-compose.yml and deploy/k8s/ give it):
#   web        gunicorn -c python:kinerja_shared.runtime.gunicorn_conf --bind 0.0.0.0:8000 \
#                  --workers 2 'kinerja_shared.runtime.wsgi:create_app("skp")'
#              (the config module: /metrics over all workers, files in PROMETHEUS_MULTIPROC_DIR,
#              a tmpfs / emptyDir in compose and k8s since the root filesystem may be read-only)
#   migrate    kinerja migrate skp
#   relay      kinerja relay skp
#   consumer   kinerja consume skp
#   worker     kinerja worker reporting
#   web UI     gunicorn --bind 0.0.0.0:8000 --workers 2 'kinerja_web.app:wsgi_app()'
# Build: docker build -t kinerja:local .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# The web UI's front-end files from their npm packages (web/package-lock.json)
FROM ${NODE_IMAGE} AS assets
WORKDIR /src
COPY web/package.json web/package-lock.json web/
COPY scripts/web-assets.sh scripts/
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 >/dev/null \
 && mkdir -p web/src/kinerja_web/static && scripts/web-assets.sh

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/kinerja
ENV PATH=/opt/kinerja/bin:$PATH
WORKDIR /src
COPY constraints.txt ./
COPY shared/ shared/
COPY services/ services/
COPY web/pyproject.toml web/
COPY web/src/ web/src/
COPY --from=assets /src/web/src/kinerja_web/static/vendor/ web/src/kinerja_web/static/vendor/
# Non-editable installs pinned by constraints.txt (the versions the tests ran with): the image
# needs no source tree, only /opt/kinerja.
RUN pip install --upgrade pip setuptools wheel \
 && pip install -c constraints.txt gunicorn \
        ./shared \
        ./services/identity \
        ./services/skp \
        ./services/penilaian \
        ./services/keberatan \
        ./services/angka-kredit \
        ./services/integration \
        ./services/reporting \
        ./web \
 && kinerja services

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="kinerja" \
      org.opencontainers.image.description="Kinerja services (web, relay, consumer, worker, migrate)"
ENV PATH=/opt/kinerja/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KINERJA_LOG_FORMAT=json
RUN groupadd --system --gid 10001 kinerja \
 && useradd --system --uid 10001 --gid kinerja --home-dir /home/kinerja --create-home \
        --shell /usr/sbin/nologin kinerja \
 && install -d -o 10001 -g 10001 /var/lib/kinerja/reporting  # reporting's files (compose volume)
COPY --from=build /opt/kinerja /opt/kinerja
USER 10001:10001
WORKDIR /home/kinerja
EXPOSE 8000
# No default service: compose and the k8s manifests always give the command.
CMD ["kinerja", "services"]
