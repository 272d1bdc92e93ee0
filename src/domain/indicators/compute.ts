/**
 * The formulas of the programme indicators (catalog.ts): plain data in (IndicatorInputs), values
 * out. An indicator without data returns `missing` — what is absent and where it would come from —
 * never a zero made up from nothing.
 */
import type { ResultRow } from '../results/types.ts';
import { INDICATORS } from './catalog.ts';
import type {
  AnswerFact,
  IdentificationSnapshot,
  IndicatorDefinition,
  IndicatorInputs,
  IndicatorValue,
} from './types.ts';

type Outcome = { numerator: number; denominator: number } | { count: number } | { missing: string };

const FIOCO = 'fioco';
const RISK = 'risk';
const FINAL_MONITORING = 'final-monitoring';
const FAILURE_PREVENTION = 'failure-prevention';

const isRussian = (subject: string) => subject === 'Русский язык';
const isMath = (subject: string) => subject.startsWith('Математика');
const isGia = (row: ResultRow) => row.procedure.kind === 'OGE' || row.procedure.kind === 'EGE';

interface Figures {
  participants: number;
  failed: number;
  /** participant-weighted mean score over rows that have one; null when none has */
  mean: number | null;
}

function sum(rows: readonly ResultRow[]): Figures | null {
  let participants = 0;
  let failed = 0;
  let weighted = 0;
  let weight = 0;
  for (const row of rows) {
    participants += row.participants;
    failed += row.failed;
    if (row.meanScore !== null && row.meanScore !== undefined && row.participants > 0) {
      weighted += row.meanScore * row.participants;
      weight += row.participants;
    }
  }
  if (participants === 0) return null;
  return { participants, failed, mean: weight > 0 ? weighted / weight : null };
}

const failShare = (figures: Figures) => figures.failed / figures.participants;

/** Rows indexed by school code for one pass over the scope's results. */
class ResultIndex {
  private readonly bySchool = new Map<string, ResultRow[]>();
  constructor(rows: readonly ResultRow[]) {
    for (const row of rows) {
      const list = this.bySchool.get(row.schoolCode);
      if (list) list.push(row);
      else this.bySchool.set(row.schoolCode, [row]);
    }
  }
  figures(code: string, year: string, keep: (row: ResultRow) => boolean): Figures | null {
    return sum((this.bySchool.get(code) ?? []).filter((row) => row.year === year && keep(row)));
  }
}

const ogeRussian = (row: ResultRow) => row.procedure.kind === 'OGE' && isRussian(row.procedure.subject);
const ogeMath = (row: ResultRow) => row.procedure.kind === 'OGE' && isMath(row.procedure.subject);
const egeRussian = (row: ResultRow) => row.procedure.kind === 'EGE' && isRussian(row.procedure.subject);
const vpr = (subject: (s: string) => boolean, grade: number) => (row: ResultRow) =>
  row.procedure.kind === 'VPR' && subject(row.procedure.subject) && row.procedure.grade === grade;

function previousOf(year: string): string {
  const start = Number(year.slice(0, 4));
  return `${start - 1}/${start}`;
}

/** Share of schools for which `test` is true among those where it can be decided (null = undecidable). */
function shareOfSchools(codes: readonly string[], test: (code: string) => boolean | null, nothing: string): Outcome {
  let numerator = 0;
  let denominator = 0;
  for (const code of codes) {
    const answer = test(code);
    if (answer === null) continue;
    denominator++;
    if (answer) numerator++;
  }
  return denominator === 0 ? { missing: nothing } : { numerator, denominator };
}

function snapshot(inputs: IndicatorInputs, method: string, year: string): IdentificationSnapshot | null {
  const found = inputs.identification[method]?.[year];
  return found && found.evaluated.length > 0 ? found : null;
}

/** short: the note sits in a table column of the справка (QA: it ran ~20 lines) */
const ROADMAP_SUPPLY = 'код школы в «Ответственных»';

const noRun = (method: string, year: string) =>
  `нет идентификации (${method === FIOCO ? 'ШНОР по методике ФИОКО' : 'школы зоны риска'}) за ${year}: запустите /identify ${year.slice(5)}`;

function submittedAnswers(inputs: IndicatorInputs, key: string): AnswerFact[] {
  return inputs.answers.filter((answer) => answer.questionnaireKey === key && answer.submitted);
}

const asNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** Sum of two count items over schools that answered both (questionnaire v2 of §4.3). */
function countRatio(inputs: IndicatorInputs, numeratorItem: string, denominatorItem: string, supply: string): Outcome {
  const answers = submittedAnswers(inputs, FAILURE_PREVENTION);
  const bySchool = new Map<string, Map<string, unknown>>();
  for (const answer of answers) {
    if (answer.version < 2) continue;
    const items = bySchool.get(answer.schoolCode) ?? new Map<string, unknown>();
    items.set(answer.item, answer.value);
    bySchool.set(answer.schoolCode, items);
  }
  let numerator = 0;
  let denominator = 0;
  for (const items of bySchool.values()) {
    const top = asNumber(items.get(numeratorItem));
    const bottom = asNumber(items.get(denominatorItem));
    if (top === null || bottom === null) continue;
    numerator += top;
    denominator += bottom;
  }
  if (denominator > 0) return { numerator, denominator };
  const oldVersion = answers.some((answer) => answer.version < 2);
  return {
    missing: oldVersion
      ? `школы ответили по версии 1 анкеты (процент без количеств) — долю муниципалитета по ним честно не посчитать; нужна ${supply}`
      : `нет сданных ответов: ${supply}`,
  };
}

function computeOne(id: string, inputs: IndicatorInputs, index: ResultIndex): Outcome | null {
  const { year } = inputs;
  const previous = inputs.previousYear;
  const codes = inputs.schools.map((school) => school.code);
  const fioco = snapshot(inputs, FIOCO, year);
  const fiocoPrevious = snapshot(inputs, FIOCO, previous);
  const risk = snapshot(inputs, RISK, year);
  const riskPrevious = snapshot(inputs, RISK, previous);

  const regionFigures = (keep: (row: ResultRow) => boolean) =>
    sum(inputs.regionResults.filter((row) => row.year === year && keep(row)));
  const fiocoShare = (): Outcome =>
    fioco ? { numerator: fioco.flagged.length, denominator: fioco.evaluated.length } : { missing: noRun(FIOCO, year) };
  const giaDynamics = (subject: (s: string) => boolean): Outcome => {
    if (!fioco) return { missing: noRun(FIOCO, year) };
    const keep = (row: ResultRow) => isGia(row) && subject(row.procedure.subject);
    return shareOfSchools(
      fioco.flagged,
      (code) => {
        const now = index.figures(code, year, keep);
        const before = index.figures(code, previous, keep);
        return now && before ? failShare(now) < failShare(before) : null;
      },
      fioco.flagged.length === 0
        ? `в ${year} нет ШНОР`
        : `у ШНОР нет результатов ГИА за ${previous} и ${year} (загрузка результатов)`,
    );
  };
  const aboveRegion = (keep: (row: ResultRow) => boolean, what: string): Outcome => {
    const regional = regionFigures(keep);
    if (!regional) return { missing: `нет результатов ${what} по региону за ${year} (загрузка результатов)` };
    return shareOfSchools(
      codes,
      (code) => {
        const own = index.figures(code, year, keep);
        return own ? failShare(own) > failShare(regional) : null;
      },
      `нет результатов ${what} за ${year} (загрузка результатов)`,
    );
  };
  const meanFalling = (keep: (row: ResultRow) => boolean, what: string): Outcome => {
    const before2 = previousOf(previous);
    return shareOfSchools(
      codes,
      (code) => {
        const a = index.figures(code, before2, keep)?.mean ?? null;
        const b = index.figures(code, previous, keep)?.mean ?? null;
        const c = index.figures(code, year, keep)?.mean ?? null;
        return a === null || b === null || c === null ? null : b < a && c < b;
      },
      `нет среднего балла ${what} за ${before2}, ${previous} и ${year} (столбец «Средний балл» загрузки результатов)`,
    );
  };
  const vprCohort = (subject: (s: string) => boolean, what: string): Outcome =>
    shareOfSchools(
      codes,
      (code) => {
        const fifth = index.figures(code, year, vpr(subject, 5));
        const fourth = index.figures(code, previous, vpr(subject, 4));
        return fifth && fourth ? failShare(fifth) < failShare(fourth) : null;
      },
      `нет пары результатов ВПР (${what}): 4 класс за ${previous} и 5 класс за ${year}`,
    );
  const noFailures = (keep: (row: ResultRow) => boolean, what: string): Outcome =>
    shareOfSchools(
      codes,
      (code) => {
        const own = index.figures(code, year, keep);
        return own ? own.failed === 0 : null;
      },
      `нет результатов ${what} за ${year} (загрузка результатов)`,
    );
  const left = (now: IdentificationSnapshot | null, before: IdentificationSnapshot | null, method: string): Outcome => {
    if (!before) return { missing: noRun(method, previous) };
    if (!now) return { missing: noRun(method, year) };
    const flaggedNow = new Set(now.flagged);
    const evaluatedNow = new Set(now.evaluated);
    return shareOfSchools(
      before.flagged,
      (code) => (evaluatedNow.has(code) ? !flaggedNow.has(code) : null),
      `в ${previous} список был пуст`,
    );
  };
  const resourceDeficit = (snap: IdentificationSnapshot, code: string) =>
    (snap.criteria[code] ?? []).some((criterion) => criterion === 'material-base' || criterion === 'staff');

  switch (id) {
    case '000-1':
      return left(fioco, fiocoPrevious, FIOCO);
    case '000-2': {
      if (!fioco) return { missing: noRun(FIOCO, year) };
      return shareOfSchools(
        fioco.flagged,
        (code) => {
          const now = index.figures(code, year, () => true);
          const before = index.figures(code, previous, () => true);
          return now && before ? failShare(now) < failShare(before) : null;
        },
        fioco.flagged.length === 0
          ? `в ${year} нет ШНОР`
          : `у ШНОР нет результатов за ${previous} (загрузка результатов)`,
      );
    }
    case '000-7':
    case '003-2.3.3.5': {
      if (!fioco) return { missing: noRun(FIOCO, year) };
      const flagged = new Set(fioco.flagged);
      const answers = submittedAnswers(inputs, FINAL_MONITORING).filter((answer) => flagged.has(answer.schoolCode));
      const answered = new Set(answers.map((answer) => answer.schoolCode));
      const took = new Set(
        answers
          .filter((answer) => (answer.item === '14.7' || answer.item === '14.8') && (asNumber(answer.value) ?? 0) > 0)
          .map((answer) => answer.schoolCode),
      );
      if (answered.size === 0)
        return { missing: 'ни одна ШНОР не сдала «Итоговый мониторинг…» в этом учебном году (пункты 14.7, 14.8)' };
      return id === '000-7' ? { count: took.size } : { numerator: took.size, denominator: answered.size };
    }
    case '000-5':
    case '000-6': {
      // seed 000, Раздел I, «Основные показатели (индикаторы)», п. 5 «охваченных методической работой» and
      // п. 6 «которым оказана адресная методическая помощь», read from the year's roadmap (issue 13)
      if (!fioco) return { missing: noRun(FIOCO, year) };
      if (!inputs.roadmap) return { missing: `дорожная карта за ${year} не загружена (${ROADMAP_SUPPLY})` };
      const addressed = inputs.roadmap.filter((item) => item.schoolCode !== null);
      if (addressed.length === 0)
        return { missing: `в дорожной карте за ${year} нет мероприятий для школ (${ROADMAP_SUPPLY})` };
      const flagged = new Set(fioco.flagged);
      const schools = new Set(
        addressed
          .filter((item) => flagged.has(item.schoolCode!) && (id === '000-5' || item.done))
          .map((item) => item.schoolCode),
      );
      return { count: schools.size };
    }
    case '000-E.1':
    case '002-E.1':
    case '004-8':
      return fiocoShare();
    case '001-1':
      return aboveRegion(ogeRussian, 'ОГЭ по русскому языку');
    case '001-2':
      return aboveRegion(ogeMath, 'ОГЭ по математике');
    case '001-3':
      return meanFalling(ogeRussian, 'ОГЭ по русскому языку');
    case '001-4':
      return meanFalling(ogeMath, 'ОГЭ по математике');
    case '001-5':
      return shareOfSchools(
        codes,
        (code) => {
          const now = index.figures(code, year, ogeMath);
          const before = index.figures(code, previous, ogeMath);
          return now && before ? failShare(now) > failShare(before) : null;
        },
        `нет результатов ОГЭ по математике за ${previous} и ${year}`,
      );
    case '001-6': {
      const regional = regionFigures(egeRussian)?.mean ?? null;
      if (regional === null)
        return { missing: `нет среднего балла ЕГЭ по русскому языку по региону за ${year} (загрузка результатов)` };
      return shareOfSchools(
        codes,
        (code) => {
          const own = index.figures(code, year, egeRussian)?.mean ?? null;
          return own === null ? null : own < regional;
        },
        `нет среднего балла ЕГЭ по русскому языку за ${year}`,
      );
    }
    case '002-1': {
      const figures = sum(
        inputs.results.filter(
          (row) => row.year === year && (isRussian(row.procedure.subject) || isMath(row.procedure.subject)),
        ),
      );
      return figures
        ? { numerator: figures.failed, denominator: figures.participants }
        : { missing: `нет результатов ВПР/ОГЭ/ЕГЭ по русскому языку и математике за ${year}` };
    }
    case '002-VI.3': {
      if (!fioco) return { missing: noRun(FIOCO, year) };
      const flagged = new Set(fioco.flagged);
      const figures = sum(
        inputs.results.filter((row) => row.year === year && isGia(row) && flagged.has(row.schoolCode)),
      );
      return figures
        ? { numerator: figures.participants - figures.failed, denominator: figures.participants }
        : { missing: `у ШНОР нет результатов ОГЭ/ЕГЭ за ${year}` };
    }
    case '003-2.3.1.1':
      return giaDynamics(isMath);
    case '003-2.3.1.2':
      return giaDynamics(isRussian);
    case '003-3.3.1.1':
      return risk
        ? { numerator: risk.flagged.length, denominator: risk.evaluated.length }
        : { missing: noRun(RISK, year) };
    case '003-3.3.1.3':
      return left(risk, riskPrevious, RISK);
    case '003-3.3.2.1': {
      if (!risk) return { missing: noRun(RISK, year) };
      const snap = risk;
      return {
        numerator: snap.evaluated.filter((code) => resourceDeficit(snap, code)).length,
        denominator: snap.evaluated.length,
      };
    }
    case '003-3.3.2.2': {
      if (!riskPrevious) return { missing: noRun(RISK, previous) };
      if (!risk) return { missing: noRun(RISK, year) };
      const before = riskPrevious;
      const now = risk;
      const evaluated = new Set(now.evaluated);
      return shareOfSchools(
        before.evaluated.filter((code) => resourceDeficit(before, code)),
        (code) => (evaluated.has(code) ? !resourceDeficit(now, code) : null),
        `в ${previous} ресурсных дефицитов не было выявлено`,
      );
    }
    case '003-3.3.3.1':
      return vprCohort(isMath, 'математика');
    case '003-3.3.3.2':
      return vprCohort(isRussian, 'русский язык');
    case '003-3.3.3.3':
      return noFailures(ogeRussian, 'ОГЭ по русскому языку');
    case '003-3.3.3.4':
      return noFailures(ogeMath, 'ОГЭ по математике');
    case '003-4.3.1': {
      const answers = submittedAnswers(inputs, FAILURE_PREVENTION).filter((answer) => answer.item === '1');
      if (answers.length === 0)
        return { missing: 'нет сданных анкет «Профилактика учебной неуспешности» за этот учебный год (пункт 1)' };
      return { numerator: answers.filter((answer) => answer.value === true).length, denominator: answers.length };
    }
    case '003-4.3.2':
      return countRatio(inputs, '2.2', '2.1', 'анкета «Профилактика учебной неуспешности» версии 2, пункты 2.1 и 2.2');
    case '003-4.3.3':
      return countRatio(inputs, '3.2', '3.1', 'анкета «Профилактика учебной неуспешности» версии 2, пункты 3.1 и 3.2');
    case '004-2':
      if (codes.length === 0) return { missing: 'в области действия нет школ' };
      return fioco ? { numerator: fioco.evaluated.length, denominator: codes.length } : { missing: noRun(FIOCO, year) };
    case '004-6': {
      if (inputs.forms.length === 0) return { missing: 'в этом учебном году не было кампаний анкет (/launch)' };
      return {
        numerator: inputs.forms.filter((form) => form.submitted).length,
        denominator: inputs.forms.length,
      };
    }
    default:
      return null;
  }
}

