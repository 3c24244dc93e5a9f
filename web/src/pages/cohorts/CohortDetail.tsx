import { Button, Card, Group, SegmentedControl, SimpleGrid, Text } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { useListParams } from '../../components/list-params';
import { StudentSelect } from '../../components/pickers';
import { useRegionName } from '../../components/reference';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';
import { Field } from '../schools/SchoolDetail';

type Enrolment = Schemas['EnrolmentResponseDto'];
type State = 'enrolled' | 'withdrawn' | 'all';

/** One cohort: its state changes (start, cancel, complete) and who is enrolled in it. */
export default function CohortDetail() {
  const { t } = useI18n();
  const notify = useNotify();
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const { page, values, set } = useListParams(['state'] as const);
  const state = (values.state || 'enrolled') as State;
  const regionName = useRegionName();
  const action = useApiForm({});
  const enrol = useApiForm({ studentId: '' });
  const [lastAction, setLastAction] = useState<string | null>(null);
  const cohort = useQuery({
    queryKey: ['cohort', id],
    queryFn: () => call(api.GET('/api/v1/cohorts/{id}', { params: { path: { id } } })),
  });
  const enrolments = useQuery({
    queryKey: ['cohort', id, 'enrolments', page, state],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/cohorts/{id}/enrolments', { params: { path: { id }, query: { page, pageSize: 20, state } } })),
  });

  async function change(kind: 'start' | 'cancel' | 'complete') {
    setLastAction(kind);
    const path = `/api/v1/cohorts/{id}/${kind}` as const;
    const done = await action.submit(() => call(api.POST(path, { params: { path: { id } } })));
    if (done) {
      notify(t(`cohorts.done.${kind}`));
      await queryClient.invalidateQueries({ queryKey: ['cohort', id] });
      await queryClient.invalidateQueries({ queryKey: ['cohorts'] });
    }
  }

  async function addStudent() {
    const saved = await enrol.submit(() =>
      call(api.POST('/api/v1/cohorts/{id}/enrolments', { params: { path: { id } }, body: { studentId: Number(enrol.values.studentId) || (undefined as unknown as number) } })),
    );
    if (saved) {
      enrol.set('studentId', '');
      notify(t('cohorts.enrolled', { name: saved.studentName }));
      await queryClient.invalidateQueries({ queryKey: ['cohort', id] });
    }
  }

  const c = cohort.data;
  return (
    <>
      <PageTitle
        actions={
          c && (
            <>
              <StatusBadge status={c.status} />
              {c.status === 'planned' && (
                <Button onClick={() => void change('start')} loading={action.busy && lastAction === 'start'}>
                  {t('cohorts.start')}
                </Button>
              )}
              {c.status === 'running' && (
                <Button onClick={() => void change('complete')} loading={action.busy && lastAction === 'complete'}>
                  {t('cohorts.complete')}
                </Button>
              )}
              {(c.status === 'planned' || c.status === 'running') && (
                <Button variant="default" color="red" onClick={() => void change('cancel')} loading={action.busy && lastAction === 'cancel'}>
                  {t('cohorts.cancel')}
                </Button>
              )}
            </>
          )
        }
      >
        {c?.name ?? t('cohorts.title')}
      </PageTitle>
      <Notice message={action.notice} error={cohort.error} />
      {c && (
        <Card withBorder mb="lg">
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <Field label={t('slots.field.period')} value={`${fmt.date(c.startDate)} – ${fmt.date(c.endDate)}`} />
            <Field label={t('dashboard.region')} value={regionName(c.regionCode)} />
            <Field label={t('cohorts.field.seats')} value={`${fmt.number(c.enrolledCount)} / ${fmt.number(c.capacity)}`} />
            <Field label={t('cohorts.field.seats_left')} value={fmt.number(c.seatsLeft)} />
          </SimpleGrid>
        </Card>
      )}
      <Group align="end" mb="md" wrap="wrap" justify="space-between">
        <Group align="end">
          <StudentSelect label={t('cohorts.enrol_student')} value={enrol.values.studentId} onChange={(v) => enrol.set('studentId', v)} error={enrol.errors.studentId} />
          <Button onClick={() => void addStudent()} loading={enrol.busy} disabled={!enrol.values.studentId}>
            {t('cohorts.enrol')}
          </Button>
        </Group>
        <SegmentedControl
          aria-label={t('cohorts.field.state')}
          value={state}
          onChange={(v) => set({ state: v === 'enrolled' ? null : v })}
          data={(['enrolled', 'withdrawn', 'all'] as const).map((s) => ({ value: s, label: t(`cohorts.state.${s}`) }))}
        />
      </Group>
      <Notice message={enrol.notice} />
      <DataTable<Enrolment>
        caption={t('cohorts.enrolments')}
        rows={enrolments.data?.items}
        rowKey={(e) => e.id}
        columns={[
          { header: t('rounds.student'), cell: (e) => e.studentName },
          { header: t('cohorts.field.enrolledAt'), cell: (e) => fmt.date(e.enrolledAt) },
          { header: t('cohorts.field.state'), cell: (e) => <StatusBadge status={e.state} /> },
          { header: t('cohorts.field.attendance'), cell: (e) => (e.attendancePct === null ? '–' : `${e.attendancePct} %`) },
          { header: t('cohorts.field.result'), cell: (e) => (e.result ? t(`cohorts.result.${e.result}`) : '–') },
        ]}
      />
      <Pager meta={enrolments.data?.meta} onPage={(p) => set({ page: p })} />
      {c && <Text size="sm" mt="md">{t('cohorts.complete_hint')}</Text>}
    </>
  );
}
