# Krok: build the binary, then a slim runtime image with the content, a non-root user and /data.
FROM rust:1.95-slim-bookworm AS build
# make builds jemalloc, the allocator the binary links (src/main.rs).
RUN apt-get update \
    && apt-get install -y --no-install-recommends make=4.3-4.1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY benches ./benches
COPY tests ./tests
COPY dialogs ./dialogs
COPY locales ./locales
RUN cargo build --release --locked --bin krok \
    && ./target/release/krok check

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates=20230311+deb12u1 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data krok \
    && mkdir -p /data \
    && chown krok /data \
    && chmod 0700 /data
WORKDIR /app
COPY --from=build /src/target/release/krok /usr/local/bin/krok
COPY dialogs ./dialogs
COPY locales ./locales
ENV KROK_DATA_DIR=/data \
    KROK_DIALOGS_DIR=/app/dialogs \
    KROK_LOCALES_DIR=/app/locales \
    KROK_HEALTH_LISTEN=127.0.0.1:9464 \
    KROK_TELEGRAM_WEBHOOK_LISTEN=0.0.0.0:8443
RUN krok check
USER 10001
VOLUME ["/data"]
# /healthz and /metrics (Prometheus) listen on loopback; to scrape from outside the container,
# set KROK_HEALTH_LISTEN=0.0.0.0:9464. `krok health` asks /healthz. A webhook (only with
# KROK_TELEGRAM_WEBHOOK_URL) listens on 8443 for the HTTPS proxy in front of it. The
# caseworkers' desk is off until KROK_DESK_LISTEN (e.g. 0.0.0.0:8090, for the HTTPS proxy) and
# KROK_DESK_PUBLIC_URL are set.
EXPOSE 9464 8443 8090
HEALTHCHECK --interval=30s --timeout=10s CMD ["krok", "health"]
ENTRYPOINT ["krok"]
CMD ["run"]
