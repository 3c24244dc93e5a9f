import { headerKey } from './import-columns';

/**
 * Programmes and regions by name, for files that name them instead of giving their codes
 * (`Teknik Kendaraan Ringan`, `Kabupaten Serang`). Pure: the maps are built by the runner.
 */
export interface ReferenceNames {
  /** headerKey(programme name) → code. */
  programs: ReadonlyMap<string, string>;
  /** regionKey(region name) → code; a name two regions share is left out. */
  regions: ReadonlyMap<string, string>;
}

export const NO_NAMES: ReferenceNames = { programs: new Map(), regions: new Map() };

const PROGRAM_CODE = /^[A-Za-z0-9]{1,20}$/;
const REGION_CODE = /^\d{4}$/;

/** A region's name as compared: `Kabupaten Serang`, `KAB. SERANG` and `Kab Serang` are one. */
export function regionKey(name: string): string {
  return headerKey(name.replace(/^\s*kabupaten\b/i, 'kab'));
}

export function namesOf(
  programs: readonly { code: string; name: string }[],
  regions: readonly { code: string; name: string }[],
): ReferenceNames {
  const byRegion = new Map<string, string>();
  const shared = new Set<string>();
  for (const r of regions) {
    const key = regionKey(r.name);
    if (byRegion.has(key)) {
      shared.add(key);
    }
    byRegion.set(key, r.code);
  }
  shared.forEach((key) => byRegion.delete(key));
  return {
    programs: new Map(programs.map((p) => [headerKey(p.name), p.code])),
    regions: byRegion,
  };
}

/** A programme's code from its code (any case) or its name; null when it is neither. */
export function programCodeOf(value: string, names: ReferenceNames): string | null {
  const byName = names.programs.get(headerKey(value));
  if (byName !== undefined) {
    return byName;
  }
  return PROGRAM_CODE.test(value) ? value.toUpperCase() : null;
}

/** A region's code from its code or its name; '' stays '' (an optional column left empty). */
export function regionCodeOf(value: string, names: ReferenceNames): string | null {
  if (value === '' || REGION_CODE.test(value)) {
    return value;
  }
  return names.regions.get(regionKey(value)) ?? null;
}
