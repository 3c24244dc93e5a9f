import { useQuery } from '@tanstack/react-query';
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
