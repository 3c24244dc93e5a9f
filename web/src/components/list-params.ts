import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A list's page, page size and filters live in the URL's query string, so a link reproduces
 * what a colleague sees. Empty values are dropped; changing a filter goes back to page 1.
 */
export function useListParams<K extends string>(filters: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const values = Object.fromEntries(filters.map((f) => [f, params.get(f) ?? ''])) as Record<K, string>;
  const set = useCallback(
    (changes: Partial<Record<K | 'page', string | number | null>>) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (!('page' in changes)) {
          next.delete('page');
        }
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === undefined || v === '') {
            next.delete(k);
          } else {
            next.set(k, String(v));
          }
        }
        return next;
      });
    },
    [setParams],
  );
  return { page, values, set };
}

/** Drops empty strings and turns numeric filters into numbers for the API's query. */
export function compact<T extends Record<string, unknown>>(q: T): { [K in keyof T]?: Exclude<T[K], ''> } {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as {
    [K in keyof T]?: Exclude<T[K], ''>;
  };
}
