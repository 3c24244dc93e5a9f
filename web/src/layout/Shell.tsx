import { AppShell, Burger, Group, Menu, NavLink, SegmentedControl, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useUser } from '../auth/AuthProvider';
import { useI18n } from '../i18n/i18n';
import { NAV } from './nav';
import { QueueBoardLink } from '../components/QueueBoardLink';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      style={{ flexShrink: 0 }}
      aria-label={t('shell.language')}
      value={locale}
      onChange={(v) => setLocale(v)}
      data={[
        { value: 'id', label: 'ID' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}

export function Shell() {
  const user = useUser();
  const { signOut } = useAuth();
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const items = NAV[user.role].map((item) => ({ ...item, to: item.to.replace(':school', String(user.schoolId)).replace(':company', String(user.companyId)) }));
  const isActive = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            <Text component={Link} to="/" fw={700} size="lg" c="blue.9" style={{ whiteSpace: 'nowrap' }}>
              SMK Link
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton>
                  <VisuallyHidden>{t('shell.user_menu')}</VisuallyHidden>
                  <Text size="sm" fw={500} visibleFrom="sm" span>
                    {user.name || user.email}{"\u00a0"}▾
                  </Text>
                  {/* on a phone the role's name gives way to the brand: on two lines, if need be */}
                  <Text size="sm" fw={500} hiddenFrom="sm" span lh={1.2} style={{ display: 'block', textAlign: 'right' }}>
                    {t(`role.${user.role}`)}{"\u00a0"}▾
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t(`role.${user.role}`)}</Menu.Label>
                <Menu.Item component={Link} to="/account">
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item
                  onClick={() => {
                    void signOut().then(() => navigate('/sign-in'));
                  }}
                >
                  {t('shell.sign_out')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')} component="nav">
        {items.map((item) =>
          item.external ? (
            <NavLink key={item.to} href={item.to} label={t(item.label)} target="_blank" rel="noreferrer" />
          ) : (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.label)}
              active={isActive(item.to)}
              variant="filled"
              aria-current={isActive(item.to) ? 'page' : undefined}
              onClick={close}
            />
          ),
        )}
        {user.role === 'admin' && <QueueBoardLink />}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Text>{t('common.loading')}</Text>}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
