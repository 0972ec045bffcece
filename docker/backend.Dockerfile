# syntax=docker/dockerfile:1
#
# Duanju backend image: the AdonisJS API (`node bin/server.js`), migrations
# (`node ace migration:run --force`) and the worker (`node ace queue:work`) all run from it.
# Build context: the repository root (see /.dockerignore), e.g.
#   docker build -f docker/backend.Dockerfile -t duanju/backend .
#
# Stages: deps (all backend deps, for the build) -> build (node ace build) and, separately,
# prod-deps (production deps only) -> runtime (compiled app + prod deps + ffmpeg, non-root).

ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
# Only the manifests: the dependency layers are reused until one of them changes. Every
# workspace's package.json is copied because npm checks the whole lockfile against them.
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY admin/package.json admin/
COPY uniapp/package.json uniapp/

# ---------------------------------------------------------------------------------------------
FROM base AS deps
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --workspace backend

# ---------------------------------------------------------------------------------------------
FROM base AS prod-deps
# better-sqlite3 ships N-API prebuilds and pg is pure JS, so no compiler is needed. npm may hoist
# everything to /app/node_modules; backend/node_modules is created so the runtime COPY always has
# a source.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --workspace backend \
 && mkdir -p backend/node_modules

# ---------------------------------------------------------------------------------------------
FROM deps AS build
COPY backend/ backend/
WORKDIR /app/backend
# Compiles to backend/build: bin/server.js, ace.js, the compiled app and a copy of package.json.
RUN node ace build

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# ffmpeg: the worker transcodes uploads. tini: PID 1 that forwards signals and reaps children
# (ffmpeg processes), so `docker stop` lets the API and the worker shut down cleanly.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3333 \
    STORAGE_LOCAL_ROOT=/data/storage

# Layout mirrors the workspace, so module resolution walks up from /app/backend to
# /app/backend/node_modules and then /app/node_modules. Code and dependencies stay owned by root
# (read-only for the app user); only the storage root and tmp/ are writable.
WORKDIR /app/backend
COPY --from=prod-deps /app/node_modules /app/node_modules
COPY --from=prod-deps /app/backend/node_modules /app/backend/node_modules
COPY --from=build /app/backend/build /app/backend
RUN mkdir -p /data/storage /app/backend/tmp \
 && chown -R node:node /data/storage /app/backend/tmp

# The official image's unprivileged user (uid 1000). A named volume mounted on /data/storage
# takes this ownership when it is first created (docker-compose.yml mounts one there; there is no
# VOLUME instruction, so the one-shot migrate container leaves no anonymous volume behind).
USER node
EXPOSE 3333

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "bin/server.js"]
