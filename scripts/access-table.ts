// Prints the access policy as the README's Markdown table, or with --write puts it in the
// README in place of the old one: node -r @swc-node/register scripts/access-table.ts --write
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAccessTable } from '../src/common/access/access-table';

const table = renderAccessTable();
if (process.argv.includes('--write')) {
  const file = join(__dirname, '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf('| resource | table |');
  const end = readme.indexOf('\n\n', start);
  if (start < 0 || end < 0) {
    throw new Error('README.md has no access policy table to replace');
  }
  writeFileSync(file, readme.slice(0, start) + table + readme.slice(end));
} else {
  console.log(table);
}
