import { Anchor, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { useRegions } from '../../components/reference';
import { Notice, PageTitle, StatusBadge } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import { Competencies } from '../competencies/Competencies';
import { Field } from '../schools/SchoolDetail';

const CURRENT = ['active', 'accepted', 'offered', 'completed'];

/** The signed-in student's own record, competencies and placement (read only: the school keeps them). */
export default function Profile() {
  const { t } = useI18n();
  const user = useUser();
  const id = user.studentId as number;
  const regions = useRegions();
  const me = useQuery({ queryKey: ['student', id], queryFn: () => call(api.GET('/api/v1/students/{id}', { params: { path: { id } } })) });
  const placements = useQuery({
    queryKey: ['placements', 'mine'],
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: { pageSize: 50 } } })),
  });
  // The placement that matters now: a running one first, then one accepted, offered, completed.
  const placement = [...(placements.data?.items ?? [])]
    .filter((p) => CURRENT.includes(p.status))
    .sort((a, b) => CURRENT.indexOf(a.status) - CURRENT.indexOf(b.status))[0];
  const s = me.data;
  return (
    <>
      <PageTitle>{t('profile.title')}</PageTitle>
      <Notice error={me.error} />
      <Card withBorder mb="lg">
        <Group justify="space-between" mb="sm" wrap="nowrap" align="start">
          <Title order={2} size="h4">
            {t('profile.placement')}
          </Title>
          {placement && <StatusBadge status={placement.status} />}
        </Group>
        {placement ? (
          <>
            <Text fw={700}>{placement.slotTitle}</Text>
            <Text size="sm">
              {fmt.date(placement.startDate)} – {fmt.date(placement.endDate)}
            </Text>
            {placement.evaluationScore !== null && placement.evaluationScore !== undefined && (
              <Text size="sm">{t('profile.score', { score: placement.evaluationScore })}</Text>
            )}
            <Anchor component={Link} to="/offers" size="sm">
              {t('profile.all_offers')}
            </Anchor>
          </>
        ) : (
          <Text size="sm">{t('profile.no_placement')}</Text>
        )}
      </Card>
      {s && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {s.name}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label={t('students.field.nisn')} value={s.nisn} />
            <Field label={t('students.field.nik')} value={s.nikMasked} />
            <Field label={t('students.field.programCode')} value={s.programCode} />
            <Field label={t('students.field.birthDate')} value={fmt.date(s.birthDate)} />
            <Field label={t('students.field.domicileRegionCode')} value={regions.data?.find((r) => r.value === s.domicileRegionCode)?.label ?? s.domicileRegionCode} />
            <Field label={t('students.field.graduationYear')} value={s.graduationYear === null ? '–' : String(s.graduationYear)} />
            <Field label={t('students.field.email')} value={s.email ?? '–'} />
            <Field label={t('students.field.phone')} value={s.phone ?? '–'} />
            <Field label={t('students.field.status')} value={t(`status.${s.status}`)} />
          </SimpleGrid>
          <Text size="sm" mt="md">
            {t('profile.ask_school')}
          </Text>
        </Card>
      )}
      <Competencies studentId={id} editable={false} />
    </>
  );
}
