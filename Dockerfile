# Multi-stage build: compile in the Rust image, run in a slim Debian image.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY config ./config
COPY benches ./benches
RUN cargo build --release --locked --bin wire-enricher

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 wire
COPY --from=build /src/target/release/wire-enricher /usr/local/bin/wire-enricher
COPY config /etc/wire-enricher
USER wire
ENV WIRE__LOG__FORMAT=json
ENTRYPOINT ["wire-enricher"]
CMD ["run"]
