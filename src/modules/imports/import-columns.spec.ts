import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  acceptedHeaders,
  canonicalValue,
  headerKey,
  headerProblem,
  IMPORT_COLUMNS,
  matchHeader,
} from './import-columns';
import { renderImportHeaders } from './import-headers-table';
import { ImportKind } from './imports.types';

describe('import columns', () => {
  it.each(Object.values(ImportKind))('gives every %s header one column only', (kind) => {
    const owner = new Map<string, string>();
    for (const column of IMPORT_COLUMNS[kind]) {
      for (const header of acceptedHeaders(column)) {
        const key = headerKey(header);
        expect([key, owner.get(key) ?? column.name]).toEqual([key, column.name]);
        owner.set(key, column.name);
      }
    }
  });

  it('maps Dapodik and Indonesian headers, ignoring case, spaces and punctuation', () => {
    const match = matchHeader(ImportKind.Students, [
      'NISN',
      ' nik ',
      'Nama Peserta Didik',
      'Tgl. Lahir',
      'JK',
      'Jurusan',
      'KODE-WILAYAH-DOMISILI',
      'Tahun_Masuk',
      'Tempat Lahir',
      '',
      'Agama',
    ]);
    expect(match.columns.slice(0, 8)).toEqual([
      'nisn',
      'nik',
      'name',
      'birth_date',
      'gender',
      'program_code',
      'domicile_region_code',
      'enrolment_year',
    ]);
    expect(match).toMatchObject({ missing: [], repeated: [], ignored: ['Tempat Lahir', 'Agama'] });
    expect(headerProblem(match)).toBeNull();
  });

  it('names missing and repeated columns, by our names', () => {
    const match = matchHeader(ImportKind.Students, ['Nama', 'name', 'NISN', 'shoe_size']);
    expect(match.missing).toContain('nik');
    expect(match.repeated).toEqual(['name']);
    expect(match.ignored).toEqual(['shoe_size']);
    expect(headerProblem(match)).toMatch(
      /^missing columns: nik, birth_date, .*; repeated columns: name$/,
    );
  });

  it('maps Indonesian words of coded columns to our values, leaving others as given', () => {
    const [, , , , gender] = IMPORT_COLUMNS[ImportKind.Students];
    const outcomeStatus = IMPORT_COLUMNS[ImportKind.Outcomes][1];
    expect(canonicalValue(gender, 'Laki-Laki')).toBe('L');
    expect(canonicalValue(gender, 'P')).toBe('P');
    expect(canonicalValue(outcomeStatus, 'Mencari Kerja')).toBe('unemployed');
    expect(canonicalValue(outcomeStatus, 'astronaut')).toBe('astronaut');
  });

  it('is what the README lists (regenerate: scripts/import-headers.ts --write)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(renderImportHeaders());
  });
});
