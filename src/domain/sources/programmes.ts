/**
 * The five programmes the seeds are (/work/shared/seeds/README.md), as a reader cites them: the
 * programme's title and the act that approved it, copied from each seed's header. Code comments,
 * docs and the data's `source` fields cite seeds by number and file («seed 001 (001_4a87….txt),
 * §2.1») so a developer can check the quotation; whatever a user reads goes through
 * `readerSource`, which puts the programme in place of the seed (issue 10: the identification
 * .xlsx «Источник» showed internal file names).
 */

export interface Programme {
  seed: '000' | '001' | '002' | '003' | '004';
  file: string;
  /** the title as the seed's header writes it */
  title: string;
  /** the approving act as the header gives it; null when the seed has none */
  act: string | null;
}

export const PROGRAMMES: readonly Programme[] = [
  {
    // 000, header: «Приложение к приказу комитета … Дубенский район от 20.02.2024 № 14»
    seed: '000',
    file: '000_3298bfe098e08142.txt',
    title:
      'Муниципальная программа по поддержке школ с низкими образовательными результатами и школ, ' +
      'функционирующих в неблагоприятных социальных условиях на территории Дубенского района на 2024 год',
    act: 'приложение к приказу комитета по образованию, культуре, молодежной политике, физической культуре и спорту администрации МО Дубенский район от 20.02.2024 № 14',
  },
  {
    // 001, header: «Отдел образования Администрации МО «Ельнинский район» … П Р И К А З 23.06.2020г № 98/1»
    seed: '001',
    file: '001_4a8724c71e328c13.txt',
    title:
      'Комплекс мер по работе со школами с низкими результатами обучения и школами, функционирующими ' +
      'в неблагоприятных социальных условиях в муниципальном образовании «Ельнинский район» Смоленской области',
    act: 'приказ Отдела образования Администрации МО «Ельнинский район» Смоленской области от 23.06.2020 № 98/1',
  },
  {
    // 002, «Раздел I. Паспорт Программы», «Наименование Программы»; the seed gives no act's number
    seed: '002',
    file: '002_dd18fa7dfe349f77.txt',
    title:
      'Программа «Повышение качества образования в общеобразовательных организациях» ' +
      'Новгородского муниципального района на 2021–2022 годы',
    act: null,
  },
  {
    // 003, first line; the seed gives no act's number
    seed: '003',
    file: '003_b4603cc6abcf662b.txt',
    title: 'Программа по повышению качества образования в школах г. Норильска на 2022-2024 год',
    act: null,
  },
  {
    // 004, header: «УТВЕРЖДЕНА Приказом управления образования № 35 от 17.01.2017 г.»
    seed: '004',
    file: '004_8126a1f7c96d8137.txt',
    title:
      'Муниципальная программа «Повышение качества образования в школах с низкими результатами обучения ' +
      'и функционирующих в сложных социальных условиях на территории Верхнебуреинского муниципального ' +
      'района на 2017 - 2020 годы»',
    act: 'приказ управления образования Верхнебуреинского муниципального района от 17.01.2017 № 35',
  },
];

/** «Программа …» (приказ …): the programme as a reader cites it. */
export function programmeCitation(programme: Programme): string {
  return programme.act ? `${programme.title} (${programme.act})` : programme.title;
}

/** «seed 001», «seed 001 (001_….txt, …)» or a bare file name, with the parenthesis that follows */
const SEED_REFERENCE = /\bseed (\d{3})(?: \((?:[^()]|\([^()]*\))*\))?|\b(\d{3})_[0-9a-f]{16}\.txt\b/g;

/**
 * A source as a user reads it: every seed reference replaced by its programme, the section and
 * item kept («seed 003 (…), §2.1» → «Программа … г. Норильска …, §2.1»). Texts without a seed
 * reference (a district's own measures library) pass unchanged.
 */
export function readerSource(source: string): string {
  return source.replace(SEED_REFERENCE, (whole, seed: string | undefined, fileSeed: string | undefined) => {
    const programme = PROGRAMMES.find((candidate) => candidate.seed === (seed ?? fileSeed));
    return programme ? programmeCitation(programme) : whole;
  });
}
