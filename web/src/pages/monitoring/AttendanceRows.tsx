import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { useApiForm } from '../../components/form';
import { useNotify } from '../../components/notify';
import { Notice, StatusBadge } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import { AuthedImage, type Attendance } from './shared';

/** A placement's attendance days, each with its state; the mentor confirms them here. */
export function AttendanceRows({ placementId, rows, canConfirm }: { placementId: number; rows: Attendance[] | undefined; canConfirm: boolean }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const action = useApiForm({});
  const [shown, setShown] = useState<number | null>(null);

  async function confirm(row: Attendance) {
    const done = await action.submit(() => call(api.POST('/api/v1/attendance/{id}/confirm', { params: { path: { id: row.id } } })));
    if (done) {
      notify(t('monitoring.attendance.confirmed_x', { date: fmt.date(row.day) }));
      await queryClient.invalidateQueries({ queryKey: ['placement', placementId, 'attendance'] });
    }
  }

  return (
    <Stack gap="xs">
      <Notice message={action.notice} />
      {rows?.map((row) => (
        <Card key={row.id} withBorder padding="sm" component="article" aria-labelledby={`day-${row.id}`}>
          <Group justify="space-between" wrap="nowrap" align="start">
            <Text fw={600} id={`day-${row.id}`}>
              {fmt.date(row.day)}
            </Text>
            <StatusBadge status={`attendance_${row.status}`} />
          </Group>
          {row.note && <Text size="sm">{row.note}</Text>}
          <Text size="sm" c={row.confirmedAt ? 'teal.9' : 'dark.5'}>
            {row.confirmedAt ? t('monitoring.attendance.confirmed_at', { at: fmt.dateTime(row.confirmedAt) }) : t('monitoring.attendance.unconfirmed')}
          </Text>
          <Group gap="xs" mt={4}>
            {row.hasEvidence && (
              <Button size="xs" variant="default" onClick={() => setShown(shown === row.id ? null : row.id)} aria-label={t('monitoring.attendance.evidence_x', { date: fmt.date(row.day) })} aria-expanded={shown === row.id}>
                {t('monitoring.attendance.evidence')}
              </Button>
            )}
            {canConfirm && !row.confirmedAt && (
              <Button size="xs" onClick={() => void confirm(row)} loading={action.busy} aria-label={t('monitoring.attendance.confirm_x', { date: fmt.date(row.day) })}>
                {t('monitoring.attendance.confirm')}
              </Button>
            )}
          </Group>
          {shown === row.id && <AuthedImage path={`/api/v1/attendance/${row.id}/evidence`} alt={t('monitoring.attendance.evidence_img', { date: fmt.date(row.day) })} />}
        </Card>
      ))}
      {rows?.length === 0 && <Text>{t('common.empty')}</Text>}
    </Stack>
  );
}
