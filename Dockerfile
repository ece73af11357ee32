# One image for every wirewatch worker: `wirewatch poll`, `wirewatch process`, `wirewatch alert`, `wirewatch web`.
# Built by deploy/compose (docker compose build) or `docker build -t wirewatch:0.1.0 .`.
# Dependencies are installed at the exact versions of constraints.txt, as in development.

FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY wirewatch ./wirewatch
RUN pip wheel --no-cache-dir --wheel-dir /wheels -c constraints.txt .

FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/wirewatch --create-home wirewatch
COPY --from=build /wheels /wheels
COPY constraints.txt /tmp/constraints.txt
RUN pip install --no-cache-dir --no-index --find-links /wheels -c /tmp/constraints.txt wirewatch \
    && rm -rf /wheels /tmp/constraints.txt
USER 10001:10001
WORKDIR /var/lib/wirewatch
# Metrics and probes must be reachable from Prometheus and the kubelet, not only from loopback.
ENV PYTHONUNBUFFERED=1 \
    WIREWATCH_METRICS_HOST=0.0.0.0 \
    WIREWATCH_DATA_DIR=/var/lib/wirewatch/data
EXPOSE 9101 9102 9103 8080
ENTRYPOINT ["wirewatch"]
CMD ["--help"]
