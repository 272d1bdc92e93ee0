/**
 * One Fluent catalogue for every adapter: the bot (via the grammY plugin), the CLI and the
 * file writers render the same `locales/ru/*.ftl` keys. Each feature keeps its own .ftl file.
 */
import { join } from 'node:path';
import { I18n, type I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import { PROJECT_ROOT } from './projectRoot.ts';

export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');
const DEFAULT_LOCALE = 'ru';

export type TranslationVars = Record<string, string | number | Date>;

/** Typed for the narrowest context that has `t`, so it installs in the bot and in conversations. */
export function createI18n() {
  return new I18n<Context & I18nFlavor>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIR,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
  });
}

const shared = createI18n();

/** Renders a locale key outside a chat (CLI, spreadsheets, scheduler). */
export function t(key: string, vars?: TranslationVars): string {
  return shared.t(DEFAULT_LOCALE, key, vars);
}
