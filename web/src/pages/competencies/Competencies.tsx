import { Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { UnitSelect } from '../../components/pickers';
import { Notice } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

type Competency = Schemas['StudentCompetencyDto'];
type Source = Schemas['RecordCompetencyDto']['source'];
const SOURCES: Source[] = ['assessment', 'certification', 'course'];
const today = () => new Date().toISOString().slice(0, 10);

/** A student's competency units and levels; a school records and removes them, a student reads. */
export function Competencies({ studentId, editable }: { studentId: number; editable: boolean }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState(false);
  const form = useApiForm({ unitCode: '', level: 1 as number | string, source: 'assessment' as Source, evidenceRef: '', achievedOn: today() });
  const remove = useApiForm({});
  const key = ['student', studentId, 'competencies'];
  const list = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/students/{id}/competencies', { params: { path: { id: studentId } } })),
  });

  async function record(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    const saved = await form.submit(() =>
      call(
        api.PUT('/api/v1/students/{id}/competencies/{unitCode}', {
          params: { path: { id: studentId, unitCode: v.unitCode || '-' } },
          body: { level: Number(v.level), source: v.source, evidenceRef: v.evidenceRef || undefined, achievedOn: v.achievedOn },
        }),
      ),
    );
    if (saved) {
      setRecording(false);
      notify(t('competencies.recorded', { unit: saved.unitName, level: saved.level }));
      await queryClient.invalidateQueries({ queryKey: key });
    }
  }

  async function drop(c: Competency) {
    const done = await remove.submit(() =>
      call(api.DELETE('/api/v1/students/{id}/competencies/{unitCode}', { params: { path: { id: studentId, unitCode: c.unitCode } } })).then(() => true),
    );
    if (done) {
      notify(t('competencies.removed', { unit: c.unitName }));
      await queryClient.invalidateQueries({ queryKey: key });
    }
  }

  return (
    <Card withBorder mt="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('competencies.title')}
        </Title>
        {editable && <Button onClick={() => setRecording(true)}>{t('competencies.record')}</Button>}
      </Group>
      <Notice message={remove.notice} error={list.error} />
      <DataTable<Competency>
        caption={t('competencies.caption')}
        rows={list.data}
        rowKey={(c) => c.unitCode}
        minWidth={640}
        columns={[
          { header: t('dashboard.unit'), cell: (c) => `${c.unitCode} · ${c.unitName}` },
          { header: t('competencies.level'), cell: (c) => c.level },
          { header: t('competencies.source'), cell: (c) => t(`competencies.source.${c.source}` as 'competencies.source.course') },
          { header: t('competencies.achievedOn'), cell: (c) => fmt.date(c.achievedOn) },
          { header: t('competencies.evidenceRef'), cell: (c) => c.evidenceRef ?? '–' },
          ...(editable
            ? [
                {
                  header: t('common.actions'),
                  cell: (c: Competency) => (
                    <Button size="xs" variant="default" onClick={() => void drop(c)} aria-label={t('competencies.remove_x', { unit: c.unitName })}>
                      {t('competencies.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal opened={recording} onClose={() => setRecording(false)} title={t('competencies.record')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={(e) => void record(e)} noValidate>
          <Stack>
            <Notice message={form.notice} />
            <UnitSelect label={t('dashboard.unit')} required value={form.values.unitCode} onChange={(v) => form.set('unitCode', v)} error={form.errors.unitCode} w="100%" />
            <SimpleGrid cols={2}>
              <NumberInput label={t('competencies.level')} required min={1} max={5} value={form.values.level} onChange={(v) => form.set('level', v)} error={form.errors.level} />
              <Select
                label={t('competencies.source')}
                required
                data={SOURCES.map((s) => ({ value: s, label: t(`competencies.source.${s}`) }))}
                value={form.values.source}
                onChange={(v) => form.set('source', (v ?? 'assessment') as Source)}
                error={form.errors.source}
              />
              <TextInput label={t('competencies.achievedOn')} type="date" required value={form.values.achievedOn} onChange={(e) => form.set('achievedOn', e.currentTarget.value)} error={form.errors.achievedOn} />
              <TextInput label={t('competencies.evidenceRef')} value={form.values.evidenceRef} onChange={(e) => form.set('evidenceRef', e.currentTarget.value)} error={form.errors.evidenceRef} />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
