import type { Role } from '../auth/session';
import type { MessageKey } from '../i18n/i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
  external?: boolean;
}

/** The navigation of each role: only pages the access policy lets that role use. */
export const NAV: Record<Role, NavItem[]> = {
  admin: [
    { to: '/', label: 'nav.home' },
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/students', label: 'nav.students' },
    { to: '/rounds', label: 'nav.rounds' },
    { to: '/slots', label: 'nav.slots' },
    { to: '/placements', label: 'nav.placements' },
    { to: '/docs', label: 'nav.api_docs', external: true },
  ],
  coordinator: [
    { to: '/', label: 'nav.dashboard' },
    { to: '/rounds', label: 'nav.rounds' },
    { to: '/students', label: 'nav.students' },
    { to: '/slots', label: 'nav.slots' },
    { to: '/placements', label: 'nav.placements' },
  ],
  school_admin: [
    { to: '/', label: 'nav.home' },
    { to: '/students', label: 'nav.students' },
    { to: '/imports', label: 'nav.imports' },
    { to: '/placements', label: 'nav.placements' },
  ],
  company_admin: [
    { to: '/', label: 'nav.home' },
    { to: '/slots', label: 'nav.slots' },
    { to: '/placements', label: 'nav.placements' },
  ],
  student: [
    { to: '/', label: 'nav.home' },
    { to: '/open-slots', label: 'nav.open_slots' },
    { to: '/preferences', label: 'nav.preferences' },
    { to: '/offers', label: 'nav.offers' },
  ],
};
