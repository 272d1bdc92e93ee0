/**
 * Key → JSON store in the BotSession table: grammY sessions and conversation state live in the
 * same database as everything else, so they survive restarts and redeploys.
 */
import type { PrismaClient } from './client.ts';

export interface KeyValueStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createKeyValueStore<T>(prisma: PrismaClient, prefix: string): KeyValueStore<T> {
  const keyOf = (key: string) => `${prefix}:${key}`;
  return {
    async read(key) {
      const row = await prisma.botSession.findUnique({ where: { key: keyOf(key) } });
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      await prisma.botSession.upsert({
        where: { key: keyOf(key) },
        create: { key: keyOf(key), value: json },
        update: { value: json },
      });
    },
    async delete(key) {
      await prisma.botSession.deleteMany({ where: { key: keyOf(key) } });
    },
  };
}
