/**
 * Recommended measures keyed by risk factor (issue #12), for the «аналитическая справка».
 * The default library quotes the seeds' measures (measures.default.json, each with its source);
 * `kurator report --docx --measures FILE.json` replaces it with a district's own, same shape:
 * `{ "<factor>": [{ "text": "…", "source": "…" }] }`. Factors: an identification method
 * (`fioco`, `regional`, `social`) or a risk-zone factor (`material-base`, `staff`,
 * `contingent`, `results`).
 */
import * as z from 'zod';
import defaults from './measures.default.json' with { type: 'json' };

export interface Measure {
  text: string;
  source: string;
}
export type MeasureLibrary = Readonly<Record<string, readonly Measure[]>>;

const librarySchema = z.record(
  z.string().min(1),
  z.array(z.strictObject({ text: z.string().trim().min(1), source: z.string().trim().min(1) })),
);

export const DEFAULT_MEASURES: MeasureLibrary = librarySchema.parse(defaults);

export type LibraryParse = { ok: true; library: MeasureLibrary } | { ok: false; problem: string };

export function parseMeasureLibrary(text: string): LibraryParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const parsed = librarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issue.path.join('.') || '(корень)'}: ${issue.message}` };
  }
  return { ok: true, library: parsed.data };
}

/** Measures for a flagged school: its method's, then those of each risk factor that fired, without repeats. */
export function measuresFor(
  library: MeasureLibrary,
  flags: ReadonlyArray<{ method: string; criteria: readonly string[] }>,
): Measure[] {
  const keys: string[] = [];
  for (const flag of flags) {
    keys.push(flag.method);
    if (flag.method === 'risk') keys.push(...flag.criteria);
  }
  const seen = new Set<string>();
  const measures: Measure[] = [];
  for (const key of keys) {
    for (const measure of library[key] ?? []) {
      if (seen.has(measure.text)) continue;
      seen.add(measure.text);
      measures.push(measure);
    }
  }
  return measures;
}
