import { Group, Select, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { compact, useListParams } from '../../components/list-params';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { TableFrame } from '../../components/DataTable';
import { fmt, useI18n } from '../../i18n/i18n';
import { MonitoringActions } from '../monitoring/Assign';
import { PlacementActions } from './actions';

type Status = Schemas['PlacementDto']['status'];
const STATUSES: Status[] = ['proposed', 'offered', 'accepted', 'active', 'completed', 'declined', 'withdrawn', 'terminated'];

export default function Placements() {
  const { t } = useI18n();
  const user = useUser();
  const { page, values, set } = useListParams(['status'] as const);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['placements', page, values],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: compact({ page, pageSize: 20, status: values.status as Status | '' }) } })),
  });
  return (
    <>
      <PageTitle>{t('placements.title')}</PageTitle>
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
      <Notice message={notice} error={list.error} />
      <TableFrame label={t('placements.caption')} minWidth={820}>
        <Table striped>
          <Table.Caption>{t('placements.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rounds.student')}</Table.Th>
              <Table.Th>{t('rounds.slot')}</Table.Th>
              <Table.Th>{t('students.field.status')}</Table.Th>
              <Table.Th>{t('placements.deadline')}</Table.Th>
              <Table.Th>{t('slots.field.period')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.studentName}</Table.Td>
                <Table.Td>
                  {p.slotTitle}
                  <Text size="sm">{p.companyName}</Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={p.status} />
                </Table.Td>
                <Table.Td>{fmt.dateTime(p.offerDeadline)}</Table.Td>
                <Table.Td>
                  {fmt.date(p.startDate)} – {fmt.date(p.endDate)}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <PlacementActions placement={p} role={user.role} onNotice={setNotice} />
                    <MonitoringActions placement={p} role={user.role} />
                  </Group>
                </Table.Td>
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
