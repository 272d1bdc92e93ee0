/** Where the Prisma schema and migrations live (shared by the migrator and the cheap status check). */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../projectRoot.ts';

export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma', 'migrations');
export const SCHEMA_PATH = join(PROJECT_ROOT, 'prisma', 'schema.prisma');
