import { Button, Card, Group, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useEffect, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { useAuth, useUser } from '../../auth/AuthProvider';
import { session } from '../../auth/session';
import { useApiForm } from '../../components/form';
import { Notice, PageTitle } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { useI18n } from '../../i18n/i18n';

/** The signed-in user's own account: their display name and their password. */
export default function Account() {
  const { t } = useI18n();
  const notify = useNotify();
  const user = useUser();
  const { loadUser } = useAuth();
  const profile = useApiForm({ name: user.name ?? '' });
  const password = useApiForm({ currentPassword: '', newPassword: '' });
  useEffect(() => profile.set('name', user.name ?? ''), [user.name]);

  async function saveName(e: FormEvent) {
    e.preventDefault();
    const saved = await profile.submit(() => call(api.PATCH('/api/v1/auth/me', { body: { name: profile.values.name } })));
    if (saved) {
      await loadUser();
      notify(t('account.name_saved'));
    }
  }

  async function changePassword(e: FormEvent) {
    e.preventDefault();
    const done = await password.submit(() =>
      call(api.POST('/api/v1/auth/password', { body: { ...password.values, refreshToken: session.currentRefreshToken() } })).then(() => true),
    );
    if (done) {
      password.setValues({ currentPassword: '', newPassword: '' });
      notify(t('account.password_changed'));
    }
  }

  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>
      <Stack maw={560}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('account.profile')}
          </Title>
          <form onSubmit={(e) => void saveName(e)} noValidate>
            <Stack>
              <Notice message={profile.notice} />
              <TextInput label={t('signin.email')} value={user.email} readOnly />
              <TextInput label={t('account.name')} required value={profile.values.name} onChange={(e) => profile.set('name', e.currentTarget.value)} error={profile.errors.name} />
              <Group>
                <Button type="submit" loading={profile.busy}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('account.password')}
          </Title>
          <form onSubmit={(e) => void changePassword(e)} noValidate>
            <Stack>
              <Notice message={password.notice} />
              <PasswordInput label={t('account.current_password')} required autoComplete="current-password" value={password.values.currentPassword} onChange={(e) => password.set('currentPassword', e.currentTarget.value)} error={password.errors.currentPassword} />
              <PasswordInput
                label={t('account.new_password')}
                description={t('account.new_password_hint')}
                required
                autoComplete="new-password"
                value={password.values.newPassword}
                onChange={(e) => password.set('newPassword', e.currentTarget.value)}
                error={password.errors.newPassword}
              />
              <Group>
                <Button type="submit" loading={password.busy}>
                  {t('account.change_password')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Stack>
    </>
  );
}
