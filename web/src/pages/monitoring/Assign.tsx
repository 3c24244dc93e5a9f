import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { Role } from '../../auth/session';
import { useApiForm } from '../../components/form';
import { SupervisorSelect } from '../../components/pickers';
import { useNotify } from '../../components/notify';
import { Notice } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import type { Placement } from './shared';

/**
 * The school admin assigns the placement's teacher, the company admin its mentor, picked from
 * their school's teachers or company's mentors (empty clears it). Whether that user may
 * supervise it is the API's answer.
 */
export function AssignSupervisor({ placement, kind }: { placement: Placement; kind: 'teacher' | 'mentor' }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const current = kind === 'teacher' ? placement.teacherId : placement.mentorId;
  const form = useApiForm({ userId: current ? String(current) : '' });
  const who = placement.studentName;

  async function save(e: FormEvent) {
    e.preventDefault();
    const userId = form.values.userId === '' ? null : Number(form.values.userId);
    const params = { path: { id: placement.id } };
    const done = await form.submit(() =>
      call(kind === 'teacher' ? api.PUT('/api/v1/placements/{id}/teacher', { params, body: { userId } }) : api.PUT('/api/v1/placements/{id}/mentor', { params, body: { userId } })),
    );
    if (done) {
      setOpen(false);
      notify(t(`monitoring.assign.done_${kind}`, { name: who }));
      await queryClient.invalidateQueries({ queryKey: ['placements'] });
    }
  }

  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)} aria-label={t(`monitoring.assign.${kind}_x`, { name: who })}>
        {t(`monitoring.assign.${kind}`)}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t(`monitoring.assign.${kind}_x`, { name: who })} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={(e) => void save(e)} noValidate>
          <Stack>
            <Notice message={form.notice} />
            {!current && <Text size="sm">{t('monitoring.assign.none')}</Text>}
            <SupervisorSelect
              role={kind}
              label={t(`monitoring.assign.user_${kind}`)}
              placeholder={t('monitoring.assign.hint')}
              value={form.values.userId}
              onChange={(v) => form.set('userId', v)}
              error={form.errors.userId}
              w="100%"
            />
            <Button type="submit" loading={form.busy}>
              {t('common.save')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** The placements page's monitoring buttons: assign the supervisor of one's side, open the monitoring. */
export function MonitoringActions({ placement, role }: { placement: Placement; role: Role }) {
  const { t } = useI18n();
  const supervised = placement.status === 'accepted' || placement.status === 'active' || placement.status === 'completed';
  if (!supervised) {
    return null;
  }
  return (
    <Group gap="xs" wrap="nowrap">
      {(role === 'school_admin' || role === 'admin') && <AssignSupervisor placement={placement} kind="teacher" />}
      {(role === 'company_admin' || role === 'admin') && <AssignSupervisor placement={placement} kind="mentor" />}
      {placement.status !== 'accepted' && (
        <Anchor component={Link} to={`/monitoring/placements/${placement.id}`} size="sm" aria-label={t('monitoring.open_placement_x', { name: placement.studentName })}>
          {t('monitoring.open_placement')}
        </Anchor>
      )}
    </Group>
  );
}
