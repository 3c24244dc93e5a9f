import { ActionIcon, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useApiForm } from '../../components/form';
import { useRegions } from '../../components/reference';
import { Notice, PageTitle } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { useI18n } from '../../i18n/i18n';

interface Requirement {
  unit: string;
  minLevel: number;
}

function UnitSelect({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const units = useQuery({
    queryKey: ['competency-units', q],
    queryFn: () => call(api.GET('/api/v1/competency-units', { params: { query: { q: q || undefined, pageSize: 20 } } })),
  });
  const data = (units.data?.items ?? []).map((u) => ({ value: u.code, label: `${u.code} · ${u.name}` }));
  if (value && !data.some((d) => d.value === value)) {
    data.unshift({ value, label: value });
  }
  return <Select label={label} searchable data={data} value={value || null} onChange={(v) => onChange(v ?? '')} searchValue={search} onSearchChange={setSearch} filter={({ options }) => options} w={360} />;
}

export default function SlotNew() {
  const { t } = useI18n();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const form = useApiForm({
    title: '',
    description: '',
    regionCode: '',
    capacity: 1 as number | string,
    startDate: '',
    endDate: '',
    stipend: '' as number | string,
    mentorName: '',
    requirements: [{ unit: '', minLevel: 1 }] as Requirement[],
  });
  const { values, set, errors } = form;

  function setRequirement(i: number, r: Partial<Requirement>) {
    set('requirements', values.requirements.map((x, j) => (j === i ? { ...x, ...r } : x)));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const slot = await form.submit(() =>
      call(
        api.POST('/api/v1/slots', {
          body: {
            title: values.title,
            description: values.description,
            regionCode: values.regionCode,
            capacity: Number(values.capacity),
            startDate: values.startDate,
            endDate: values.endDate,
            stipend: values.stipend === '' ? undefined : Number(values.stipend),
            mentorName: values.mentorName || undefined,
            requirements: values.requirements.filter((r) => r.unit),
            status: 'draft',
          },
        }),
      ),
    );
    if (slot) {
      notify(t('slots.created', { title: slot.title }));
      await queryClient.invalidateQueries({ queryKey: ['slots'] });
      void navigate('/slots');
    }
  }

  return (
    <>
      <PageTitle>{t('slots.new.title')}</PageTitle>
      <Notice message={form.notice} />
      <Paper withBorder p="lg" maw={860}>
        <form onSubmit={(e) => void save(e)} noValidate>
          <Stack>
            <TextInput label={t('slots.field.title')} required value={values.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} />
            <Textarea label={t('slots.field.description')} required autosize minRows={2} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('students.field.domicileRegionCode')} required data={regions.data ?? []} value={values.regionCode || null} onChange={(v) => set('regionCode', v ?? '')} error={errors.regionCode} />
              <NumberInput label={t('slots.field.capacity')} required min={1} value={values.capacity} onChange={(v) => set('capacity', v)} error={errors.capacity} />
              <TextInput label={t('slots.field.start')} type="date" required value={values.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.startDate} />
              <TextInput label={t('slots.field.end')} type="date" required value={values.endDate} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.endDate} />
              <NumberInput label={t('slots.field.stipend')} min={0} thousandSeparator="." decimalSeparator="," prefix="Rp " value={values.stipend} onChange={(v) => set('stipend', v)} error={errors.stipend} />
              <TextInput label={t('slots.field.mentor')} value={values.mentorName} onChange={(e) => set('mentorName', e.currentTarget.value)} error={errors.mentorName} />
            </SimpleGrid>
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <Text component="legend" fw={500} size="sm" mb="xs">
                {t('slots.field.requirements')}
              </Text>
              <Stack gap="xs">
                {values.requirements.map((r, i) => (
                  <Group key={i} align="end" wrap="wrap">
                    <UnitSelect label={t('slots.req.unit', { n: i + 1 })} value={r.unit} onChange={(unit) => setRequirement(i, { unit })} />
                    <NumberInput label={t('slots.req.level', { n: i + 1 })} min={1} max={5} w={120} value={r.minLevel} onChange={(v) => setRequirement(i, { minLevel: Number(v) || 1 })} />
                    <ActionIcon variant="default" size="lg" aria-label={t('slots.req.remove', { n: i + 1 })} onClick={() => set('requirements', values.requirements.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
              {errors.requirements && (
                <Text c="red.8" size="sm" mt="xs">
                  {errors.requirements}
                </Text>
              )}
              <Button variant="subtle" mt="xs" onClick={() => set('requirements', [...values.requirements, { unit: '', minLevel: 1 }])}>
                {t('slots.req.add')}
              </Button>
            </fieldset>
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('common.save')}
              </Button>
              <Button variant="default" onClick={() => void navigate('/slots')}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
