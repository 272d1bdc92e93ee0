import type { PrismaClient } from '../db/client.ts';
import type { DigestSchedule } from '../domain/digest/week.ts';

/** What every service needs: the database, a clock (tests move it) and a few settings. */
export interface ServiceDeps {
  prisma: PrismaClient;
  now: () => Date;
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
