import type { PrismaClient } from '../db/client.ts';
import type { DigestSchedule } from '../domain/digest/week.ts';

/** What every service needs: the database, a clock (tests move it) and a few settings. */
export interface ServiceDeps {
  prisma: PrismaClient;
  now: () => Date;
  /**
   * Where a worker thread connects to run a region-sized write on its own connection (the registry
   * import). The bot sets it so other chats never wait; absent (CLI, most tests) everything runs
   * on the caller's thread.
   */
  workerDatabase?: { url: string; applicationName: string };
  settings: {
    adminTelegramIds: readonly number[];
    inviteTtlDays: number;
    regionName: string;
    /** when the weekly digest is due (issue 13); default Monday 09:00 Moscow */
    digestSchedule?: DigestSchedule;
    /** the region's own institute and methodical association, named in built-in forms (issue 11) */
    regionalBodies?: { institute?: string | undefined; methodicalAssociation?: string | undefined };
  };
}
