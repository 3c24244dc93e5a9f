import { Anchor, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { compact, useListParams } from '../../components/list-params';
import { CourseSelect } from '../../components/pickers';
import { useRegions } from '../../components/reference';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

type Cohort = Schemas['CohortResponseDto'];
type Status = Cohort['status'];
export const COHORT_STATUSES: Status[] = ['planned', 'running', 'completed', 'cancelled'];
const EMPTY = { courseId: '', name: '', startDate: '', endDate: '', capacity: 20 as number | string, regionCode: '' };

/** Training cohorts (angkatan) of a course: who runs them where, and how full they are. */
export default function Cohorts() {
  const { t } = useI18n();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const { page, values, set } = useListParams(['status', 'regionCode'] as const);
  const [creating, setCreating] = useState(false);
  const form = useApiForm(EMPTY);
  const list = useQuery({
    queryKey: ['cohorts', page, values],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(api.GET('/api/v1/cohorts', { params: { query: compact({ page, pageSize: 20, status: values.status as Status | '', regionCode: values.regionCode }) } })),
  });
  const regionName = new Map((regions.data ?? []).map((r) => [r.value, r.label]));

  async function create(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    const saved = await form.submit(() =>
      call(
        api.POST('/api/v1/cohorts', {
          body: {
            courseId: Number(v.courseId) || (undefined as unknown as number),
            name: v.name,
            startDate: v.startDate,
            endDate: v.endDate,
            capacity: Number(v.capacity),
            regionCode: v.regionCode,
          },
        }),
      ),
    );
    if (saved) {
      notify(t('cohorts.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: ['cohorts'] });
      void navigate(`/cohorts/${saved.id}`);
    }
  }

  return (
    <>
      <PageTitle actions={<Button onClick={() => setCreating(true)}>{t('cohorts.add')}</Button>}>{t('cohorts.title')}</PageTitle>
      <Group align="end" mb="md" wrap="wrap">
        <Select
          label={t('students.field.status')}
          placeholder={t('common.all')}
          clearable
          data={COHORT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={values.status || null}
          onChange={(v) => set({ status: v })}
          w={180}
        />
        <Select label={t('dashboard.region')} placeholder={t('common.all')} clearable searchable data={regions.data ?? []} value={values.regionCode || null} onChange={(v) => set({ regionCode: v })} w={260} />
      </Group>
      <Notice error={list.error} />
      <DataTable<Cohort>
        caption={t('cohorts.caption')}
        rows={list.data?.items}
        rowKey={(c) => c.id}
        columns={[
          {
            header: t('cohorts.field.name'),
            cell: (c) => (
              <Anchor component={Link} to={`/cohorts/${c.id}`}>
                {c.name}
              </Anchor>
            ),
          },
          { header: t('slots.field.period'), cell: (c) => `${fmt.date(c.startDate)} – ${fmt.date(c.endDate)}` },
          { header: t('dashboard.region'), cell: (c) => regionName.get(c.regionCode) ?? c.regionCode },
          { header: t('cohorts.field.seats'), cell: (c) => `${fmt.number(c.enrolledCount)} / ${fmt.number(c.capacity)}` },
          { header: t('students.field.status'), cell: (c) => <StatusBadge status={c.status} /> },
        ]}
      />
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('cohorts.new')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={(e) => void create(e)} noValidate>
          <Stack>
            <Notice message={form.notice} />
            <CourseSelect label={t('cohorts.field.course')} required value={form.values.courseId} onChange={(v) => form.set('courseId', v)} error={form.errors.courseId} w="100%" />
            <TextInput label={t('cohorts.field.name')} required value={form.values.name} onChange={(e) => form.set('name', e.currentTarget.value)} error={form.errors.name} />
            <SimpleGrid cols={2}>
              <TextInput label={t('slots.field.start')} type="date" required value={form.values.startDate} onChange={(e) => form.set('startDate', e.currentTarget.value)} error={form.errors.startDate} />
              <TextInput label={t('slots.field.end')} type="date" required value={form.values.endDate} onChange={(e) => form.set('endDate', e.currentTarget.value)} error={form.errors.endDate} />
              <NumberInput label={t('slots.field.capacity')} required min={1} value={form.values.capacity} onChange={(v) => form.set('capacity', v)} error={form.errors.capacity} />
              <Select label={t('dashboard.region')} required searchable data={regions.data ?? []} value={form.values.regionCode || null} onChange={(v) => form.set('regionCode', v ?? '')} error={form.errors.regionCode} />
            </SimpleGrid>
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
