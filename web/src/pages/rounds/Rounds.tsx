import { Anchor, Button, Progress, Select, Table } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { compact, useListParams } from '../../components/list-params';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { TableFrame } from '../../components/DataTable';
import { fmt, useI18n } from '../../i18n/i18n';

const STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

export default function Rounds() {
  const { t } = useI18n();
  const { page, values, set } = useListParams(['status'] as const);
  const list = useQuery({
    queryKey: ['rounds', page, values],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(api.GET('/api/v1/matching-runs', { params: { query: compact({ page, pageSize: 20, status: values.status as Status | '' }) } })),
    // While a round runs, the list shows its progress too.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 2000 : false),
  });
  return (
    <>
      <PageTitle
        actions={
          <Button component={Link} to="/rounds/new">
            {t('rounds.start')}
          </Button>
        }
      >
        {t('rounds.title')}
      </PageTitle>
      <Select
        label={t('students.field.status')}
        placeholder={t('common.all')}
        clearable
        data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={values.status || null}
        onChange={(v) => set({ status: v })}
        w={200}
        mb="md"
      />
      <Notice error={list.error} />
      <TableFrame label={t('rounds.caption')} minWidth={720}>
        <Table striped highlightOnHover>
          <Table.Caption>{t('rounds.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rounds.round')}</Table.Th>
              <Table.Th>{t('rounds.mode')}</Table.Th>
              <Table.Th>{t('students.field.status')}</Table.Th>
              <Table.Th>{t('rounds.progress')}</Table.Th>
              <Table.Th>{t('rounds.created')}</Table.Th>
              <Table.Th>{t('rounds.published')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/rounds/${r.id}`}>
                    {t('rounds.round_n', { id: r.id })}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`rounds.mode.${r.mode}`)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>
                  <Progress value={r.progress} aria-label={t('rounds.progress_of', { id: r.id })} w={120} />
                </Table.Td>
                <Table.Td>{fmt.dateTime(r.createdAt)}</Table.Td>
                <Table.Td>{r.publishedAt ? fmt.dateTime(r.publishedAt) : '–'}</Table.Td>
              </Table.Tr>
            ))}
            {list.data?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>{t('common.empty')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </TableFrame>
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
    </>
  );
}
