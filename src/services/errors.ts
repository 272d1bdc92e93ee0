/**
 * A refusal the user should read: a locale key (locales/ru/*.ftl) with its parameters.
 * Adapters render it with `t(error.key, error.params)`; nothing else about it is secret.
 */
export class UserError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'UserError';
  }
}
