import { Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { useApiForm } from '../../components/form';
import { usePrograms, useRegions } from '../../components/reference';
import { Notice, PageTitle } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { useI18n } from '../../i18n/i18n';
import { Competencies } from '../competencies/Competencies';

type Status = Schemas['CreateStudentDto']['status'];

const EMPTY = {
  nisn: '',
  nik: '',
  name: '',
  birthDate: '',
  gender: '' as '' | 'L' | 'P',
  programCode: '',
  domicileRegionCode: '',
  enrolmentYear: '',
  graduationYear: '',
  status: 'enrolled' as NonNullable<Status>,
  parentalConsent: false,
  phone: '',
  email: '',
};

export default function StudentForm() {
  const { t } = useI18n();
  const notify = useNotify();
  const { id } = useParams();
  const studentId = id ? Number(id) : null;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const programs = usePrograms();
  const regions = useRegions();
  const form = useApiForm(EMPTY);
  const { values, set, errors } = form;

  const existing = useQuery({
    queryKey: ['student', studentId],
    enabled: studentId !== null,
    queryFn: () => call(api.GET('/api/v1/students/{id}', { params: { path: { id: studentId as number } } })),
  });

  useEffect(() => {
    const s = existing.data;
    if (s) {
      form.setValues({
        nisn: s.nisn,
        nik: '',
        name: s.name,
        birthDate: s.birthDate,
        gender: s.gender,
        programCode: s.programCode,
        domicileRegionCode: s.domicileRegionCode,
        enrolmentYear: String(s.enrolmentYear),
        graduationYear: s.graduationYear === null ? '' : String(s.graduationYear),
        status: s.status,
        parentalConsent: s.parentalConsent,
        phone: s.phone ?? '',
        email: s.email ?? '',
      });
    }
  }, [existing.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const body = {
      nisn: values.nisn,
      name: values.name,
      birthDate: values.birthDate,
      gender: (values.gender || undefined) as 'L' | 'P',
      programCode: values.programCode,
      domicileRegionCode: values.domicileRegionCode,
      enrolmentYear: Number(values.enrolmentYear),
      graduationYear: values.graduationYear ? Number(values.graduationYear) : undefined,
      status: values.status,
      parentalConsent: values.parentalConsent,
      phone: values.phone || undefined,
      email: values.email || undefined,
    };
    const saved = await form.submit(() =>
      studentId === null
        ? call(api.POST('/api/v1/students', { body: { ...body, nik: values.nik } }))
        : call(
            api.PATCH('/api/v1/students/{id}', {
              params: { path: { id: studentId } },
              // The NIK is sent only when retyped: the API never shows it back in full.
              body: values.nik ? { ...body, nik: values.nik } : body,
            }),
          ),
    );
    if (saved) {
      await queryClient.invalidateQueries({ queryKey: ['students'] });
      await queryClient.invalidateQueries({ queryKey: ['student', saved.id] });
      notify(t('students.saved', { name: saved.name }));
      void navigate('/students');
    }
  }

  const nikHint = existing.data
    ? t('students.nik_masked_hint', { masked: existing.data.nikMasked })
    : t('students.nik_hint');

  return (
    <>
      <PageTitle>{studentId === null ? t('students.new.title') : t('students.edit.title', { name: existing.data?.name ?? '' })}</PageTitle>
      <Notice message={form.notice} error={existing.error} />
      <Paper withBorder p="lg" maw={860}>
        <form onSubmit={(e) => void save(e)} noValidate>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('students.field.name')} required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
              <TextInput label={t('students.field.nisn')} required inputMode="numeric" value={values.nisn} onChange={(e) => set('nisn', e.currentTarget.value)} error={errors.nisn} />
              <TextInput
                label={t('students.field.nik')}
                required={studentId === null}
                inputMode="numeric"
                autoComplete="off"
                description={nikHint}
                value={values.nik}
                onChange={(e) => set('nik', e.currentTarget.value)}
                error={errors.nik}
              />
              <TextInput label={t('students.field.birthDate')} type="date" required value={values.birthDate} onChange={(e) => set('birthDate', e.currentTarget.value)} error={errors.birthDate} />
              <Select
                label={t('students.field.gender')}
                required
                data={[
                  { value: 'L', label: t('students.gender.L') },
                  { value: 'P', label: t('students.gender.P') },
                ]}
                value={values.gender || null}
                onChange={(v) => set('gender', (v ?? ''))}
                error={errors.gender}
              />
              <Select label={t('students.field.programCode')} required searchable data={programs.data ?? []} value={values.programCode || null} onChange={(v) => set('programCode', v ?? '')} error={errors.programCode} />
              <Select label={t('students.field.domicileRegionCode')} required searchable data={regions.data ?? []} value={values.domicileRegionCode || null} onChange={(v) => set('domicileRegionCode', v ?? '')} error={errors.domicileRegionCode} />
              <TextInput label={t('students.field.enrolmentYear')} required inputMode="numeric" value={values.enrolmentYear} onChange={(e) => set('enrolmentYear', e.currentTarget.value)} error={errors.enrolmentYear} />
              <TextInput label={t('students.field.graduationYear')} inputMode="numeric" value={values.graduationYear} onChange={(e) => set('graduationYear', e.currentTarget.value)} error={errors.graduationYear} />
              <Select
                label={t('students.field.status')}
                data={(['enrolled', 'graduated', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
                value={values.status}
                onChange={(v) => set('status', (v ?? 'enrolled') as typeof values.status)}
                error={errors.status}
              />
              <TextInput label={t('students.field.phone')} type="tel" value={values.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone} />
              <TextInput label={t('students.field.email')} type="email" value={values.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} />
            </SimpleGrid>
            <Checkbox label={t('students.field.parentalConsent')} checked={values.parentalConsent} onChange={(e) => set('parentalConsent', e.currentTarget.checked)} error={errors.parentalConsent} />
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('common.save')}
              </Button>
              <Button variant="default" onClick={() => void navigate('/students')}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {studentId !== null && <Competencies studentId={studentId} editable />}
    </>
  );
}
