import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { PageTitle } from '../components/ui';
import { useI18n } from '../i18n/i18n';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('notfound.title')}</PageTitle>
      <Text mb="sm">{t('notfound.body')}</Text>
      <Anchor component={Link} to="/">
        {t('nav.home')}
      </Anchor>
    </>
  );
}
