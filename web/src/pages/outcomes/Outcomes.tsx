import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { compact, useListParams } from '../../components/list-params';
import { StudentSelect } from '../../components/pickers';
import { useRegionName, useRegions } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

type Outcome = Schemas['OutcomeResponseDto'];
type Status = Outcome['status'];
const STATUSES: Status[] = ['employed', 'apprenticeship', 'self_employed', 'studying', 'unemployed', 'not_in_labour_force'];
const EMPTY = { studentId: '', status: 'employed' as Status, outcomeDate: '', employerName: '', regionCode: '', notes: '' };

/** What became of the school's graduates (keterserapan): the latest state of each, or every record. */
export default function Outcomes() {
  const { t } = useI18n();
  const notify = useNotify();
  const regions = useRegions();
  const regionName = useRegionName();
  const queryClient = useQueryClient();
  const { page, values, set } = useListParams(['status', 'all'] as const);
  const [recording, setRecording] = useState(false);
  const form = useApiForm(EMPTY);
  const list = useQuery({
    queryKey: ['outcomes', page, values],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(api.GET('/api/v1/outcomes', { params: { query: compact({ page, pageSize: 20, status: values.status as Status | '', latestOnly: values.all !== 'true' }) } })),
  });
  const students = useQuery({
    queryKey: ['students', 'names', list.data?.items.map((o) => o.studentId).join(',')],
    enabled: (list.data?.items.length ?? 0) > 0,
    queryFn: () => call(api.GET('/api/v1/students', { params: { query: { pageSize: 100 } } })),
  });
  const name = new Map((students.data?.items ?? []).map((s) => [s.id, s.name]));

  async function record(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    const saved = await form.submit(() =>
      call(
        api.POST('/api/v1/outcomes', {
          body: {
            studentId: v.studentId ? Number(v.studentId) : undefined,
            status: v.status,
            outcomeDate: v.outcomeDate,
            employerName: v.employerName || undefined,
            regionCode: v.regionCode || undefined,
            notes: v.notes || undefined,
          },
        }),
      ),
    );
    if (saved) {
      setRecording(false);
      form.setValues(EMPTY);
      notify(t('outcomes.recorded'));
      await queryClient.invalidateQueries({ queryKey: ['outcomes'] });
    }
  }

  return (
    <>
      <PageTitle actions={<Button onClick={() => setRecording(true)}>{t('outcomes.record')}</Button>}>{t('outcomes.title')}</PageTitle>
      <Group align="end" mb="md" wrap="wrap">
        <Select
          label={t('students.field.status')}
          placeholder={t('common.all')}
          clearable
          data={STATUSES.map((s) => ({ value: s, label: t(`outcomes.status.${s}`) }))}
          value={values.status || null}
          onChange={(v) => set({ status: v })}
          w={240}
        />
        <Checkbox label={t('outcomes.all_records')} checked={values.all === 'true'} onChange={(e) => set({ all: e.currentTarget.checked ? 'true' : null })} mb={8} />
      </Group>
      <Notice error={list.error} />
      <DataTable<Outcome>
        caption={t('outcomes.caption')}
        rows={list.data?.items}
        rowKey={(o) => o.id}
        minWidth={860}
        columns={[
          { header: t('rounds.student'), cell: (o) => name.get(o.studentId) ?? `#${o.studentId}` },
          { header: t('students.field.status'), cell: (o) => t(`outcomes.status.${o.status}`) },
          { header: t('outcomes.field.outcomeDate'), cell: (o) => fmt.date(o.outcomeDate) },
          { header: t('outcomes.field.employerName'), cell: (o) => o.employerName || '–' },
          { header: t('dashboard.region'), cell: (o) => (o.regionCode ? regionName(o.regionCode) : '–') },
          { header: t('outcomes.field.source'), cell: (o) => t(`outcomes.source.${o.source}`) },
        ]}
      />
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
      <Modal opened={recording} onClose={() => setRecording(false)} title={t('outcomes.record')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={(e) => void record(e)} noValidate>
          <Stack>
            <Notice message={form.notice} />
            <StudentSelect label={t('rounds.student')} required value={form.values.studentId} onChange={(v) => form.set('studentId', v)} error={form.errors.studentId} w="100%" />
            <SimpleGrid cols={2}>
              <Select
                label={t('students.field.status')}
                required
                data={STATUSES.map((s) => ({ value: s, label: t(`outcomes.status.${s}`) }))}
                value={form.values.status}
                onChange={(v) => form.set('status', (v ?? 'employed') as Status)}
                error={form.errors.status}
              />
              <TextInput label={t('outcomes.field.outcomeDate')} type="date" required value={form.values.outcomeDate} onChange={(e) => form.set('outcomeDate', e.currentTarget.value)} error={form.errors.outcomeDate} />
              <TextInput label={t('outcomes.field.employerName')} value={form.values.employerName} onChange={(e) => form.set('employerName', e.currentTarget.value)} error={form.errors.employerName} />
              <Select label={t('dashboard.region')} clearable searchable data={regions.data ?? []} value={form.values.regionCode || null} onChange={(v) => form.set('regionCode', v ?? '')} error={form.errors.regionCode} />
            </SimpleGrid>
            <Textarea label={t('placements.notes')} value={form.values.notes} onChange={(e) => form.set('notes', e.currentTarget.value)} error={form.errors.notes} />
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
