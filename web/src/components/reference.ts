import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { useAuth } from '../auth/AuthProvider';

/** The whole country's regions (514 regencies/cities) in one page, fetched once. */
const allRegions = {
  queryKey: ['regions'],
  staleTime: Infinity,
  queryFn: async () => (await call(api.GET('/api/v1/regions', { params: { query: { pageSize: 1000 } } }))).items.filter((r) => !r.retired),
};

/**
 * The regions the signed-in user acts in: a coordinator limited to some regions (`regionCodes`)
 * sees and acts only there (DESIGN.md), so their selects offer only those; null for every region.
 */
function useOwnRegions(): Set<string> | null {
  const { user } = useAuth();
  return user?.role === 'coordinator' && user.regionCodes.length > 0 ? new Set(user.regionCodes) : null;
}

/** Reference data for selects: regions and programmes change rarely, so they are cached long. */
export function useRegions(provinceCode?: string | null) {
  const own = useOwnRegions();
  return useQuery({
    ...allRegions,
    select: (items) =>
      items
        .filter((r) => (!provinceCode || r.provinceCode === provinceCode) && (!own || own.has(r.code)))
        .map((r) => ({ value: r.code, label: `${r.name} (${r.code})` })),
  });
}

/** A region's name by its code, from the same cached list ("Kab. Serang"); the code until it comes. */
export function useRegionName(): (code: string) => string {
  const names = useQuery({ ...allRegions, select: (items) => new Map(items.map((r) => [r.code, r.name])) });
  return (code) => names.data?.get(code) ?? code;
}

/** The provinces, for a select: from the same cached list of regions (a region-limited coordinator's only). */
export function useProvinces() {
  const own = useOwnRegions();
  return useQuery({
    ...allRegions,
    select: (items) =>
      [...new Map(items.filter((r) => !own || own.has(r.code)).map((r) => [r.provinceCode, r.provinceName])).entries()].map(([value, label]) => ({
        value,
        label,
      })),
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

/** Names of the schools, companies or students a page's rows point to: one list call (`ids=`) per page. */
export function useNames(kind: 'school' | 'company' | 'student', ids: (number | null | undefined)[]): Map<number, string> {
  const unique = [...new Set(ids.filter((i): i is number => typeof i === 'number'))].sort((a, b) => a - b);
  const query = { ids: unique.join(','), pageSize: 100 };
  const found = useQuery({
    queryKey: [kind, 'names', query.ids],
    enabled: unique.length > 0,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const page =
        kind === 'school'
          ? await call(api.GET('/api/v1/schools', { params: { query } }))
          : kind === 'company'
            ? await call(api.GET('/api/v1/companies', { params: { query } }))
            : await call(api.GET('/api/v1/students', { params: { query } }));
      return new Map(page.items.map((row) => [row.id, row.name]));
    },
  });
  return new Map(unique.map((id) => [id, found.data?.get(id) ?? `#${id}`]));
}

/**
 * Names of the competency units a page cites (a round's explanations and reasons), by code: one
 * list call (`codes=`) per hundred codes. A code stands for itself until its name is known.
 */
export function useUnitNames(codes: (string | null | undefined)[]): (code: string) => string {
  const unique = [...new Set(codes.filter((c): c is string => typeof c === 'string' && c !== ''))].sort();
  const found = useQuery({
    queryKey: ['units', 'names', unique.join(',')],
    enabled: unique.length > 0,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const chunks = Array.from({ length: Math.ceil(unique.length / 100) }, (_, i) => unique.slice(i * 100, i * 100 + 100));
      const pages = await Promise.all(chunks.map((chunk) => call(api.GET('/api/v1/competency-units', { params: { query: { codes: chunk.join(','), pageSize: 100 } } }))));
      return new Map(pages.flatMap((page) => page.items.map((u) => [u.code, u.name] as const)));
    },
  });
  return (code) => found.data?.get(code) ?? code;
}
