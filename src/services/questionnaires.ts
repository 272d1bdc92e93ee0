/**
 * Questionnaire definitions (issue #5): the built-ins (registered into QuestionnaireVersion on
 * first use, one row per published version) and coordinators' own ones from an .xlsx sheet.
 * A row is never changed once written: a corrected sheet with the same title becomes the next
 * version, and campaigns keep the version they were launched with.
 */
import { AccessDeniedError, mayEver, type Actor } from '../domain/access/policy.ts';
import {
  BUILTIN_DEFINITIONS,
  allItems,
  builtinCatalog,
  isBuiltinQuestionnaireId,
  loadQuestionnaire,
  questionCount,
  type Questionnaire,
} from '../domain/questionnaires/index.ts';
import type { SheetIssue } from '../files/xlsx/issues.ts';
import { parseQuestionnaireFile } from '../files/xlsx/read/questionnaireSheet.ts';
import type { Prisma } from '../db/client.ts';
import { withRegionalBodies } from '../domain/questionnaires/regionalBodies.ts';
import type { ServiceDeps } from './deps.ts';
import { audit } from './audit.ts';
import { UserError } from './errors.ts';

export interface QuestionnaireEntry {
  versionId: number;
  key: string;
  version: number;
  title: string;
  builtin: boolean;
  sections: number;
  /** items that apply before any answer; `conditional` more open only by answers (questionCount) */
  items: number;
  conditional: number;
  createdAt: string;
}

const builtinsRegistered = new WeakMap<object, Promise<void>>();

/** Writes the built-in versions that are not in the database yet (once per database client). */
export function ensureBuiltins(deps: ServiceDeps): Promise<void> {
  let ready = builtinsRegistered.get(deps.prisma);
  if (!ready) {
    ready = deps.prisma.questionnaireVersion
      .createMany({
        data: BUILTIN_DEFINITIONS.map((definition) => ({
          key: definition.id,
          version: definition.version,
          title: definition.title,
          source: 'builtin',
          definition: definition as unknown as Prisma.InputJsonValue,
        })),
        skipDuplicates: true,
      })
      .then(() => undefined);
    ready.catch(() => builtinsRegistered.delete(deps.prisma));
    builtinsRegistered.set(deps.prisma, ready);
  }
  return ready;
}

/** Parsed definitions by QuestionnaireVersion.id: rows never change, so they are read once. */
const versionCache = new WeakMap<object, Map<number, Questionnaire>>();

export async function questionnaireByVersionId(deps: ServiceDeps, versionId: number): Promise<Questionnaire> {
  let cache = versionCache.get(deps.prisma);
  if (!cache) versionCache.set(deps.prisma, (cache = new Map()));
  const cached = cache.get(versionId);
  if (cached) return cached;
  const row = await deps.prisma.questionnaireVersion.findUnique({ where: { id: versionId } });
  if (!row) throw new UserError('campaigns-questionnaire-unknown', { id: versionId });
  // Built-ins are read from code (validated when the module loads); own ones from their JSON.
  const builtin = isBuiltinQuestionnaireId(row.key) ? builtinCatalog.get(row.key, row.version) : undefined;
  // a built-in names the installation's own institute and methodical association (issue 11)
  const questionnaire = builtin
    ? withRegionalBodies(builtin, deps.settings.regionalBodies ?? {})
    : loadQuestionnaire(row.definition);
  cache.set(versionId, questionnaire);
  return questionnaire;
}

/** The latest version of every questionnaire: built-ins first (in their order), then own ones by title. */
export async function listQuestionnaires(deps: ServiceDeps, actor: Actor): Promise<QuestionnaireEntry[]> {
  if (!mayEver(actor, 'campaign.manage')) throw new AccessDeniedError('campaign.manage', null);
  await ensureBuiltins(deps);
  const rows = await deps.prisma.questionnaireVersion.findMany({
    select: { id: true, key: true, version: true, title: true, createdAt: true },
    orderBy: [{ key: 'asc' }, { version: 'desc' }],
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.key) && questionnaireVisibleTo(actor, row.key)) latest.set(row.key, row);
  const entries: QuestionnaireEntry[] = [];
  for (const row of latest.values()) {
    const questionnaire = await questionnaireByVersionId(deps, row.id);
    const count = questionCount(questionnaire);
    entries.push({
      versionId: row.id,
      key: row.key,
      version: row.version,
      title: row.title,
      builtin: isBuiltinQuestionnaireId(row.key),
      sections: questionnaire.sections.length,
      items: count.total,
      conditional: count.conditional,
      createdAt: row.createdAt.toISOString(),
    });
  }
  const builtinOrder = BUILTIN_DEFINITIONS.map((definition) => definition.id as string);
  return entries.sort((a, b) =>
    a.builtin !== b.builtin
      ? a.builtin
        ? -1
        : 1
      : a.builtin
        ? builtinOrder.indexOf(a.key) - builtinOrder.indexOf(b.key)
        : a.title.localeCompare(b.title, 'ru'),
  );
}

