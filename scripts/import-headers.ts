// Prints the README's tables of accepted import headers, or with --write puts them in the README
// in place of the old ones: node -r @swc-node/register scripts/import-headers.ts --write
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  IMPORT_HEADERS_BEGIN,
  IMPORT_HEADERS_END,
  renderImportHeaders,
} from '../src/modules/imports/import-headers-table';

const tables = renderImportHeaders();
if (process.argv.includes('--write')) {
  const file = join(__dirname, '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(IMPORT_HEADERS_BEGIN);
  const end = readme.indexOf(IMPORT_HEADERS_END, start);
  if (start < 0 || end < 0) {
    throw new Error('README.md has no import headers tables to replace');
  }
  writeFileSync(
    file,
    readme.slice(0, start) + tables + readme.slice(end + IMPORT_HEADERS_END.length),
  );
} else {
  console.log(tables);
}
