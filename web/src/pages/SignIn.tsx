import { Button, Container, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { explainError } from '../api/errors';
import { useAuth } from '../auth/AuthProvider';
import { session } from '../auth/session';
import { Notice } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/Shell';

export function SignIn() {
  const { t, maybe } = useI18n();
  const { user, loadUser } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  if (user) {
    return <Navigate to={from} replace />;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    setFieldErrors({});
    try {
      const result = await session.signIn(email, password);
      if (!result.ok) {
        const body = result.body as { code?: string; message?: string; details?: unknown };
        const err = new ApiError(result.status, body.code ?? `http_${result.status}`, body.message ?? '', body.details);
        const explained = explainError(err, ['email', 'password'], maybe);
        setNotice(explained.notice);
        setFieldErrors(explained.fieldErrors);
        return;
      }
      await loadUser();
      void navigate(from, { replace: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Container size={420} py={60} component="main">
      <Group justify="space-between" mb="lg">
        <Title order={1} size="h2">
          SMK Link
        </Title>
        <LanguageSwitch />
      </Group>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Title order={2} size="h3">
              {t('signin.title')}
            </Title>
            <Text size="sm">{t('signin.lead')}</Text>
            <Notice message={notice} />
            <TextInput
              label={t('signin.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrors.email}
            />
            <PasswordInput
              label={t('signin.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldErrors.password}
            />
            <Button type="submit" loading={busy}>
              {t('signin.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
