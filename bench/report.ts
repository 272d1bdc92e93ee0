/**
 * `npm run bench:report` — the committee's .xlsx report for 1,000 schools (issue #12): 9 procedures
 * × 3 years of results (27,000 rows), identification lists with evidence, two campaigns with every
 * school's answers, a roadmap with items for every ШНОР, all indicators. Prints the time to compute
 * the indicators and write the formatted workbook (9 sheets), the time to write the same result rows
 * (same 9 columns, same streaming writer) with no styles, widths, filters or other sheets — the
 * floor, measured in the same run — and their ratio; and the справка (.docx with charts). Target:
 * the formatted report under 3 s (issue #12). The database read is not included: services/reports.ts
 * reads a scope with a fixed number of queries (no query per school; a few per campaign).
 */
import '../src/v8Flags.ts'; // the bot's V8 settings (npm run bench:report also passes its semi-space size)
import { cpus, loadavg } from 'node:os';
import { computeIndicators } from '../src/domain/indicators/compute.ts';
import type { IndicatorInputs } from '../src/domain/indicators/types.ts';
import { getBuiltinQuestionnaire } from '../src/domain/questionnaires/builtin/index.ts';
import type { ResultRow } from '../src/domain/results/types.ts';
import { writeSpravka } from '../src/documents/docx/spravka.ts';
import { writeReportWorkbook } from '../src/documents/xlsx-report/writeReport.ts';
import { writePlainResults } from './lib/plainResults.ts';
import { seededRandom } from '../test/helpers/regionSample.ts';
import { t } from '../src/i18n.ts';
import type { ReportData } from '../src/services/reports.ts';
import type { RoadmapItemView, RoadmapView } from '../src/services/roadmapState.ts';

const SCHOOLS = 1_000;
const YEARS = ['2021/2022', '2022/2023', '2023/2024'];
const PROCEDURES = [
  { kind: 'VPR', subject: 'Математика', grade: 4 },
  { kind: 'VPR', subject: 'Русский язык', grade: 4 },
  { kind: 'VPR', subject: 'Математика', grade: 5 },
  { kind: 'VPR', subject: 'Русский язык', grade: 5 },
  { kind: 'VPR', subject: 'Математика', grade: 8 },
  { kind: 'OGE', subject: 'Математика', grade: 9 },
  { kind: 'OGE', subject: 'Русский язык', grade: 9 },
  { kind: 'EGE', subject: 'Русский язык', grade: 11 },
  { kind: 'EGE', subject: 'Математика (профильная)', grade: 11 },
] as const;
const RUNS = 3;

function dataset(): ReportData {
  const next = seededRandom(7);
  const schools = Array.from({ length: SCHOOLS }, (_, i) => ({
    code: `sch${100000 + i}`,
    name: `МБОУ СОШ № ${i + 1}`,
    municipality: `Район ${1 + (i % 20)}`,
  }));
  const results: ResultRow[] = [];
  for (const year of YEARS)
    for (const procedure of PROCEDURES)
      for (const school of schools) {
        const participants = 5 + Math.floor(next() * 100);
        results.push({
          schoolCode: school.code,
          year,
          procedure: { ...procedure },
          participants,
          failed: Math.round(participants * next() ** 6 * 0.5),
          meanScore: procedure.kind === 'VPR' ? null : 10 + next() * 50,
        });
      }
  const flagged = schools.filter((_, i) => i % 17 === 0);
  const inputs: IndicatorInputs = {
    year: YEARS[2]!,
    previousYear: YEARS[1]!,
    schools,
    results,
    regionResults: results.filter((row) => row.year === YEARS[2]),
    identification: {
      fioco: {
        [YEARS[2]!]: { evaluated: schools.map((s) => s.code), flagged: flagged.map((s) => s.code), criteria: {} },
      },
    },
    answers: [],
    forms: [],
  };
  const questionnaire = getBuiltinQuestionnaire('failure-prevention');
  const answers = schools.map((school) => ({
    schoolCode: school.code,
    schoolName: school.name,
    answerSet: {
      questionnaireId: questionnaire.id,
      version: questionnaire.version,
      answers: { '1': true, '2.1': 12, '2.2': 7, '3.1': 4, '3.2': 3 },
    },
  }));
  return {
    generatedAt: new Date().toISOString(),
    year: YEARS[2]!,
    previousYear: YEARS[1]!,
    scope: { kind: 'region', name: 'Синтетическая область', schools: SCHOOLS },
    schools,
    indicators: computeIndicators(inputs),
    lists: (['fioco', 'risk', 'social', 'regional'] as const).map((method) => ({
      method,
      run: { year: YEARS[2]!, ranAt: new Date().toISOString(), by: { kind: 'system' } },
      evaluated: SCHOOLS,
      flagged: (method === 'fioco' ? flagged : []).map((school) => ({
        ...school,
        criteria: ['two-procedures'],
        evidence: [
          {
            kind: 'result' as const,
            year: YEARS[2]!,
            procedure: 'vpr-math-5',
            participants: 40,
            failed: 14,
            share: 0.35,
            threshold: 0.3,
            comparison: '>=' as const,
          },
        ],
      })),
      labels: { 'vpr-math-5': 'ВПР по математике (5 класс)' },
    })),
    results,
    campaigns: [1, 2].map((id) => ({
      id,
      title: `Профилактика учебной неуспешности (${id} полугодие)`,
      questionnaireKey: questionnaire.id,
      createdAt: new Date().toISOString(),
      deadline: new Date().toISOString(),
      total: SCHOOLS,
      submitted: SCHOOLS,
      questionnaire,
      answers,
    })),
    imports: [{ fileName: 'результаты.xlsx', at: new Date().toISOString(), rows: results.length }],
    roadmaps: { imported: 1, roadmaps: [roadmap(flagged)] },
    missing: [],
  };
}

