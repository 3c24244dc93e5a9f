import { Button, Card, Checkbox, FileInput, Group, NumberInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, call } from '../../api/client';
import { useApiForm } from '../../components/form';
import { useListParams } from '../../components/list-params';
import { useNotify } from '../../components/notify';
import { useUnitNames } from '../../components/reference';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import { AuthedImage, CertificateCard, placementLine, todayWib, uploadImage, useMyPlacement, usePlacementUnits, type JournalEntry } from './shared';

interface EntryValues extends Record<string, unknown> {
  date: string;
  activities: string;
  unitCodes: string[];
  hours: number | string;
  file: File | null;
}

/** The entry form: a new day's entry, or a returned entry written again. */
function EntryForm({ placementId, entry, onDone }: { placementId: number; entry?: JournalEntry; onDone: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const units = usePlacementUnits(placementId);
  const form = useApiForm<EntryValues>({
    date: entry?.date ?? todayWib(),
    activities: entry?.activities ?? '',
    unitCodes: entry?.unitCodes ?? [],
    hours: entry?.hours ?? 8,
    file: null,
  });
  const v = form.values;
  const idPrefix = entry ? `entry-${entry.id}` : 'entry-new';

  async function save(e: FormEvent) {
    e.preventDefault();
    const body = { activities: v.activities, unitCodes: v.unitCodes, hours: Number(v.hours) };
    const saved = await form.submit(async () => {
      const written = entry
        ? await call(api.PATCH('/api/v1/journal-entries/{id}', { params: { path: { id: entry.id } }, body }))
        : await call(api.POST('/api/v1/placements/{id}/journal', { params: { path: { id: placementId } }, body: { ...body, date: v.date } }));
      if (v.file) {
        // The entry is saved even when the photo is refused: the answer lands on the photo field.
        await uploadImage(`/api/v1/journal-entries/${written.id}/photo`, v.file);
      }
      return written;
    }, ['file']);
    await queryClient.invalidateQueries({ queryKey: ['placement', placementId, 'journal'] });
    if (saved) {
      notify(t(entry ? 'monitoring.journal.resubmitted' : 'monitoring.journal.saved', { date: fmt.date(saved.date) }));
      form.setValues((old) => ({ ...old, activities: '', unitCodes: [], file: null }));
      onDone();
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${idPrefix}-title`}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={`${idPrefix}-title`}>
          {entry ? t('monitoring.journal.edit_title', { date: fmt.date(entry.date) }) : t('monitoring.journal.new_title')}
        </Title>
        <Notice message={form.notice} />
        {!entry && <TextInput label={t('monitoring.journal.field.date')} type="date" required max={todayWib()} value={v.date} onChange={(e) => form.set('date', e.currentTarget.value)} error={form.errors.date} />}
        <Textarea label={t('monitoring.journal.field.activities')} required autosize minRows={3} value={v.activities} onChange={(e) => form.set('activities', e.currentTarget.value)} error={form.errors.activities} />
        <Checkbox.Group label={t('monitoring.journal.field.unitCodes')} value={v.unitCodes} onChange={(codes) => form.set('unitCodes', codes)} error={form.errors.unitCodes}>
          <Stack gap={6} mt={6}>
            {(units.data ?? []).map((u) => (
              <Checkbox key={u.code} value={u.code} label={`${u.code} · ${u.name}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <NumberInput label={t('monitoring.journal.field.hours')} required min={1} max={12} value={v.hours} onChange={(h) => form.set('hours', h)} error={form.errors.hours} w={160} />
        <FileInput
          label={t('monitoring.journal.field.photo')}
          description={t('monitoring.upload_hint')}
          accept="image/jpeg,image/png"
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear_file') }}
          value={v.file}
          onChange={(f) => form.set('file', f)}
          error={form.errors.file}
        />
        <Group>
          <Button type="submit" loading={form.busy}>
            {entry ? t('monitoring.journal.resubmit') : t('monitoring.journal.submit')}
          </Button>
          {entry && (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** One entry as a card: what was done, its state, the mentor's and the teacher's words. */
export function EntryCard({ entry, title, unitName, children }: { entry: JournalEntry; title?: string; unitName: (code: string) => string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`entry-${entry.id}-date`}>
      <Group justify="space-between" wrap="nowrap" align="start">
        <Text fw={700} id={`entry-${entry.id}-date`}>
          {title ? `${title} · ` : ''}
          {fmt.date(entry.date)}
        </Text>
        <StatusBadge status={`journal_${entry.status}`} />
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {entry.activities}
      </Text>
      <Text size="sm" c="dark.6">
        {t('monitoring.journal.hours_units', { hours: entry.hours, units: entry.unitCodes.map(unitName).join(', ') || '–' })}
      </Text>
      {entry.mentorComment && (
        <Text size="sm" mt={4}>
          <b>{t('monitoring.journal.mentor_comment')}:</b> {entry.mentorComment}
        </Text>
      )}
      {entry.teacherComment && (
        <Text size="sm" mt={4}>
          <b>{t('monitoring.journal.teacher_comment')}:</b> {entry.teacherComment}
        </Text>
      )}
      {entry.hasPhoto && <AuthedImage path={`/api/v1/journal-entries/${entry.id}/photo`} version={entry.updatedAt} alt={t('monitoring.journal.photo_of', { date: fmt.date(entry.date) })} />}
      {children}
    </Card>
  );
}

/** The student's daily journal (phone first): today's entry, the entries and their review. */
export default function StudentJournal() {
  const { t } = useI18n();
  const mine = useMyPlacement();
  const placement = mine.data;
  const { page, set } = useListParams([] as const);
  const [editing, setEditing] = useState<number | null>(null);
  const entries = useQuery({
    queryKey: ['placement', placement?.id, 'journal', page],
    enabled: !!placement,
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/placements/{id}/journal', { params: { path: { id: placement?.id as number }, query: { page, pageSize: 10 } } })),
  });
  const unitName = useUnitNames((entries.data?.items ?? []).flatMap((e) => e.unitCodes));
  return (
    <>
      <PageTitle>{t('monitoring.journal.title')}</PageTitle>
      <Notice error={mine.error ?? entries.error} />
      {mine.data === null && <Text>{t('monitoring.no_placement')}</Text>}
      {placement && (
        <>
          <Text mb="md">
            {placementLine(placement)}
          </Text>
          {placement.status === 'completed' && <CertificateCard placementId={placement.id} />}
          {placement.status === 'active' && editing === null && (
            <Card withBorder mb="lg">
              <EntryForm placementId={placement.id} onDone={() => setEditing(null)} />
            </Card>
          )}
          <Title order={2} size="h4" mb="sm">
            {t('monitoring.journal.entries')}
          </Title>
          <Stack>
            {entries.data?.items.map((entry) =>
              editing === entry.id ? (
                <Card withBorder key={entry.id}>
                  <EntryForm placementId={placement.id} entry={entry} onDone={() => setEditing(null)} />
                </Card>
              ) : (
                <EntryCard key={entry.id} entry={entry} unitName={unitName}>
                  {entry.status !== 'approved' && placement.status === 'active' && (
                    <Group mt="sm">
                      <Button size="xs" variant={entry.status === 'returned' ? 'filled' : 'default'} onClick={() => setEditing(entry.id)} aria-label={t('monitoring.journal.edit_x', { date: fmt.date(entry.date) })}>
                        {t('monitoring.journal.edit')}
                      </Button>
                    </Group>
                  )}
                </EntryCard>
              ),
            )}
            {entries.data?.items.length === 0 && <Text>{t('monitoring.journal.empty')}</Text>}
          </Stack>
          <Pager meta={entries.data?.meta} onPage={(p) => set({ page: p })} />
        </>
      )}
    </>
  );
}
