import { acceptedHeaders, IMPORT_COLUMNS } from './import-columns';
import { ImportKind } from './imports.types';

/**
 * The README's tables of accepted headers, one per import kind, from the alias table:
 * `node -r @swc-node/register scripts/import-headers.ts --write` puts them between the markers.
 */
export const IMPORT_HEADERS_BEGIN =
  '<!-- import headers: generated from src/modules/imports/import-columns.ts by scripts/import-headers.ts -->';
export const IMPORT_HEADERS_END = '<!-- /import headers -->';

const TITLES: Record<ImportKind, string> = {
  [ImportKind.Students]: 'Students (`POST /imports/students`; sample `docs/samples/students.csv`)',
  [ImportKind.Competencies]:
    'Competencies held (`POST /imports/competencies`; sample `docs/samples/competencies.csv`), upserted by student and unit',
  [ImportKind.Outcomes]:
    'Outcomes, tracer study (`POST /imports/outcomes`; sample `docs/samples/outcomes.csv`), checked by the same rules as `POST /api/v1/outcomes`',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderImportHeaders(): string {
  const parts: string[] = [IMPORT_HEADERS_BEGIN];
  for (const kind of Object.values(ImportKind)) {
    parts.push(
      '',
      `${TITLES[kind]}:`,
      '',
      '| column | required | also accepted as | format |',
      '|---|---|---|---|',
      ...IMPORT_COLUMNS[kind].map(
        (c) =>
          `| \`${c.name}\` | ${c.required ? 'yes' : 'no'} | ${acceptedHeaders(c)
            .slice(1)
            .map((h) => `\`${cell(h)}\``)
            .join(', ')} | ${cell(c.format)} |`,
      ),
    );
  }
  parts.push('', IMPORT_HEADERS_END);
  return parts.join('\n');
}