function meets(definition: IndicatorDefinition, value: number): boolean | null {
  const target = definition.target;
  if (!target) return null;
  const epsilon = 1e-9;
  if (target.comparison === '<=') return value <= target.value + epsilon;
  if (target.comparison === '>=') return value >= target.value - epsilon;
  return Math.abs(value - target.value) < epsilon;
}

/** Every indicator of the catalogue for one scope and year. */
export function computeIndicators(inputs: IndicatorInputs): IndicatorValue[] {
  const index = new ResultIndex(inputs.results);
  return INDICATORS.map((definition) => {
    const base = {
      id: definition.id,
      title: definition.title,
      source: definition.source,
      unit: definition.unit,
      formula: definition.formula,
      target: definition.target ?? null,
    };
    const outcome = computeOne(definition.id, inputs, index) ?? { missing: definition.supply };
    if ('missing' in outcome) {
      return { ...base, numerator: null, denominator: null, value: null, onTarget: null, missing: outcome.missing };
    }
    if ('count' in outcome) {
      return {
        ...base,
        numerator: outcome.count,
        denominator: null,
        value: outcome.count,
        onTarget: meets(definition, outcome.count),
        missing: null,
      };
    }
    const value = outcome.numerator / outcome.denominator;
    return {
      ...base,
      numerator: outcome.numerator,
      denominator: outcome.denominator,
      value,
      onTarget: meets(definition, value),
      missing: null,
    };
  });
}
