import { describe, expect, it } from 'vitest';
import {
  failedFromShare,
  ResultRowValidator,
  validateResultRow,
  type ResultRowInput,
} from '../../../src/domain/results/validateRow.ts';

const context = {
  knownSchools: new Map([
    ['sch100001', 'МБОУ «СОШ № 1»'],
    ['sch100002', 'Гимназия № 2'],
  ]),
};

function input(overrides: Partial<ResultRowInput> = {}): ResultRowInput {
  return {
    year: '2023/2024',
    schoolCode: 'sch100001',
    schoolName: null,
    kind: 'ВПР',
    subject: 'Математика',
    grade: 5,
    participants: 28,
    failed: 3,
    failedShare: null,
    m2: null,
    m3: null,
    m4: null,
    m5: null,
    meanScore: null,
    ...overrides,
  };
}

const codes = (overrides: Partial<ResultRowInput>) =>
  validateResultRow(input(overrides), context).problems.map((p) => `${p.severity}:${p.field}:${p.code}`);

describe('validateResultRow', () => {
  it('returns the normalised row when all is well', () => {
    expect(
      validateResultRow(
        input({ schoolCode: ' SCH100001 ', year: 2024, m2: 3, m3: 10, m4: 10, m5: 5, meanScore: 3.6 }),
        context,
      ),
    ).toEqual({
      row: {
        schoolCode: 'sch100001',
        year: '2023/2024',
        procedure: { kind: 'VPR', subject: 'Математика', grade: 5 },
        participants: 28,
        failed: 3,
        marks: { m2: 3, m3: 10, m4: 10, m5: 5 },
        meanScore: 3.6,
      },
      problems: [],
    });
  });

  it('rejects more failed than participants, and counts that are not whole and non-negative', () => {
    expect(codes({ failed: 31 })).toEqual(['error:failed:results-failed-exceeds-participants']);
    expect(codes({ participants: -1 })).toEqual(['error:participants:results-count-invalid']);
    expect(codes({ failed: 2.5 })).toEqual(['error:failed:results-count-invalid']);
  });

  it('checks the marks: they add up to the participants, and «2» is «Не справились» for ВПР and ОГЭ', () => {
    expect(codes({ m2: 3, m3: 10, m4: 10, m5: 6 })).toEqual(['error:m2:results-marks-sum']);
    expect(codes({ m2: 4, m3: 10, m4: 10, m5: 4 })).toEqual(['error:failed:results-failed-not-marks']);
    // an empty mark next to filled ones is zero
    expect(codes({ m2: 3, m3: 25, m4: null, m5: null })).toEqual([]);
    // ЕГЭ: marks and the minimum score are different things
    expect(codes({ kind: 'ЕГЭ', subject: 'Математика (базовая)', grade: null, m2: 4, m3: 10, m4: 10, m5: 4 })).toEqual(
      [],
    );
  });

  it('takes «Не справились» from «2» or from the share when the count is missing', () => {
    const fromMarks = validateResultRow(input({ failed: null, m2: 4, m3: 10, m4: 10, m5: 4 }), context);
    expect(fromMarks.row?.failed).toBe(4);
    const fromShare = validateResultRow(input({ failed: null, failedShare: 17.9 }), context);
    expect(fromShare.row?.failed).toBe(5);
    expect(codes({ failed: null })).toEqual(['error:failed:results-failed-required']);
    expect(codes({ failed: null, failedShare: 120 })).toEqual(['error:failedShare:results-share-range']);
  });

  it('warns when a given share does not match the count', () => {
    expect(codes({ failed: 3, failedShare: 10.7 })).toEqual([]);
    expect(codes({ failed: 3, failedShare: 25 })).toEqual(['warning:failedShare:results-share-mismatch']);
  });

  it('rounds a share to the nearest count, halves up', () => {
    expect(failedFromShare(30, 15)).toBe(5); // 4.5
    expect(failedFromShare(33.3, 15)).toBe(5); // 4.995
    expect(failedFromShare(17.8, 28)).toBe(5); // 4.984
    expect(failedFromShare(0, 28)).toBe(0);
    expect(failedFromShare(100, 28)).toBe(28);
  });

  it('names unknown and malformed school codes, and warns on a name that differs', () => {
    expect(validateResultRow(input({ schoolCode: 'sch999999' }), context).problems).toEqual([
      { severity: 'error', field: 'schoolCode', code: 'results-school-unknown', params: { code: 'sch999999' } },
    ]);
    expect(codes({ schoolCode: '100001' })).toEqual(['error:schoolCode:results-school-code-format']);
    expect(codes({ schoolName: 'МБОУ "СОШ №1"' })).toEqual([]);
    expect(codes({ schoolName: 'МБОУ «СОШ № 3»' })).toEqual(['warning:schoolName:results-school-name-mismatch']);
  });

  it('reports each missing required value on its own field', () => {
    expect(codes({ year: null, schoolCode: ' ', kind: null, subject: null, participants: null })).toEqual([
      'error:year:results-year-required',
      'error:schoolCode:results-school-code-required',
      'error:kind:results-kind-required',
      'error:subject:results-subject-required',
      'error:participants:results-participants-required',
    ]);
  });

  it('stays silent about cells the reader already reported, but does not return the row', () => {
    const outcome = validateResultRow(input({ participants: undefined }), context);
    expect(outcome).toEqual({ row: null, problems: [] });
  });

  it('checks grade, subject and mean score against the procedure', () => {
    expect(codes({ grade: 9 })).toEqual(['error:grade:results-grade-not-held']);
    expect(codes({ kind: 'ЕГЭ', grade: 11 })).toEqual(['error:subject:results-subject-math-level-required']);
    expect(codes({ meanScore: 120 })).toEqual(['error:meanScore:results-mean-range']);
  });
});

describe('ResultRowValidator', () => {
  it('finds the same school, year and procedure twice and names the first row', () => {
    const validator = new ResultRowValidator(context);
    expect(validator.validate(input(), 2).problems).toEqual([]);
    expect(validator.validate(input({ grade: 6 }), 3).problems).toEqual([]);
    expect(validator.validate(input({ schoolCode: 'sch100002' }), 4).problems).toEqual([]);
    expect(validator.validate(input({ year: '2022/2023' }), 5).problems).toEqual([]);
    const duplicate = validator.validate(input({ year: '2023-2024', subject: 'матем.' }), 6);
    expect(duplicate.row).toBeNull();
    expect(duplicate.problems).toEqual([
      {
        severity: 'error',
        field: 'schoolCode',
        code: 'results-duplicate-row',
        params: { first: '2', code: 'sch100001', year: '2023/2024', procedure: 'ВПР, Математика, 5 класс' },
      },
    ]);
  });
});
