# syntax=docker/dockerfile:1
#
# Static front ends served by nginx. Two final targets from one file:
#   admin  - the Vue 3 admin console (admin/dist)
#   h5     - the uni-app H5 client (uniapp/dist/build/h5)
# Build context: the repository root, e.g.
#   docker build -f docker/web.Dockerfile --target admin \
#     --build-arg VITE_API_BASE=https://api.example.com -t duanju/admin .
#
# VITE_API_BASE is compiled into the bundle: changing the API address means rebuilding the image.

ARG NODE_IMAGE=node:24-bookworm-slim
ARG NGINX_IMAGE=nginx:1.28-alpine

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY admin/package.json admin/
COPY uniapp/package.json uniapp/
# Dev dependencies included: the bundlers are dev dependencies. Only the two front-end
# workspaces are installed; the lockfile fixes the layout (uniapp/node_modules keeps the Vue and
# Vite versions uni-app is built for, next to the admin's hoisted ones).
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --workspace admin --workspace uniapp

# ---------------------------------------------------------------------------------------------
FROM deps AS admin-build
ARG VITE_API_BASE=http://localhost:3333
ENV VITE_API_BASE=${VITE_API_BASE}
COPY admin/ admin/
RUN npm run build --workspace admin

# ---------------------------------------------------------------------------------------------
FROM deps AS h5-build
ARG VITE_API_BASE=http://localhost:3333
ENV VITE_API_BASE=${VITE_API_BASE}
COPY uniapp/ uniapp/
RUN npm run build:h5 --workspace uniapp

# ---------------------------------------------------------------------------------------------
FROM ${NGINX_IMAGE} AS nginx-base
RUN rm -rf /usr/share/nginx/html/*
COPY docker/nginx/spa.conf /etc/nginx/conf.d/default.conf
COPY docker/nginx/security-headers.conf /etc/nginx/snippets/security-headers.conf
EXPOSE 80
# busybox wget is part of the alpine image; /healthz is answered by nginx itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1/healthz || exit 1

# ---------------------------------------------------------------------------------------------
FROM nginx-base AS h5
COPY --from=h5-build /app/uniapp/dist/build/h5/ /usr/share/nginx/html/

# ---------------------------------------------------------------------------------------------
# Last stage = default target: `docker build -f docker/web.Dockerfile .` builds the admin image.
FROM nginx-base AS admin
COPY --from=admin-build /app/admin/dist/ /usr/share/nginx/html/
