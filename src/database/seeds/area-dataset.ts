import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Indonesia's administrative areas as the regions seed takes them (codes without dots). */
export interface AreaDataset {
  /** Where the data comes from, e.g. "idn-area-data 4.0.1". */
  source: string;
  provinces: { code: string; name: string }[];
  regions: { code: string; provinceCode: string; name: string; kind: 'kabupaten' | 'kota' }[];
  districts: { code: string; regionCode: string; name: string }[];
}

const PACKAGE = 'idn-area-data';

function readCsv(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(join(dir, file)), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
  });
}

/** `36.72.01` → `367201`, refusing anything else: a malformed code must not become a key. */
function code(dotted: string, digits: number, file: string): string {
  const plain = dotted.replace(/\./g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(plain)) {
    throw new Error(`${file}: code "${dotted}" is not ${digits} digits`);
  }
  return plain;
}

/**
 * Reads the provinces, regencies/cities and districts of the installed idn-area-data package
 * (MIT, Kemendagri codes). The package is ESM-only, so its CSV files are read directly.
 */
export function readAreaDataset(): AreaDataset {
  const pkg = require.resolve(`${PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  const dir = join(dirname(pkg), 'data');
  const provinces = readCsv(dir, 'provinces.csv').map((r) => ({
    code: code(r.code, 2, 'provinces.csv'),
    name: r.name,
  }));
  const regions = readCsv(dir, 'regencies.csv').map((r) => ({
    code: code(r.code, 4, 'regencies.csv'),
    provinceCode: code(r.province_code, 2, 'regencies.csv'),
    name: r.name,
    kind: r.name.startsWith('Kota ') ? ('kota' as const) : ('kabupaten' as const),
  }));
  const districts = readCsv(dir, 'districts.csv').map((r) => ({
    code: code(r.code, 6, 'districts.csv'),
    regionCode: code(r.regency_code, 4, 'districts.csv'),
    name: r.name,
  }));
  return { source: `${PACKAGE} ${version}`, provinces, regions, districts };
}
