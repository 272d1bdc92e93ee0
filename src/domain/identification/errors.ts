/** Bad input to an identification run (not bad data: missing data is reported, not thrown). */
export class IdentificationInputError extends Error {
  constructor(
    /** locale key (locales/ru/identify.ftl) */
    readonly key: string,
    readonly params: Record<string, string | number>,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'IdentificationInputError';
  }
}
