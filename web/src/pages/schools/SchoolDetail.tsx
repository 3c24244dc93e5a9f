import { Anchor, Button, Card, Group, MultiSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { useApiForm } from '../../components/form';
import { usePrograms, useRegions } from '../../components/reference';
import { Notice, PageTitle } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { useI18n } from '../../i18n/i18n';

/** A school's record and its programmes (kompetensi keahlian), which its admin keeps current. */
export default function SchoolDetail() {
  const { t } = useI18n();
  const notify = useNotify();
  const user = useUser();
  const params = useParams();
  const id = Number(params.id ?? user.schoolId);
  const queryClient = useQueryClient();
  const programs = usePrograms();
  const regions = useRegions();
  const school = useQuery({
    queryKey: ['school', id],
    queryFn: () => call(api.GET('/api/v1/schools/{id}', { params: { path: { id } } })),
  });
  const current = useQuery({
    queryKey: ['school', id, 'programs'],
    queryFn: () => call(api.GET('/api/v1/schools/{id}/programs', { params: { path: { id } } })),
  });
  const form = useApiForm({ programCodes: [] as string[] });
  useEffect(() => {
    if (current.data) {
      form.set(
        'programCodes',
        current.data.map((p) => p.code),
      );
    }
  }, [current.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const saved = await form.submit(() =>
      call(api.PUT('/api/v1/schools/{id}/programs', { params: { path: { id } }, body: { programCodes: form.values.programCodes } })),
    );
    if (saved) {
      queryClient.setQueryData(['school', id, 'programs'], saved);
      notify(t('schools.programs_saved'));
    }
  }

  const s = school.data;
  const region = regions.data?.find((r) => r.value === s?.regionCode)?.label ?? s?.regionCode;
  return (
    <>
      <PageTitle>{s?.name ?? t('schools.title')}</PageTitle>
      <Notice message={form.notice} error={school.error} />
      {s && (
        <Card withBorder mb="lg" maw={860}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Field label={t('schools.field.npsn')} value={s.npsn} />
            <Field label={t('dashboard.region')} value={region ?? ''} />
            <Field label={t('schools.field.status')} value={t(`schools.status.${s.status}`)} />
            <Field label={t('schools.field.accreditation')} value={s.accreditation ?? '–'} />
            <Field label={t('schools.field.address')} value={s.address} />
            <Field label={t('schools.active')} value={t(s.active ? 'schools.active.true' : 'schools.active.false')} />
          </SimpleGrid>
          {user.role !== 'school_admin' && (
            <Group mt="md">
              <Anchor component={Link} to={`/students?schoolId=${id}`}>
                {t('schools.students_link')}
              </Anchor>
            </Group>
          )}
        </Card>
      )}
      <Card withBorder maw={860}>
        <Title order={2} size="h4" mb="sm">
          {t('schools.programs')}
        </Title>
        <form onSubmit={(e) => void save(e)}>
          <Stack>
            <MultiSelect
              label={t('schools.programs_field')}
              description={t('schools.programs_hint')}
              searchable
              data={programs.data ?? []}
              value={form.values.programCodes}
              onChange={(v) => form.set('programCodes', v)}
              error={form.errors.programCodes}
            />
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}

export function Field({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
}
