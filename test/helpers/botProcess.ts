/**
 * The bot as a real process, as people start it, for the process tests (test/app, test/delivery)
 * and bench/flow.ts: spawn it with an environment, wait for its long poll, stop it with SIGTERM
 * (or kill it, as a crash) and wait for the exit, read what it printed.
 *
 * The process leads its own process group, so a failed test can kill all of it (`npm start` is
 * npm and the bot) with `killGroup()`. The embedded PostgreSQL server is not in that group: it is
 * started detached and survives its starter on purpose (test/support/leftoverServer.ts stops it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BotApiServer } from '../support/botApiServer.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// `--import tsx` resolves from the working directory, which is often a temporary folder.
const TSX = import.meta.resolve('tsx');
/** How long stop() waits after SIGTERM before it kills the group and fails. */
const STOP_TIMEOUT_MS = 60_000;

export interface BotProcessOptions {
  /** The Bot API server the bot talks to: sets BOT_TOKEN and TELEGRAM_API_ROOT. */
  tg?: BotApiServer;
  /** Working directory (default: the repository). */
  cwd?: string;
  /**
   * 'sources' (default): `node --import tsx src/main.ts`; 'npm': `npm start --silent` in the
   * repository, as a service manager runs it (npm execs bin/bot.js).
   */
  launch?: 'sources' | 'npm';
  /** Extra node flags before the script ('sources' only), e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** 'inherit' shows the bot's output on this terminal instead of collecting it (benchmarks). */
  stdio?: 'pipe' | 'inherit';
}

export interface BotProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they came. */
  output(): string;
  /** stderr so far. */
  stderr(): string;
  /** The exit code (null after a signal). */
  exited: Promise<number | null>;
  /** Resolves at the first getUpdates this process makes: it is up and polling. */
  polling(timeoutMs?: number): Promise<void>;
  /** SIGTERM to the bot alone, then its exit code; after 60 s the group is killed and it throws. */
  stop(): Promise<number | null>;
  /** SIGKILL to the bot alone — a crash, its embedded server left running — then its exit code (null). */
  kill(): Promise<number | null>;
  /** SIGKILL to the whole process group, if anything of it still runs: cleanup after a failure. */
  killGroup(): Promise<void>;
}

export function startBotProcess(env: Record<string, string>, options: BotProcessOptions = {}): BotProcess {
  const { tg } = options;
  const since = tg?.calls.at(-1)?.seq ?? 0;
  const npm = options.launch === 'npm';
  const command = npm ? 'npm' : process.execPath;
  const args = npm ? ['start', '--silent'] : [...(options.nodeArgs ?? []), '--import', TSX, join(ROOT, 'src/main.ts')];
  const child = spawn(command, args, {
    cwd: npm ? ROOT : (options.cwd ?? ROOT),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_OPTIONS: '',
      ...(tg ? { BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot } : {}),
      ...env,
    },
    stdio: options.stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => {
    output += chunk;
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;

  const killGroup = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone already
    }
    await exited;
  };

  return {
    child,
    output: () => output,
    stderr: () => stderr,
    exited,
    async polling(timeoutMs = 90_000) {
      if (!tg) throw new Error('startBotProcess: polling() needs options.tg');
      const polled = tg.waitFor((call) => call.method === 'getUpdates' && call.seq > since, timeoutMs);
      const first = await Promise.race([polled.then(() => 'polling' as const), exited.then(() => 'exited' as const)]);
      if (first === 'exited') throw new Error(`the bot exited (${child.exitCode}) before polling:\n${output}`);
    },
    async stop() {
      if (running()) child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
      });
      const code = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (code === 'timeout') {
        await killGroup();
        throw new Error(`the bot did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM:\n${output}`);
      }
      return code;
    },
    async kill() {
      if (running()) child.kill('SIGKILL');
      return exited;
    },
    killGroup,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** dd.mm.yyyy of a day `days` ahead (Moscow is UTC+3; a whole-day margin keeps it simple). */
export function dateAhead(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getUTCDate())}.${pad(at.getUTCMonth() + 1)}.${at.getUTCFullYear()}`;
}