// ─────────────── Coordinators' own questionnaires from .xlsx ───────────────

export interface ImportQuestionnaireOptions {
  dryRun?: boolean;
  /** the questionnaire's title; by default the file name without its extension */
  title?: string;
}

export type ImportQuestionnaireResult =
  | { ok: false; issues: SheetIssue[]; sheetName: string | null; title: string }
  | {
      ok: true;
      issues: SheetIssue[];
      sheetName: string | null;
      title: string;
      key: string;
      version: number;
      /** null on a dry run */
      versionId: number | null;
      sections: number;
      items: number;
      /** the same definition was already stored as this version: nothing written */
      unchanged: boolean;
      dryRun: boolean;
    };

const LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/**
 * The territory an own questionnaire belongs to, written into its key (issue 10): `m<id>` for a
 * municipality, `r<id>` for a region; none for the whole installation (administrators, the CLI).
 * Keys are unique per (territory, title), so versions are too, and only the owner's territory
 * can add a version.
 */
function territoryTagOf(actor: Actor): string | null {
  switch (actor.scope.kind) {
    case 'municipality':
    case 'school':
      return `m${actor.scope.municipalityId}`;
    case 'region':
      return `r${actor.scope.regionId}`;
    default:
      return null;
  }
}

const TAGGED_KEY = /^own-(m\d+|r\d+)-/;

/** Built-ins and installation-wide ones are everybody's; a territory's own are its people's (and the region's). */
export function questionnaireVisibleTo(actor: Actor, key: string): boolean {
  const tag = TAGGED_KEY.exec(key)?.[1];
  if (!tag) return true;
  switch (actor.scope.kind) {
    case 'all':
      return true;
    case 'region':
      // a region's people see their region's and its municipalities' (one region per installation)
      return tag.startsWith('m') || tag === `r${actor.scope.regionId}`;
    case 'municipality':
    case 'school':
      return tag === `m${actor.scope.municipalityId}` || tag === `r${actor.scope.regionId}`;
  }
}

/** «Профилактика неуспешности» → `own-profilaktika-neuspeshnosti` (ids are latin slugs), `own-m3-…` for a municipality's. */
export function questionnaireKeyFor(title: string, territoryTag: string | null = null): string {
  const slug = [...title.toLowerCase()]
    .map((ch) => LATIN[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `own-${territoryTag ? `${territoryTag}-` : ''}${slug || 'questionnaire'}`;
}

/** «Мониторинг ВСОКО (2).xlsx» → «Мониторинг ВСОКО (2)». */
function titleFromFileName(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.xlsx$/i, '')
    .replace(/[_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return base || 'Анкета';
}

/** JSON with sorted keys: jsonb does not keep the key order of what was written. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const withoutVersion = (definition: unknown) => canonical({ ...(definition as Record<string, unknown>), version: 0 });

/**
 * Reads a questionnaire sheet (see QUESTIONNAIRE_SPEC: the sheet whose header has «№»,
 * «Вопрос» and «Тип»), converts it with the domain and stores it as the next version of the
 * questionnaire with this title. Any error means nothing is written; errors are row-precise.
 */
export async function importQuestionnaire(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  fileName: string,
  options: ImportQuestionnaireOptions = {},
): Promise<ImportQuestionnaireResult> {
  if (!mayEver(actor, 'campaign.manage')) throw new AccessDeniedError('campaign.manage', null);
  const title = (options.title ?? titleFromFileName(fileName)).trim() || 'Анкета';
  const key = questionnaireKeyFor(title, territoryTagOf(actor));
  const latest = await deps.prisma.questionnaireVersion.findFirst({ where: { key }, orderBy: { version: 'desc' } });
  const version = (latest?.version ?? 0) + 1;
  const parsed = parseQuestionnaireFile(bytes, { id: key, title, version });
  if (!parsed.ok) return { ok: false, issues: parsed.issues, sheetName: parsed.sheetName, title };

  const summary = {
    ok: true as const,
    issues: parsed.issues,
    sheetName: parsed.sheetName,
    title,
    key,
    sections: parsed.questionnaire.sections.length,
    items: allItems(parsed.questionnaire).length,
    dryRun: options.dryRun ?? false,
  };
  if (latest && withoutVersion(latest.definition) === withoutVersion(parsed.definition)) {
    return { ...summary, version: latest.version, versionId: latest.id, unchanged: true };
  }
  if (options.dryRun) return { ...summary, version, versionId: null, unchanged: false };
  const created = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.questionnaireVersion.create({
      data: {
        key,
        version,
        title,
        source: `xlsx:${fileName}`.slice(0, 200),
        definition: parsed.definition as unknown as Prisma.InputJsonValue,
        createdById: actor.userId,
      },
    });
    await audit(tx, actor, {
      action: 'questionnaire.import',
      entity: 'QuestionnaireVersion',
      entityId: row.id,
      after: { key, version, title, fileName, items: summary.items },
    });
    return row;
  });
  return { ...summary, version, versionId: created.id, unchanged: false };
}
