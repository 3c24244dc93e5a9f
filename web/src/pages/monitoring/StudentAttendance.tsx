import { Button, Card, FileInput, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, call } from '../../api/client';
import { useApiForm } from '../../components/form';
import { useListParams } from '../../components/list-params';
import { useNotify } from '../../components/notify';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import { ATTENDANCE_STATUSES, AttendanceTotals, CertificateCard, placementLine, todayWib, uploadImage, useMyPlacement, type AttendanceStatus } from './shared';
import { AttendanceRows } from './AttendanceRows';

interface DayValues extends Record<string, unknown> {
  day: string;
  status: AttendanceStatus;
  note: string;
  file: File | null;
}

/** The student's attendance (phone first): record a working day, see the totals and the days. */
export default function StudentAttendance() {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const mine = useMyPlacement();
  const placement = mine.data;
  const { page, set } = useListParams([] as const);
  const form = useApiForm<DayValues>({ day: todayWib(), status: 'hadir', note: '', file: null });
  const v = form.values;
  const days = useQuery({
    queryKey: ['placement', placement?.id, 'attendance', page],
    enabled: !!placement,
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/placements/{id}/attendance', { params: { path: { id: placement?.id as number }, query: { page, pageSize: 10 } } })),
  });
  const takesEvidence = v.status === 'izin' || v.status === 'sakit';

  async function record(e: FormEvent) {
    e.preventDefault();
    const id = placement?.id as number;
    const saved = await form.submit(async () => {
      const written = await call(api.PUT('/api/v1/placements/{id}/attendance/{day}', { params: { path: { id, day: v.day } }, body: { status: v.status, note: v.note || undefined } }));
      if (takesEvidence && v.file) {
        await uploadImage(`/api/v1/attendance/${written.id}/evidence`, v.file);
      }
      return written;
    }, ['file']);
    await queryClient.invalidateQueries({ queryKey: ['placement', id, 'attendance'] });
    if (saved) {
      notify(t('monitoring.attendance.saved', { date: fmt.date(saved.day), status: t(`monitoring.attendance.status.${saved.status}`) }));
      form.setValues((old) => ({ ...old, note: '', file: null }));
    }
  }

  return (
    <>
      <PageTitle>{t('monitoring.attendance.title')}</PageTitle>
      <Notice error={mine.error ?? days.error} />
      {mine.data === null && <Text>{t('monitoring.no_placement')}</Text>}
      {placement && (
        <>
          <Text mb="md">
            {placementLine(placement)}
          </Text>
          {placement.status === 'completed' && <CertificateCard placementId={placement.id} />}
          <AttendanceTotals placementId={placement.id} />
          {placement.status === 'active' && (
            <Card withBorder mb="lg">
              <form onSubmit={(e) => void record(e)} noValidate aria-labelledby="attendance-form-title">
                <Stack gap="sm">
                  <Title order={2} size="h4" id="attendance-form-title">
                    {t('monitoring.attendance.record')}
                  </Title>
                  <Notice message={form.notice} />
                  <TextInput label={t('monitoring.attendance.field.day')} type="date" required max={todayWib()} value={v.day} onChange={(e) => form.set('day', e.currentTarget.value)} error={form.errors.day} />
                  <Radio.Group label={t('monitoring.attendance.field.status')} required value={v.status} onChange={(s) => form.set('status', s as AttendanceStatus)} error={form.errors.status}>
                    <Group mt={6} gap="md">
                      {ATTENDANCE_STATUSES.map((s) => (
                        <Radio key={s} value={s} label={t(`monitoring.attendance.status.${s}`)} />
                      ))}
                    </Group>
                  </Radio.Group>
                  <TextInput label={t('monitoring.attendance.field.note')} value={v.note} onChange={(e) => form.set('note', e.currentTarget.value)} error={form.errors.note} />
                  {takesEvidence && (
                    <FileInput
                      label={t('monitoring.attendance.field.evidence')}
                      description={t('monitoring.upload_hint')}
                      accept="image/jpeg,image/png"
                      clearable
                      clearButtonProps={{ 'aria-label': t('common.clear_file') }}
                      value={v.file}
                      onChange={(f) => form.set('file', f)}
                      error={form.errors.file}
                    />
                  )}
                  <Group>
                    <Button type="submit" loading={form.busy}>
                      {t('monitoring.attendance.submit')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Card>
          )}
          <Title order={2} size="h4" mb="sm">
            {t('monitoring.attendance.days')}
          </Title>
          <AttendanceRows placementId={placement.id} rows={days.data?.items} canConfirm={false} />
          <Pager meta={days.data?.meta} onPage={(p) => set({ page: p })} />
        </>
      )}
    </>
  );
}
