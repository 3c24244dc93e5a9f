import { Anchor, Button, Group, Select, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { compact, useListParams } from '../../components/list-params';
import { useRegions } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

type Company = Schemas['CompanyDto'];

export default function Companies() {
  const { t } = useI18n();
  const notify = useNotify();
  const regions = useRegions();
  const queryClient = useQueryClient();
  const action = useApiForm({});
  const { page, values, set } = useListParams(['search', 'regionCode', 'verified'] as const);
  const [search, setSearch] = useState(values.search);
  const list = useQuery({
    queryKey: ['companies', page, values],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/companies', {
          params: {
            query: compact({
              page,
              pageSize: 20,
              search: values.search,
              regionCode: values.regionCode,
              verified: values.verified,
            }),
          },
        }),
      ),
  });

  async function verify(c: Company) {
    const done = await action.submit(() => call(api.POST('/api/v1/companies/{id}/verify', { params: { path: { id: c.id } } })));
    if (done) {
      notify(t('companies.verified_x', { name: c.name }));
      await queryClient.invalidateQueries({ queryKey: ['companies'] });
    }
  }

  return (
    <>
      <PageTitle>{t('companies.title')}</PageTitle>
      <form
        role="search"
        aria-label={t('companies.filters')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set({ search });
        }}
      >
        <Group align="end" mb="md" wrap="wrap">
          <TextInput label={t('companies.search')} description={t('companies.search_hint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
          <Button type="submit" variant="light">
            {t('common.search')}
          </Button>
          <Select label={t('dashboard.region')} placeholder={t('common.all')} clearable searchable data={regions.data ?? []} value={values.regionCode || null} onChange={(v) => set({ regionCode: v })} w={260} />
          <Select
            label={t('companies.verified')}
            placeholder={t('common.all')}
            clearable
            data={[
              { value: 'true', label: t('companies.verified.true') },
              { value: 'false', label: t('companies.verified.false') },
            ]}
            value={values.verified || null}
            onChange={(v) => set({ verified: v })}
            w={200}
          />
        </Group>
      </form>
      <Notice message={action.notice} error={list.error} />
      <DataTable<Company>
        caption={t('companies.caption')}
        rows={list.data?.items}
        rowKey={(c) => c.id}
        minWidth={860}
        columns={[
          {
            header: t('companies.field.name'),
            cell: (c) => (
              <Anchor component={Link} to={`/companies/${c.id}`}>
                {c.name}
              </Anchor>
            ),
          },
          { header: t('companies.field.nib'), cell: (c) => c.nib },
          { header: t('companies.field.kbliCode'), cell: (c) => c.kbliCode },
          { header: t('companies.field.workforceSize'), cell: (c) => fmt.number(c.workforceSize) },
          { header: t('companies.field.apprenticeLimit'), cell: (c) => fmt.number(c.apprenticeLimit) },
          {
            header: t('companies.verified'),
            cell: (c) =>
              c.verifiedAt ? (
                fmt.date(c.verifiedAt)
              ) : (
                <Button size="xs" variant="light" onClick={() => void verify(c)} aria-label={t('companies.verify_x', { name: c.name })}>
                  {t('companies.verify')}
                </Button>
              ),
          },
        ]}
      />
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
    </>
  );
}
