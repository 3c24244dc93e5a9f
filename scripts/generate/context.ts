import {
  BANTEN_JOBS,
  BANTEN_POPULATION,
  BANTEN_SECTOR_WEIGHTS,
  PROFILE_SECTOR_WEIGHTS,
  SECTORS,
} from './catalogue';
import * as N from './names';
import { cumulative, Draw } from './random';
import type { Sql } from './writer';

export interface RegionRow {
  code: string;
  name: string;
  /** The name as schools and addresses use it: "Pandeglang", "Kabupaten Serang", "Kota Serang". */
  city: string;
  pop: number;
  jobs: number;
  /** Sectors present in the region and their cumulative weights. */
  sectorIdx: number[];
  sectorCum: Float64Array;
}

export interface SchoolRow {
  id: number;
  npsn: string;
  region: number;
  programs: string[];
}

/** What every part of the generator shares: one seeded stream, the connections, the regions. */
export interface GenContext {
  d: Draw;
  seed: number;
  batch: number;
  graduationYear: number;
  /** Slots start on or after this day; ages are judged on it. */
  ref: string;
  /** The main connection, and a second one for the biggest tables. */
  runner: Sql;
  side: Sql;
  regions: RegionRow[];
  popCum: Float64Array;
  jobsCum: Float64Array;
}

export function personName(d: Draw, female: boolean): string {
  const given = female ? N.FEMALE_NAMES : N.MALE_NAMES;
  const middle = d.chance(0.3) ? `${d.pick(given)} ` : '';
  return `${d.pick(given)} ${middle}${d.pick(N.FAMILY_NAMES)}`;
}

/** The first id to give in a table: ids are explicit, so the same seed gives the same rows. */
export async function nextId(sql: Sql, table: string): Promise<number> {
  const rows = (await sql(`SELECT COALESCE(MAX(id), 0) AS m FROM \`${table}\``)) as {
    m: string;
  }[];
  return Number(rows[0].m) + 1;
}

export async function loadRegions(sql: Sql, codes?: string[]): Promise<RegionRow[]> {
  const some = codes !== undefined && codes.length > 0;
  const rows = (await sql(
    some
      ? 'SELECT code, name, profiles FROM regions WHERE code IN (?) ORDER BY code'
      : "SELECT code, name, profiles FROM regions WHERE province_code = '36' ORDER BY code",
    some ? [codes] : [],
  )) as { code: string; name: string; profiles: string }[];
  if (rows.length === 0) {
    throw new Error(
      'no regions to populate: run the migrations (they seed Banten) or pass regionCodes',
    );
  }
  const names = new Set(rows.map((r) => r.name));
  return rows.map((r) => {
    const weights: Record<string, number> = { ...(BANTEN_SECTOR_WEIGHTS[r.code] ?? {}) };
    if (!BANTEN_SECTOR_WEIGHTS[r.code]) {
      for (const profile of r.profiles.split(',').filter(Boolean)) {
        for (const [key, w] of Object.entries(PROFILE_SECTOR_WEIGHTS[profile] ?? {})) {
          weights[key] = (weights[key] ?? 0) + w;
        }
      }
    }
    let sectorIdx = SECTORS.map((s, i) => (weights[s.key] ? i : -1)).filter((i) => i >= 0);
    if (sectorIdx.length === 0) {
      sectorIdx = SECTORS.map((_, i) => i);
    }
    return {
      code: r.code,
      name: r.name,
      city: cityName(r.name, names),
      pop: BANTEN_POPULATION[r.code] ?? 1,
      jobs: BANTEN_JOBS[r.code] ?? 1,
      sectorIdx,
      sectorCum: cumulative(sectorIdx.map((i) => weights[SECTORS[i].key] ?? 1)),
    };
  });
}

/**
 * "Kabupaten Pandeglang" (or the older "Kab. Pandeglang") is "Pandeglang" in an address, but
 * "Serang" alone is ambiguous where both Kabupaten and Kota Serang exist, as in Banten.
 */
function cityName(name: string, names: Set<string>): string {
  const prefix = ['Kabupaten ', 'Kab. '].find((p) => name.startsWith(p));
  if (prefix === undefined) {
    return name;
  }
  const bare = name.slice(prefix.length);
  return names.has(`Kota ${bare}`) ? `Kabupaten ${bare}` : bare;
}

export function regionCumulatives(regions: RegionRow[]): {
  popCum: Float64Array;
  jobsCum: Float64Array;
} {
  return {
    popCum: cumulative(regions.map((r) => r.pop)),
    jobsCum: cumulative(regions.map((r) => r.jobs)),
  };
}
