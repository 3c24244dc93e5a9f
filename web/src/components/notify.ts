import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n';

/** A success notice; its close button is named in the user's language. */
export function useNotify(): (message: string) => void {
  const { t } = useI18n();
  return useCallback(
    (message: string) =>
      notifications.show({ color: 'teal', message, closeButtonProps: { 'aria-label': t('common.close') } }),
    [t],
  );
}
