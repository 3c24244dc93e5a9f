import { NavLink } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api, call } from '../api/client';
import { explainError } from '../api/errors';
import { useI18n } from '../i18n/i18n';

/**
 * The queue board (Bull Board) is a server page, not a route of the console: it needs the board
 * cookie, which POST /admin/queue-board/session sets in exchange for the admin's bearer token.
 * The tab is opened at the click (so no pop-up blocker stops it), then sent to the board.
 */
export function QueueBoardLink() {
  const { t, maybe } = useI18n();
  async function open() {
    const tab = window.open('about:blank', '_blank');
    try {
      await call(api.POST('/api/v1/admin/queue-board/session'));
      if (tab) {
        tab.opener = null;
        tab.location.href = '/admin/queues';
      } else {
        window.location.assign('/admin/queues');
      }
    } catch (error) {
      tab?.close();
      notifications.show({ color: 'red', message: explainError(error, [], maybe).notice, closeButtonProps: { 'aria-label': t('common.close') } });
    }
  }
  return (
    <NavLink
      component="button"
      label={t('nav.queue_board')}
      onClick={() => {
        void open();
      }}
    />
  );
}
