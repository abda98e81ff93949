# The Waymark engine image: API + designer (`waymark api`) or a journey worker (`waymark worker`).
# Multi-stage: the build stage compiles every workspace (designer included) and prunes dev
# dependencies; the runtime stage runs as the unprivileged `node` user.

FROM node:22-bookworm-slim AS build
ENV TURBO_TELEMETRY_DISABLED=1 npm_config_fund=false npm_config_audit=false
WORKDIR /app
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY workflows/package.json workflows/
COPY channels/package.json channels/
COPY engine/package.json engine/
COPY designer/package.json designer/
RUN npm ci --loglevel=error
COPY workflows workflows
COPY channels channels
COPY engine engine
COPY designer designer
RUN npm run build && npm prune --omit=dev --loglevel=error

FROM node:22-bookworm-slim
ENV NODE_ENV=production PORT=3000 WAYMARK_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/workflows/package.json workflows/
COPY --from=build /app/workflows/dist workflows/dist
COPY --from=build /app/channels/package.json channels/
COPY --from=build /app/channels/dist channels/dist
COPY --from=build /app/engine/package.json engine/
COPY --from=build /app/engine/dist engine/dist
COPY --from=build /app/designer/package.json designer/
COPY --from=build /app/designer/dist designer/dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["node", "engine/dist/cli.js"]
CMD ["api"]
