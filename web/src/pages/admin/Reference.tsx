import { Button, Group, Modal, Select, Stack, Tabs, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { compact, useListParams } from '../../components/list-params';
import { useProvinces } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { useI18n } from '../../i18n/i18n';

type Region = Schemas['RegionDto'];
type Program = Schemas['ProgramDto'];
type Unit = Schemas['CompetencyUnitDto'];

/** Reference data: the regions (BPS), the SMK programmes and the competency units (SKKNI). */
export default function Reference() {
  const { t } = useI18n();
  const { page, values, set } = useListParams(['tab', 'q', 'sector', 'province'] as const);
  const tab = values.tab || 'regions';
  return (
    <>
      <PageTitle>{t('reference.title')}</PageTitle>
      <Tabs value={tab} onChange={(v) => set({ tab: v === 'regions' ? null : v })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="regions">{t('reference.regions')}</Tabs.Tab>
          <Tabs.Tab value="programs">{t('reference.programs')}</Tabs.Tab>
          <Tabs.Tab value="units">{t('reference.units')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="regions">
          <Regions page={page} q={values.q} province={values.province} set={(c) => set({ ...c, tab: values.tab })} />
        </Tabs.Panel>
        <Tabs.Panel value="programs">
          <Programs />
        </Tabs.Panel>
        <Tabs.Panel value="units">
          <Units page={page} q={values.q} sector={values.sector} set={(c) => set({ ...c, tab: 'units' })} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** The country's 514 regencies and cities: by province, or by a part of the name. */
function Regions({ page, q, province, set }: { page: number; q: string; province: string; set: (c: Record<string, string | number | null>) => void }) {
  const { t } = useI18n();
  const provinces = useProvinces();
  const [search, setSearch] = useState(q);
  const list = useQuery({
    queryKey: ['regions', 'page', page, q, province],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/regions', { params: { query: compact({ page, pageSize: 20, q, provinceCode: province }) } })),
  });
  return (
    <>
      <form
        role="search"
        aria-label={t('reference.regions')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set({ q: search });
        }}
      >
        <Group align="end" mb="md">
          <Select label={t('dashboard.province')} placeholder={t('common.all')} clearable searchable data={provinces.data ?? []} value={province || null} onChange={(v) => set({ province: v })} w={240} />
          <TextInput label={t('reference.name')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={240} />
          <Button type="submit" variant="light">
            {t('common.search')}
          </Button>
        </Group>
      </form>
      <Notice error={list.error} />
      <DataTable<Region>
        caption={t('reference.regions')}
        rows={list.data?.items}
        rowKey={(r) => r.code}
        columns={[
          { header: t('reference.code'), cell: (r) => r.code },
          { header: t('reference.name'), cell: (r) => r.name },
          { header: t('reference.kind'), cell: (r) => r.kind },
          { header: t('reference.province'), cell: (r) => r.provinceName },
          { header: t('reference.profiles'), cell: (r) => r.profiles.join(', ') },
        ]}
      />
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
    </>
  );
}

function Programs() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['programs'], staleTime: Infinity, queryFn: () => call(api.GET('/api/v1/programs')) });
  return (
    <>
      <Notice error={list.error} />
      <DataTable<Program>
        caption={t('reference.programs')}
        rows={list.data}
        rowKey={(p) => p.code}
        columns={[
          { header: t('reference.code'), cell: (p) => p.code },
          { header: t('reference.name'), cell: (p) => p.name },
          { header: t('reference.field'), cell: (p) => p.field },
        ]}
      />
    </>
  );
}

function Units({ page, q, sector, set }: { page: number; q: string; sector: string; set: (c: Record<string, string | number | null>) => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const user = useUser();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);
  const form = useApiForm({ code: '', name: '', sector: '' });
  const list = useQuery({
    queryKey: ['competency-units', 'page', page, q, sector],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/competency-units', { params: { query: compact({ page, pageSize: 20, q, sector }) } })),
  });

  async function create(e: FormEvent) {
    e.preventDefault();
    const saved = await form.submit(() => call(api.POST('/api/v1/competency-units', { body: form.values })));
    if (saved) {
      setCreating(false);
      form.setValues({ code: '', name: '', sector: '' });
      notify(t('reference.unit_created', { code: saved.code }));
      await queryClient.invalidateQueries({ queryKey: ['competency-units'] });
    }
  }

  return (
    <>
      <form
        role="search"
        aria-label={t('reference.units')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set({ q: search });
        }}
      >
        <Group align="end" mb="md" justify="space-between">
          <Group align="end">
            <TextInput label={t('reference.unit_search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
            <Button type="submit" variant="light">
              {t('common.search')}
            </Button>
          </Group>
          {user.role === 'admin' && <Button onClick={() => setCreating(true)}>{t('reference.unit_add')}</Button>}
        </Group>
      </form>
      <Notice error={list.error} />
      <DataTable<Unit>
        caption={t('reference.units')}
        rows={list.data?.items}
        rowKey={(u) => u.code}
        columns={[
          { header: t('reference.code'), cell: (u) => u.code },
          { header: t('reference.name'), cell: (u) => u.name },
          { header: t('reference.sector'), cell: (u) => u.sector },
          { header: t('reference.kind'), cell: (u) => u.kind },
        ]}
      />
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('reference.unit_add')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={(e) => void create(e)} noValidate>
          <Stack>
            <Notice message={form.notice} />
            <TextInput label={t('reference.code')} required value={form.values.code} onChange={(e) => form.set('code', e.currentTarget.value)} error={form.errors.code} />
            <TextInput label={t('reference.name')} required value={form.values.name} onChange={(e) => form.set('name', e.currentTarget.value)} error={form.errors.name} />
            <TextInput label={t('reference.sector')} required value={form.values.sector} onChange={(e) => form.set('sector', e.currentTarget.value)} error={form.errors.sector} />
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
