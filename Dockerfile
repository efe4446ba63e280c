# The plangraph API image: `docker compose up` runs it against Neo4j (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# antiword and catdoc read Word 97 .doc and WPS .wps plans (ingest/converters.py).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends antiword catdoc \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md ./
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY viz ./viz
COPY plangraph ./plangraph
RUN pip install .

COPY data/sample ./data/sample
COPY scripts/docker-start.sh ./scripts/docker-start.sh

RUN useradd --create-home --uid 10001 plangraph
USER plangraph

EXPOSE 8000
CMD ["sh", "scripts/docker-start.sh"]
