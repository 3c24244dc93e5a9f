import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Role } from '../../auth/session';
import { useApiForm } from '../../components/form';
import { useNotify } from '../../components/notify';
import { Notice } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import type { JournalEntry } from './shared';

type Step = 'approve' | 'return' | 'comment';

/**
 * The reviewer's answer to one journal entry: the mentor approves or returns it with a comment,
 * the teacher comments. Which step the role may take in which state is the API's rule.
 */
export function ReviewActions({ entry, role, who }: { entry: JournalEntry; role: Role; who: string }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const form = useApiForm({ comment: '' });
  const mentor = role === 'mentor' || role === 'admin';
  const teacher = role === 'teacher' || role === 'admin';
  const date = fmt.date(entry.date);
  if (!(mentor && entry.status !== 'approved') && !teacher) {
    return null;
  }

  async function take(step: Step) {
    const comment = form.values.comment;
    const params = { path: { id: entry.id } };
    const done = await form.submit(() =>
      call(
        step === 'approve'
          ? api.POST('/api/v1/journal-entries/{id}/approve', { params, body: { comment: comment || undefined } })
          : step === 'return'
            ? api.POST('/api/v1/journal-entries/{id}/return', { params, body: { comment } })
            : api.POST('/api/v1/journal-entries/{id}/comment', { params, body: { comment } }),
      ),
    );
    if (done) {
      form.set('comment', '');
      notify(t(`monitoring.review.done.${step}`, { name: who, date }));
      await queryClient.invalidateQueries({ queryKey: ['journal'] });
      await queryClient.invalidateQueries({ queryKey: ['placement', entry.placementId, 'journal'] });
    }
  }

  return (
    <Stack gap="xs" mt="sm">
      <Notice message={form.notice} />
      <Textarea
        label={t(mentor ? 'monitoring.review.comment_mentor' : 'monitoring.review.comment_teacher', { name: who, date })}
        autosize
        minRows={2}
        value={form.values.comment}
        onChange={(e) => form.set('comment', e.currentTarget.value)}
        error={form.errors.comment}
      />
      <Group gap="xs">
        {mentor && entry.status !== 'approved' && (
          <Button size="xs" onClick={() => void take('approve')} loading={form.busy} aria-label={t('monitoring.review.approve_x', { name: who, date })}>
            {t('monitoring.review.approve')}
          </Button>
        )}
        {mentor && entry.status === 'submitted' && (
          <Button size="xs" variant="default" onClick={() => void take('return')} loading={form.busy} aria-label={t('monitoring.review.return_x', { name: who, date })}>
            {t('monitoring.review.return')}
          </Button>
        )}
        {teacher && (
          <Button size="xs" onClick={() => void take('comment')} loading={form.busy} aria-label={t('monitoring.review.comment_x', { name: who, date })}>
            {t('monitoring.review.comment')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
