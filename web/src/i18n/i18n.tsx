import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { API_TEXTS, interpolate, type ApiTextKey, type Locale } from '../../../src/common/i18n/problem-text';
import id from './id.json';
import enJson from './en.json';

export type { Locale };
/**
 * Every key of the console's own catalogue; en.json must have the same keys (tsc checks it). The
 * API's texts (its problems and errors, the names of the values they quote, the columns of the
 * reports it also gives as files: src/common/i18n/problem-text.ts) are merged in from its
 * catalogue, where they live once.
 */
export type MessageKey = keyof typeof id | ApiTextKey;
const en: Record<keyof typeof id, string> = enJson;
const catalogues: Record<Locale, Record<string, string>> = {
  id: { ...id, ...API_TEXTS.id },
  en: { ...en, ...API_TEXTS.en },
};
const LOCALE_KEY = 'smk.locale';

export type Translate = (key: MessageKey, vars?: Record<string, unknown>) => string;

interface I18nState {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
  /** The text of a key built at run time (an API code), or undefined when the catalogue lacks it. */
  maybe: (key: string, vars?: Record<string, unknown>) => string | undefined;
}

const I18nContext = createContext<I18nState | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'id',
  );
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(LOCALE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo<I18nState>(() => {
    const messages = catalogues[locale];
    const maybe = (key: string, vars?: Record<string, unknown>) =>
      key in messages ? interpolate(messages[key], vars) : undefined;
    return { locale, setLocale, maybe, t: (key, vars) => maybe(key, vars) ?? key };
  }, [locale, setLocale]);
  document.documentElement.lang = locale;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nState {
  const state = useContext(I18nContext);
  if (!state) {
    throw new Error('useI18n outside I18nProvider');
  }
  return state;
}

/* Dates, numbers and money are formatted for Indonesia whatever the language. */
const FORMAT_LOCALE = 'id-ID';
const dateFmt = new Intl.DateTimeFormat(FORMAT_LOCALE, { day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(FORMAT_LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const numberFmt = new Intl.NumberFormat(FORMAT_LOCALE);
const rupiahFmt = new Intl.NumberFormat(FORMAT_LOCALE, { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });
const percentFmt = new Intl.NumberFormat(FORMAT_LOCALE, { style: 'percent', maximumFractionDigits: 1 });

export const fmt = {
  date: (v: string | null | undefined) => (v ? dateFmt.format(new Date(v)) : '–'),
  dateTime: (v: string | null | undefined) => (v ? dateTimeFmt.format(new Date(v)) : '–'),
  number: (v: number | null | undefined) => (v === null || v === undefined ? '–' : numberFmt.format(v)),
  rupiah: (v: number | null | undefined) => (v === null || v === undefined ? '–' : rupiahFmt.format(v)),
  /** A share given as 0..1. */
  percent: (v: number | null | undefined) => (v === null || v === undefined ? '–' : percentFmt.format(v)),
};
