# The NollyCrew server image: one image, four commands (migrate, api, core, worker).
# Production only: Node builds the web app in its own stage and stays there (PouchDB Server
# stands in for CouchDB in development and CI, never here), no compilers, no dev extras.
# docker-compose.yml runs it; docs/deploy.md says how.

# The producers' web app (web/app, esbuild): built here, only its files go on.
FROM node:20-slim AS app
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY web/app web/app
# The crew view's refusals in five languages are compiled from the bots' catalogs.
COPY bots/locale bots/locale
RUN npm run build

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/nollycrew/bin:$PATH
RUN python -m venv /opt/nollycrew
WORKDIR /src
# The exact pins from pyproject, held to requirements.lock, first and in their own layer,
# so a code change reuses it.
COPY pyproject.toml requirements.lock ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > requirements.txt \
    && pip install --constraint requirements.lock --requirement requirements.txt
COPY README.md ./
COPY config config
COPY core core
COPY sync sync
COPY bots bots
COPY workers workers
COPY web web
COPY --from=app /src/web/app/dist web/app/dist
RUN pip install --constraint requirements.lock .


FROM python:3.11-slim
ENV PATH=/opt/nollycrew/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    NOLLYCREW_API_HOST=0.0.0.0 \
    NOLLYCREW_API_PORT=8080 \
    NOLLYCREW_LOG_JSON=true \
    NOLLYCREW_VAR_DIR=/var/lib/nollycrew
# DejaVu carries the naira sign (₦) for contract PDFs; the PDF core fonts do not.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core ffmpeg \
    && rm -rf /var/lib/apt/lists/*
# A fixed numeric id, so volume ownership and orchestrators' run-as-non-root checks agree.
RUN groupadd --system --gid 10001 nollycrew \
    && useradd --system --uid 10001 --gid nollycrew --home-dir /var/lib/nollycrew \
        --no-create-home --shell /usr/sbin/nologin nollycrew \
    && install --directory --owner=nollycrew --group=nollycrew /var/lib/nollycrew
# Owned by root: the running process cannot change its own code.
COPY --from=build /opt/nollycrew /opt/nollycrew
USER 10001:10001
WORKDIR /var/lib/nollycrew

EXPOSE 8080
# For the api; docker-compose.yml turns it off for migrate, core and worker, which serve no
# HTTP. The slim image has no curl, so Python asks: urlopen raises on refusal or any non-2xx.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('NOLLYCREW_API_PORT', '8080') + '/healthz', timeout=4)"]

ENTRYPOINT ["nollycrew"]
CMD ["api"]
