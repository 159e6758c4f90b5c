import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en.ts';
import type { MessageKey, Messages } from './it.ts';
import { it } from './it.ts';

export type { MessageKey, Messages } from './it.ts';

export const LANGS = ['it', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const DICTIONARIES: Record<Lang, Messages> = { it, en };
const STORAGE_KEY = 'ponte.lang';
const LOCALES: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };

export type Vars = Record<string, string | number>;
export type TFunction = (key: MessageKey, vars?: Vars) => string;

export interface I18n {
  lang: Lang;
  locale: string;
  setLang: (lang: Lang) => void;
  t: TFunction;
  /** Looks up a dynamic key such as `role.${role}`; falls back to `fallback` when the key is unknown. */
  tx: (key: string, fallback: string, vars?: Vars) => string;
  formatDate: (iso: string | null | undefined) => string;
  formatDateTime: (iso: string | null | undefined) => string;
  formatNumber: (n: number) => string;
}

function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

function readStoredLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'it' || stored === 'en') return stored;
  } catch {
    // storage disabled: fall back to Italian
  }
  return 'it';
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore: the choice then lasts for this page only
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang];
    const locale = LOCALES[lang];
    const dateFmt = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Rome',
    });
    const numberFmt = new Intl.NumberFormat(locale);
    const t: TFunction = (key, vars) => interpolate(dict[key] ?? it[key] ?? key, vars);
    const tx = (key: string, fallback: string, vars?: Vars) => {
      const template = (dict as Record<string, string>)[key];
      return template === undefined ? fallback : interpolate(template, vars);
    };
    return {
      lang,
      locale,
      setLang,
      t,
      tx,
      formatDate: (iso) => {
        if (!iso) return '';
        // Calendar dates (YYYY-MM-DD) are formatted in UTC so they never shift by a day.
        const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
        return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
      },
      formatDateTime: (iso) => {
        if (!iso) return '';
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
      },
      formatNumber: (n) => numberFmt.format(n),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}

/** The translation function for the current language. */
export function useT(): TFunction {
  return useI18n().t;
}
