import { defineConfig } from 'prisma/config';

// Used by `prisma generate` only: the app connects through driver adapters (src/db/client.ts)
// and migrates through the WASM schema engine (src/db/migrate.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
