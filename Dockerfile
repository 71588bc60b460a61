# Multi-stage build: compile with dev dependencies, run with production ones as a non-root user.
# Needs DATABASE_URL (the embedded PostgreSQL is for a developer's machine); test/image checks this
# layout without a Docker daemon (`npm run test:image`).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# Owned by root, read-only to the service: a compromised process cannot rewrite its own code.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
USER node
EXPOSE 3000
# Readiness (/health: the database answers); the service listens only once migrated. The start
# period covers migrations on a large registry. With DATABASE_URL nothing is written under /app.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/apps/api/src/main.js"]