/** A roadmap of 20 committee items and 3 items for each ШНОР, a third of them overdue. */
function roadmap(flagged: ReadonlyArray<{ code: string }>): RoadmapView {
  const item = (id: number, section: string, schoolCode: string | null): RoadmapItemView => ({
    id,
    section,
    number: `${id}.`,
    title: `Мероприятие дорожной карты № ${id}`,
    deadlineText: 'до 01.12.2023',
    deadline: { kind: 'date', date: '2023-12-01' },
    dueDate: '2023-12-01',
    responsible: schoolCode ?? 'Комитет',
    schoolId: schoolCode === null ? null : id,
    result: 'Аналитическая справка',
    status: id % 3 === 0 ? 'done' : 'open',
    doneAt: id % 3 === 0 ? new Date().toISOString() : null,
    comment: id % 3 === 0 ? 'Приказ № 5' : null,
  });
  const items = [
    ...Array.from({ length: 20 }, (_, i) => item(i + 1, 'I. Организационное обеспечение', null)),
    ...flagged.flatMap((school, i) =>
      [0, 1, 2].map((k) => item(21 + i * 3 + k, 'II. Адресная поддержка ШНОР', school.code)),
    ),
  ];
  const overdue = items.filter((entry) => entry.status === 'open' && entry.id % 3 === 1);
  return {
    id: 1,
    title: 'Дорожная карта 2024',
    scope: 'Синтетическая область',
    total: items.length,
    done: items.filter((entry) => entry.status === 'done').length,
    sections: [],
    dueSoon: [],
    overdue,
    items,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** CPU time (user + system) of the work, besides wall time: less swayed by other processes' load. */
const cpu: Record<'formatted' | 'plain', number[]> = { formatted: [], plain: [] };

async function time(work: () => Promise<unknown>, kind?: 'formatted' | 'plain'): Promise<number> {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(startedCpu);
  if (kind) cpu[kind].push((used.user + used.system) / 1000);
  return performance.now() - started;
}

const data = dataset();
const formatted: number[] = [];
const plain: number[] = [];
let size = 0;
for (let run = 0; run < RUNS; run++) {
  formatted.push(
    await time(async () => {
      data.indicators = computeIndicators({
        year: data.year,
        previousYear: data.previousYear,
        schools: data.schools,
        results: data.results,
        regionResults: data.results.filter((row) => row.year === data.year),
        identification: {},
        answers: [],
        forms: [],
      });
      size = (await writeReportWorkbook(data, t)).length;
    }, 'formatted'),
  );
  plain.push(await time(() => writePlainResults(data), 'plain'));
}
const spravka = await time(() => writeSpravka(data, t));
const f = median(formatted);
const p = median(plain);
console.log(
  `bench:report — ${SCHOOLS} schools, ${data.results.length} result rows, ${RUNS} runs (median); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
);
console.log(`  formatted .xlsx (indicators + 9 sheets): ${f.toFixed(0)} ms, ${(size / 1024).toFixed(0)} KiB`);
console.log(`  the same result rows, no formatting:     ${p.toFixed(0)} ms`);
console.log(`  ratio formatted / plain:                 ${(f / p).toFixed(2)}`);
console.log(
  `  CPU time (user + system), median:       formatted ${median(cpu.formatted).toFixed(0)} ms, plain ${median(cpu.plain).toFixed(0)} ms`,
);
console.log(`  справка .docx with charts:               ${spravka.toFixed(0)} ms`);
console.log(`  target: formatted report < 3000 ms — ${f < 3000 ? 'met' : 'NOT met'}`);
