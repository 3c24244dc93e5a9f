import { Anchor, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { Notice, StatusBadge } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';

/** The public check of a certificate's code: who, where, when, and whether it is valid. Nothing more. */
export default function Verify() {
  const { t } = useI18n();
  const code = useParams().code ?? '';
  const found = useQuery({ queryKey: ['verify', code], retry: false, queryFn: () => call(api.GET('/api/v1/verify/{code}', { params: { path: { code } } })) });
  const v = found.data;
  return (
    <Center p="md" mih="100vh" component="main">
      <Card withBorder padding="lg" w={440} maw="100%">
        <Stack gap="xs">
          <Title order={1} size="h3">
            {t('monitoring.verify.title')}
          </Title>
          <Text size="sm">
            {t('monitoring.certificate.code')}: <code>{code}</code>
          </Text>
          <Notice message={found.error ? t('monitoring.verify.not_found') : null} />
          {v && (
            <>
              <StatusBadge status={`certificate_${v.status}`} />
              <Text>
                <b>{v.name}</b>
              </Text>
              <Text size="sm">{t('monitoring.verify.school', { school: v.school })}</Text>
              <Text size="sm">{t('monitoring.verify.company', { company: v.company })}</Text>
              <Text size="sm">{t('monitoring.verify.period', { from: fmt.date(v.period.startDate), to: fmt.date(v.period.endDate) })}</Text>
            </>
          )}
          <Anchor component={Link} to="/" size="sm">
            {t('monitoring.verify.home')}
          </Anchor>
        </Stack>
      </Card>
    </Center>
  );
}
