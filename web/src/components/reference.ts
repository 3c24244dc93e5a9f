import { useQueries, useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

/** Reference data for selects: regions and programmes change rarely, so they are cached long. */
export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    staleTime: Infinity,
    queryFn: () => call(api.GET('/api/v1/regions', { params: { query: { pageSize: 100 } } })),
    select: (page) => page.items.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` })),
  });
}

export function usePrograms() {
  return useQuery({
    queryKey: ['programs'],
    staleTime: Infinity,
    queryFn: () => call(api.GET('/api/v1/programs')),
    select: (items) => items.map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` })),
  });
}

/** Names of the schools or companies a page's rows point to, each fetched once and cached. */
export function useNames(kind: 'school' | 'company', ids: (number | null | undefined)[]): Map<number, string> {
  const unique = [...new Set(ids.filter((i): i is number => typeof i === 'number'))];
  const found = useQueries({
    queries: unique.map((id) => ({
      queryKey: [kind, id],
      staleTime: 5 * 60_000,
      queryFn: () =>
        kind === 'school'
          ? call(api.GET('/api/v1/schools/{id}', { params: { path: { id } } }))
          : call(api.GET('/api/v1/companies/{id}', { params: { path: { id } } })),
    })),
  });
  return new Map(unique.map((id, i) => [id, found[i]?.data?.name ?? `#${id}`]));
}
