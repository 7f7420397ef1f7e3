# syntax=docker/dockerfile:1
# A thin wrapper around the steps CI runs: `npm run build` writes the standalone server to
# .next/standalone (with its static files, public/ and the migrations), and the runtime image
# is that folder started with `node server.js`, exactly as scripts/server/standalone-server.ts
# starts it for npm start, the end-to-end tests and CI. docs/DEPLOY.md explains each stage.

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts are skipped here; the build generates the Prisma client itself.
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

# One-shot: migrations, pg-boss's schema and the app role's grants, as the schema owner.
FROM build AS migrate
ENV NODE_ENV=production
CMD ["node", "node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/db-migrate.ts"]

FROM node:20-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system --gid 1001 runsheet && useradd --system --uid 1001 --gid runsheet runsheet
COPY --from=build --chown=runsheet:runsheet /app/.next/standalone ./
USER runsheet
EXPOSE 3000
# Liveness only; orchestrators route traffic on /api/ready (database, migrations, job worker).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Next handles SIGTERM: it stops accepting connections and lets requests finish; the app ends
# its event streams and stops its job queue first (lib/ops/lifecycle.ts).
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
