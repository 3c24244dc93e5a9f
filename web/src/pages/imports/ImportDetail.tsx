import { Anchor, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { problemText } from '../../../../src/common/i18n/problem-text';
import { DownloadButtons } from '../../components/DownloadButtons';
import { useListParams } from '../../components/list-params';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { TableFrame } from '../../components/DataTable';
import { fmt, useI18n, type MessageKey } from '../../i18n/i18n';

const DONE = new Set(['completed', 'failed']);

export default function ImportDetail() {
  const { t, maybe, locale } = useI18n();
  const id = Number(useParams().id);
  const { page, set } = useListParams([]);
  // Polls until the import ends; the user may leave and come back, the job goes on.
  const job = useQuery({
    queryKey: ['import', id],
    queryFn: () => call(api.GET('/api/v1/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && DONE.has(q.state.data.status) ? false : 1000),
  });
  const done = job.data ? DONE.has(job.data.status) : false;
  const errors = useQuery({
    queryKey: ['import', id, 'errors', page],
    enabled: done,
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/imports/{id}/errors', { params: { path: { id }, query: { page, pageSize: 20 } } })),
  });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const d = job.data;
  const share = d && d.totalRows > 0 ? (d.processedRows / d.totalRows) * 100 : done ? 100 : 0;
  const counts: [MessageKey, number | undefined][] = [
    ['imports.created', d?.created],
    ['imports.updated', d?.updated],
    ['imports.unchanged', d?.unchanged],
    ['imports.rejected', d?.rejected],
  ];

  return (
    <>
      <PageTitle>{t('imports.detail.title', { name: d?.fileName ?? '' })}</PageTitle>
      <Notice problem={d?.failure} error={job.error} />
      <Paper withBorder p="lg" mb="lg">
        <Stack>
          <Group justify="space-between">
            {d && <StatusBadge status={d.status} />}
            <Text size="sm">{t('imports.progress', { done: fmt.number(d?.processedRows ?? 0), total: fmt.number(d?.totalRows ?? 0) })}</Text>
          </Group>
          <Progress value={share} size="lg" aria-label={t('imports.progress_label')} animated={!done} />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {counts.map(([label, value]) => (
              <div key={label}>
                <Text size="sm">{t(label)}</Text>
                <Text fw={700} fz="xl" data-testid={label}>
                  {fmt.number(value ?? 0)}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        </Stack>
      </Paper>
      {done && (
        <>
          <Group justify="space-between" align="end" mb="sm">
            <Title order={2} size="h4">
              {t('imports.rejected_rows')}
            </Title>
            {(d?.rejected ?? 0) > 0 && <DownloadButtons path={`/api/v1/imports/${id}/rejected?lang=${locale}`} name={`import-${id}-rejected`} onError={setDownloadError} />}
          </Group>
          <Notice error={downloadError} />
          <TableFrame label={t('imports.rejected_rows')} minWidth={320}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.row')}</Table.Th>
                  <Table.Th>{t('imports.field')}</Table.Th>
                  <Table.Th>{t('imports.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {errors.data?.items.map((e, i) => (
                  <Table.Tr key={`${e.row}-${e.field}-${i}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td ff="monospace">{e.field}</Table.Td>
                    <Table.Td>{problemText(e.reason, maybe)}</Table.Td>
                  </Table.Tr>
                ))}
                {errors.data?.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={3}>{t('imports.no_rejected')}</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager meta={errors.data?.meta} onPage={(p) => set({ page: p })} />
        </>
      )}
      <Anchor component={Link} to="/imports" mt="md" display="inline-block">
        {t('imports.back')}
      </Anchor>
    </>
  );
}
