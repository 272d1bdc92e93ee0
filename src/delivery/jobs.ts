/**
 * Work that must follow a commit, recorded with it (DeliveryJob rows): today the identification
 * rerun after a results import, whose announcements go to the outbox. Run right after the
 * commit and again at every start, so a crash in between loses nothing.
 *
 * The rerun writes its runs and their announcements in one transaction; the job's `done` follows.
 * A crash before that commit repeats the whole rerun at the next start; a crash after it repeats
 * a rerun that finds no change against the runs already stored (so it announces nothing again,
 * and the announcements written with the runs are delivered). Said in README «Delivery».
 */
import type { Logger } from 'pino';
import type { MunicipalityChanges } from '../services/identification/index.ts';
import type { Services } from '../services/index.ts';

const MAX_ATTEMPTS = 3;

export interface JobRunner {
  /** runs every pending job once; returns the identification changes it found (for the CLI) */
  runPending(): Promise<MunicipalityChanges[]>;
}

export function createJobRunner(options: { services: Services; logger?: Logger; onQueued?: () => void }): JobRunner {
  const { services, logger } = options;
  const prisma = services.deps.prisma;
  let chain: Promise<unknown> = Promise.resolve();

  const runOnce = async (): Promise<MunicipalityChanges[]> => {
    const jobs = await prisma.deliveryJob.findMany({ where: { state: 'pending' }, orderBy: { id: 'asc' } });
    const found: MunicipalityChanges[] = [];
    for (const job of jobs) {
      await prisma.deliveryJob.update({ where: { id: job.id }, data: { attempts: { increment: 1 } } });
      try {
        if (job.kind !== 'identification.rerun') throw new Error(`unknown job kind ${job.kind}`);
        const { municipalityIds } = job.payload as { municipalityIds: number[] };
        // the runs and their announcements are written in one transaction (services/identification/rerun.ts)
        const changes = await services.identification.rerunAfterImport(municipalityIds, { key: `job:${job.id}` });
        found.push(...changes);
        await prisma.deliveryJob.update({
          where: { id: job.id },
          data: { state: 'done', finishedAt: services.deps.now() },
        });
        options.onQueued?.();
      } catch (error) {
        const failed = job.attempts + 1 >= MAX_ATTEMPTS;
        logger?.error({ err: error, job: job.id, kind: job.kind }, 'follow-up job failed');
        await prisma.deliveryJob
          .update({
            where: { id: job.id },
            data: {
              ...(failed ? { state: 'failed', finishedAt: services.deps.now() } : {}),
              error: error instanceof Error ? error.message.slice(0, 500) : String(error),
            },
          })
          .catch(() => undefined);
      }
    }
    return found;
  };

  return {
    runPending() {
      const run = chain.then(runOnce);
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
