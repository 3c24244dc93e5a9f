import { Table, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * A table's frame on a narrow screen: native scrolling, focusable and named, so a keyboard user
 * can scroll a wide table on a phone (a scrolling region nobody can reach is an axe violation).
 * Its caption stays in view as the table scrolls (`.table-frame` in app.css).
 */
export function TableFrame({ label, minWidth, mt, children }: { label: string; minWidth: number; mt?: MantineSpacing; children: ReactNode }) {
  return (
    <Table.ScrollContainer className="table-frame" minWidth={minWidth} mt={mt} type="native" tabIndex={0} role="region" aria-label={label}>
      {children}
    </Table.ScrollContainer>
  );
}

/** A list's table: a caption for screen readers, one header per column, an empty row when empty. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  minWidth = 720,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string | number;
  minWidth?: number;
}) {
  const { t } = useI18n();
  return (
    <TableFrame label={caption} minWidth={minWidth}>
      <Table striped highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.header}>{c.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows?.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((c) => (
                <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          {rows?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{t('common.empty')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
