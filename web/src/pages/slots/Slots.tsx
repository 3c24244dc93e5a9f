import { Anchor, Button, Group, Select, Table, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { useApiForm } from '../../components/form';
import { compact, useListParams } from '../../components/list-params';
import { CompanySelect } from '../../components/pickers';
import { useNames, useRegions } from '../../components/reference';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { TableFrame } from '../../components/DataTable';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

const STATUSES = ['draft', 'open', 'closed'] as const;
type Status = (typeof STATUSES)[number];

export default function Slots() {
  const { t } = useI18n();
  const notify = useNotify();
  const user = useUser();
  const queryClient = useQueryClient();
  const { page, values, set } = useListParams(['search', 'status', 'regionCode', 'companyId'] as const);
  const staff = user.role === 'admin' || user.role === 'coordinator';
  const regions = useRegions();
  const [search, setSearch] = useState(values.search);
  const action = useApiForm({});
  const list = useQuery({
    queryKey: ['slots', page, values],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(api.GET('/api/v1/slots', { params: { query: compact({ page, pageSize: 20, search: values.search, status: values.status as Status | '', regionCode: values.regionCode, companyId: values.companyId ? Number(values.companyId) : undefined }) } })),
  });

  async function change(id: number, to: 'open' | 'close') {
    const slot = await action.submit(() =>
      call(to === 'open' ? api.POST('/api/v1/slots/{id}/open', { params: { path: { id } } }) : api.POST('/api/v1/slots/{id}/close', { params: { path: { id } } })),
    );
    if (slot) {
      notify(t(to === 'open' ? 'slots.opened' : 'slots.closed', { title: slot.title }));
      await queryClient.invalidateQueries({ queryKey: ['slots'] });
    }
  }

  const canWrite = user.role !== 'student';
  const companies = useNames('company', staff ? (list.data?.items.map((s) => s.companyId) ?? []) : []);
  return (
    <>
      <PageTitle
        actions={
          canWrite && (
            <Button component={Link} to="/slots/new">
              {t('slots.add')}
            </Button>
          )
        }
      >
        {t('slots.title')}
      </PageTitle>
      <form
        role="search"
        aria-label={t('slots.filters')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set({ search });
        }}
      >
        <Group align="end" mb="md" wrap="wrap">
          <TextInput label={t('slots.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
          <Button type="submit" variant="light">
            {t('common.search')}
          </Button>
          <Select
            label={t('students.field.status')}
            placeholder={t('common.all')}
            clearable
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={values.status || null}
            onChange={(v) => set({ status: v })}
            w={170}
          />
          {staff && (
            <>
              <Select label={t('dashboard.region')} placeholder={t('common.all')} clearable searchable data={regions.data ?? []} value={values.regionCode || null} onChange={(v) => set({ regionCode: v })} w={240} />
              <CompanySelect label={t('agreements.field.company')} value={values.companyId} onChange={(v) => set({ companyId: v })} w={280} />
            </>
          )}
        </Group>
      </form>
      <Notice message={action.notice} error={list.error} />
      <TableFrame label={t('slots.caption')} minWidth={820}>
        <Table striped>
          <Table.Caption>{t('slots.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('slots.field.title')}</Table.Th>
              {staff && <Table.Th>{t('agreements.field.company')}</Table.Th>}
              <Table.Th>{t('slots.field.period')}</Table.Th>
              <Table.Th>{t('slots.field.seats')}</Table.Th>
              <Table.Th>{t('slots.field.stipend')}</Table.Th>
              <Table.Th>{t('students.field.status')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.title}</Table.Td>
                {staff && <Table.Td>{companies.get(s.companyId)}</Table.Td>}
                <Table.Td>
                  {fmt.date(s.startDate)} – {fmt.date(s.endDate)}
                </Table.Td>
                <Table.Td>
                  {fmt.number(s.filled)} / {fmt.number(s.capacity)}
                </Table.Td>
                <Table.Td>{fmt.rupiah(s.stipend)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={s.status} />
                </Table.Td>
                <Table.Td>
                  {/* The buttons keep their width; the ranking link's words wrap beside them. */}
                  <Group gap="xs" wrap="nowrap">
                  {canWrite && s.status !== 'open' && (
                    <Button size="xs" variant="light" style={{ flexShrink: 0 }} onClick={() => void change(s.id, 'open')} aria-label={t('slots.open_x', { title: s.title })}>
                      {t('slots.open')}
                    </Button>
                  )}
                  {canWrite && s.status === 'open' && (
                    <Button size="xs" variant="default" style={{ flexShrink: 0 }} onClick={() => void change(s.id, 'close')} aria-label={t('slots.close_x', { title: s.title })}>
                      {t('slots.close')}
                    </Button>
                  )}
                  {canWrite && (
                    <Anchor component={Link} to={`/slots/${s.id}/ranking`} size="sm" aria-label={t('ranking.link_x', { title: s.title })}>
                      {t('ranking.link')}
                    </Anchor>
                  )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {list.data?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={staff ? 7 : 6}>{t('common.empty')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </TableFrame>
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
    </>
  );
}
