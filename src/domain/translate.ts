/**
 * A message looked up by key with its variables: the one shape every presenter, keyboard and
 * domain text (answers quoted back) takes. The catalogue behind it is src/i18n.ts (Fluent,
 * locales/ru/*.ftl); the bot passes `ctx.t`, the CLI and documents pass `t`.
 */
export type Translate = (key: string, params?: Record<string, string | number>) => string;
