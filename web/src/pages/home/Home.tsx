import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, type ComponentType } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import type { Role } from '../../auth/session';
import { PageTitle } from '../../components/ui';
import { fmt, useI18n, type MessageKey } from '../../i18n/i18n';
import { todayWib, useMyPlacement } from '../monitoring/shared';
import { MAX_PREFERENCES, usePreferences } from '../student/preferences';

const Dashboard = lazy(() => import('../analytics/Dashboard'));
const SupervisorHome = lazy(() => import('../monitoring/SupervisorHome'));

function Tile({ title, value, to, link }: { title: MessageKey; value: string; to: string; link: MessageKey }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="lg" radius="md">
      <Text size="sm" fw={500}>
        {t(title)}
      </Text>
      <Text fz={32} fw={700}>
        {value}
      </Text>
      <Anchor component={Link} to={to} size="sm">
        {t(link)}
      </Anchor>
    </Card>
  );
}

function SchoolHome() {
  const students = useQuery({
    queryKey: ['students', 'count'],
    queryFn: () => call(api.GET('/api/v1/students', { params: { query: { pageSize: 1 } } })),
  });
  const placements = useQuery({
    queryKey: ['placements', 'offered', 'count'],
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: { pageSize: 1, status: 'offered' } } })),
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Tile title="home.school.students" value={fmt.number(students.data?.meta.total)} to="/students" link="home.open_list" />
      <Tile title="home.school.offers" value={fmt.number(placements.data?.meta.total)} to="/placements?status=offered" link="home.open_list" />
      <Tile title="home.school.import" value="CSV" to="/imports" link="home.school.import_link" />
    </SimpleGrid>
  );
}

function CompanyHome() {
  const slots = useQuery({
    queryKey: ['slots', 'open', 'count'],
    queryFn: () => call(api.GET('/api/v1/slots', { params: { query: { pageSize: 1, status: 'open' } } })),
  });
  const placements = useQuery({
    queryKey: ['placements', 'accepted', 'count'],
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: { pageSize: 1, status: 'accepted' } } })),
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Tile title="home.company.open_slots" value={fmt.number(slots.data?.meta.total)} to="/slots?status=open" link="home.open_list" />
      <Tile title="home.company.to_start" value={fmt.number(placements.data?.meta.total)} to="/placements?status=accepted" link="home.open_list" />
    </SimpleGrid>
  );
}

function StudentHome() {
  const offers = useQuery({
    queryKey: ['placements', 'offered', 'count'],
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: { pageSize: 1, status: 'offered' } } })),
  });
  const { t } = useI18n();
  const { query: prefs } = usePreferences();
  const chosen = prefs.data ? t('home.student.preferences_n', { n: prefs.data.slotIds.length, max: MAX_PREFERENCES }) : '–';
  const journalToday = useJournalToday();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Tile title="home.student.offers" value={fmt.number(offers.data?.meta.total)} to="/offers" link="home.open_list" />
      <Tile title="home.student.preferences" value={chosen} to="/preferences" link="home.student.preferences_link" />
      <Tile title="home.student.journal" value={journalToday.value} to="/journal" link={journalToday.link} />
    </SimpleGrid>
  );
}

/**
 * Whether the student's journal has today's entry (Jakarta time), or that they have no PKL under
 * way (then the tile's link only opens the journal: there is nothing to write).
 */
function useJournalToday(): { value: string; link: MessageKey } {
  const { t } = useI18n();
  const placement = useMyPlacement();
  const active = placement.data?.status === 'active' ? placement.data : null;
  // The newest entry: the journal lists by date, newest first.
  const latest = useQuery({
    queryKey: ['placement', active?.id, 'journal', 'latest'],
    enabled: active !== null,
    queryFn: () => call(api.GET('/api/v1/placements/{id}/journal', { params: { path: { id: active!.id }, query: { pageSize: 1 } } })),
  });
  const write = 'home.student.journal_link';
  if (placement.isPending) return { value: '–', link: write };
  if (!active) return { value: t('home.student.journal_no_placement'), link: 'nav.journal' };
  if (!latest.data) return { value: '–', link: write };
  return { value: t(latest.data.items[0]?.date === todayWib() ? 'home.student.journal_written' : 'home.student.journal_not_written'), link: write };
}

function AdminHome() {
  const { t } = useI18n();
  return (
    <Stack>
      <Text>{t('home.admin.lead')}</Text>
      <Anchor href="/docs">{t('nav.api_docs')}</Anchor>
      <Anchor component={Link} to="/users">
        {t('nav.users')}
      </Anchor>
    </Stack>
  );
}

const HOMES: Record<Role, ComponentType> = {
  teacher: SupervisorHome,
  mentor: SupervisorHome,
  admin: AdminHome,
  coordinator: Dashboard,
  school_admin: SchoolHome,
  company_admin: CompanyHome,
  student: StudentHome,
};

export function Home() {
  const user = useUser();
  const { t } = useI18n();
  const Body = HOMES[user.role];
  if (user.role === 'coordinator') {
    return <Body />;
  }
  return (
    <>
      <PageTitle>{t('home.title', { role: t(`role.${user.role}`) })}</PageTitle>
      <Title order={2} size="h4" mb="sm" fw={500}>
        {user.name || user.email}
      </Title>
      <Body />
    </>
  );
}
