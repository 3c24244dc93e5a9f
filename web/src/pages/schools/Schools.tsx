import { Anchor, Button, Group, Select, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { compact, useListParams } from '../../components/list-params';
import { useRegions } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';

type School = Schemas['SchoolResponseDto'];

export default function Schools() {
  const { t } = useI18n();
  const regions = useRegions();
  const { page, values, set } = useListParams(['q', 'regionCode', 'active'] as const);
  const [q, setQ] = useState(values.q);
  const list = useQuery({
    queryKey: ['schools', page, values],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/schools', {
          params: {
            query: compact({
              page,
              pageSize: 20,
              q: values.q,
              regionCode: values.regionCode,
              active: values.active === '' ? undefined : values.active === 'true',
              sort: 'name' as const,
            }),
          },
        }),
      ),
  });
  const regionName = new Map((regions.data ?? []).map((r) => [r.value, r.label]));
  return (
    <>
      <PageTitle>{t('schools.title')}</PageTitle>
      <form
        role="search"
        aria-label={t('schools.filters')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set({ q });
        }}
      >
        <Group align="end" mb="md" wrap="wrap">
          <TextInput label={t('schools.search')} description={t('schools.search_hint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={260} />
          <Button type="submit" variant="light">
            {t('common.search')}
          </Button>
          <Select label={t('dashboard.region')} placeholder={t('common.all')} clearable searchable data={regions.data ?? []} value={values.regionCode || null} onChange={(v) => set({ regionCode: v })} w={260} />
          <Select
            label={t('schools.active')}
            placeholder={t('common.all')}
            clearable
            data={[
              { value: 'true', label: t('schools.active.true') },
              { value: 'false', label: t('schools.active.false') },
            ]}
            value={values.active || null}
            onChange={(v) => set({ active: v })}
            w={160}
          />
        </Group>
      </form>
      <Notice error={list.error} />
      <DataTable<School>
        caption={t('schools.caption')}
        rows={list.data?.items}
        rowKey={(s) => s.id}
        columns={[
          {
            header: t('schools.field.name'),
            cell: (s) => (
              <Anchor component={Link} to={`/schools/${s.id}`}>
                {s.name}
              </Anchor>
            ),
          },
          { header: t('schools.field.npsn'), cell: (s) => s.npsn },
          { header: t('dashboard.region'), cell: (s) => regionName.get(s.regionCode) ?? s.regionCode },
          { header: t('schools.field.status'), cell: (s) => t(`schools.status.${s.status}`) },
          { header: t('schools.field.accreditation'), cell: (s) => s.accreditation ?? '–' },
          { header: t('schools.active'), cell: (s) => t(s.active ? 'schools.active.true' : 'schools.active.false') },
        ]}
      />
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
    </>
  );
}
