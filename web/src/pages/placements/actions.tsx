import { Button, Group, Modal, NumberInput, Stack, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import type { Role } from '../../auth/session';
import { useApiForm } from '../../components/form';
import { Notice } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { useI18n } from '../../i18n/i18n';

type Placement = Schemas['PlacementDto'];

/** The buttons a role has on a placement in its state; the API decides whether it may. */
export function PlacementActions({ placement, role, onNotice }: { placement: Placement; role: Role; onNotice: (n: string | null) => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const action = useApiForm({});
  const evaluation = useApiForm({ score: 80 as number | string, notes: '' });
  const [completing, setCompleting] = useState(false);
  const termination = useApiForm({ score: '' as number | string, notes: '' });
  const [terminating, setTerminating] = useState(false);
  const id = placement.id;
  const who = placement.studentName;

  async function run(kind: 'accept' | 'decline' | 'start') {
    const path = `/api/v1/placements/{id}/${kind}` as const;
    const done = await action.submit(() => call(api.POST(path, { params: { path: { id } } })));
    onNotice(null);
    if (done) {
      notify(t(`placements.done.${kind}`, { name: who }));
      await queryClient.invalidateQueries({ queryKey: ['placements'] });
    }
  }

  async function complete() {
    const done = await evaluation.submit(() =>
      call(
        api.POST('/api/v1/placements/{id}/complete', {
          params: { path: { id } },
          body: { score: Number(evaluation.values.score), notes: evaluation.values.notes || undefined },
        }),
      ),
    );
    if (done) {
      setCompleting(false);
      notify(t('placements.done.complete', { name: who }));
      await queryClient.invalidateQueries({ queryKey: ['placements'] });
    }
  }

  async function terminate() {
    const done = await termination.submit(() =>
      call(
        api.POST('/api/v1/placements/{id}/terminate', {
          params: { path: { id } },
          body: { notes: termination.values.notes, score: termination.values.score === '' ? undefined : Number(termination.values.score) },
        }),
      ),
    );
    if (done) {
      setTerminating(false);
      notify(t('placements.done.terminate', { name: who }));
      await queryClient.invalidateQueries({ queryKey: ['placements'] });
    }
  }

  useEffect(() => {
    if (action.notice) {
      onNotice(action.notice);
    }
  }, [action.notice, onNotice]);
  const canAnswer = placement.status === 'offered' && (role === 'student' || role === 'school_admin' || role === 'admin');
  const canRun = role === 'company_admin' || role === 'admin';
  return (
    <Group gap="xs" wrap="nowrap">
      {canAnswer && (
        <>
          <Button size="xs" onClick={() => void run('accept')} loading={action.busy} aria-label={t('placements.accept_x', { name: who, slot: placement.slotTitle })}>
            {t('placements.accept')}
          </Button>
          <Button size="xs" variant="default" onClick={() => void run('decline')} loading={action.busy} aria-label={t('placements.decline_x', { name: who, slot: placement.slotTitle })}>
            {t('placements.decline')}
          </Button>
        </>
      )}
      {canRun && placement.status === 'accepted' && (
        <Button size="xs" onClick={() => void run('start')} loading={action.busy} aria-label={t('placements.start_x', { name: who })}>
          {t('placements.start')}
        </Button>
      )}
      {canRun && placement.status === 'active' && (
        <>
          <Button size="xs" onClick={() => setCompleting(true)} aria-label={t('placements.complete_x', { name: who })}>
            {t('placements.complete')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setTerminating(true)} aria-label={t('placements.terminate_x', { name: who })}>
            {t('placements.terminate')}
          </Button>
        </>
      )}
      <Modal opened={terminating} onClose={() => setTerminating(false)} title={t('placements.terminate_title', { name: who })} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void terminate();
          }}
        >
          <Stack>
            <Notice message={termination.notice} />
            <Textarea label={t('placements.terminate_reason')} required value={termination.values.notes} onChange={(e) => termination.set('notes', e.currentTarget.value)} error={termination.errors.notes} />
            <NumberInput label={t('placements.terminate_score')} min={1} max={5} value={termination.values.score} onChange={(v) => termination.set('score', v)} error={termination.errors.score} />
            <Button type="submit" color="red" loading={termination.busy}>
              {t('placements.terminate')}
            </Button>
          </Stack>
        </form>
      </Modal>
      <Modal opened={completing} onClose={() => setCompleting(false)} title={t('placements.complete_title', { name: who })} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void complete();
          }}
        >
          <Stack>
            <Notice message={evaluation.notice} />
            <NumberInput label={t('placements.score')} min={0} max={100} required value={evaluation.values.score} onChange={(v) => evaluation.set('score', v)} error={evaluation.errors.score} />
            <Textarea label={t('placements.notes')} value={evaluation.values.notes} onChange={(e) => evaluation.set('notes', e.currentTarget.value)} error={evaluation.errors.notes} />
            <Button type="submit" loading={evaluation.busy}>
              {t('placements.complete')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
