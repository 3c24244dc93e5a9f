import { Anchor, Button, Group, Select, Table, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { compact, useListParams } from '../../components/list-params';
import { usePrograms } from '../../components/reference';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { TableFrame } from '../../components/DataTable';
import { useI18n } from '../../i18n/i18n';

const FILTERS = ['q', 'status', 'programCode', 'graduationYear', 'schoolId'] as const;
const STATUSES = ['enrolled', 'graduated', 'withdrawn'] as const;

export default function StudentsList() {
  const { t } = useI18n();
  const { page, values, set } = useListParams(FILTERS);
  const [q, setQ] = useState(values.q);
  const programs = usePrograms();
  const list = useQuery({
    queryKey: ['students', page, values],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/students', {
          params: {
            query: compact({
              page,
              pageSize: 20,
              q: values.q,
              status: values.status as (typeof STATUSES)[number] | '',
              programCode: values.programCode,
              graduationYear: values.graduationYear ? Number(values.graduationYear) : undefined,
              // Set by a school's page ("see this school's students"); a school admin sees only theirs.
              schoolId: values.schoolId ? Number(values.schoolId) : undefined,
            }),
          },
        }),
      ),
  });

  function search(e: FormEvent) {
    e.preventDefault();
    set({ q });
  }

  return (
    <>
      <PageTitle
        actions={
          <>
            <Button component={Link} to="/imports" variant="default">
              {t('students.import')}
            </Button>
            <Button component={Link} to="/students/new">
              {t('students.add')}
            </Button>
          </>
        }
      >
        {t('students.list.title')}
      </PageTitle>
      <form onSubmit={search} role="search" aria-label={t('students.list.filters')}>
        <Group align="end" mb="md" wrap="wrap">
          <TextInput
            label={t('students.list.search')}
            description={t('students.list.search_hint')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={260}
          />
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
          <Select
            label={t('students.field.programCode')}
            placeholder={t('common.all')}
            clearable
            searchable
            data={programs.data ?? []}
            value={values.programCode || null}
            onChange={(v) => set({ programCode: v })}
            w={240}
          />
          <TextInput
            label={t('students.field.graduationYear')}
            inputMode="numeric"
            value={values.graduationYear}
            onChange={(e) => set({ graduationYear: e.currentTarget.value.replace(/\D/g, '').slice(0, 4) })}
            w={130}
          />
        </Group>
      </form>
      <Notice error={list.error} />
      <TableFrame label={t('students.list.caption')} minWidth={720}>
        <Table striped highlightOnHover>
          <Table.Caption>{t('students.list.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('students.field.name')}</Table.Th>
              <Table.Th>{t('students.field.nisn')}</Table.Th>
              <Table.Th>{t('students.field.nik')}</Table.Th>
              <Table.Th>{t('students.field.programCode')}</Table.Th>
              <Table.Th>{t('students.field.graduationYear')}</Table.Th>
              <Table.Th>{t('students.field.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/students/${s.id}`}>
                    {s.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{s.nisn}</Table.Td>
                <Table.Td ff="monospace">{s.nikMasked}</Table.Td>
                <Table.Td>{s.programCode}</Table.Td>
                <Table.Td>{s.graduationYear ?? '–'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={s.status} />
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
