# papergraph's image: the steps CI runs (npm ci, the web build, npm prune --omit=dev), then a non-root runtime.
# One image serves both compose services: `node server/src/main.ts` (API) and `node web/build` (explorer).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# As `npm start` gives it: the entry and launcher load compiled, without Node's type stripper.
ENV NODE_COMPILE_CACHE=/app/node_modules/.cache/papergraph-server/compile-cache
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/server ./server
COPY --from=build --chown=node:node /app/seed ./seed
COPY --from=build --chown=node:node /app/web/package.json ./web/package.json
COPY --from=build --chown=node:node /app/web/build ./web/build
USER node
EXPOSE 3000 4000
CMD ["node", "server/src/main.ts"]
