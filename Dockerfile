# syntax=docker/dockerfile:1
# --- build: compile SDK, console and server -----------------------------------------------------
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
COPY sdk/package.json sdk/package.json
COPY admin-ui/package.json admin-ui/package.json
ENV NG_CLI_ANALYTICS=false
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# --- runtime: non-root, data on a volume ---------------------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production OPSTAGE_HOST=0.0.0.0 OPSTAGE_PORT=8080 OPSTAGE_DATA_DIR=/app/data
# Caps the V8 heap so idle garbage is collected instead of growing RSS (README "Performance");
# a fleet of 20,000 agents needs about 300 MB of live heap. Override with -e NODE_OPTIONS=...
ENV NODE_OPTIONS=--max-old-space-size=768
WORKDIR /app
COPY --from=build --chown=node:node /src/package.json ./package.json
COPY --from=build --chown=node:node /src/node_modules ./node_modules
COPY --from=build --chown=node:node /src/dist ./dist
COPY --from=build --chown=node:node /src/admin-ui/dist ./admin-ui/dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.OPSTAGE_PORT||8080)+'/api/system/health').then(r=>r.json()).then(b=>process.exit(b.data&&b.data.status!=='DOWN'?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/launch.js"]
