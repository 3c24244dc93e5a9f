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
    { to: '/users', label: 'nav.users' },
    { to: '/reference', label: 'nav.reference' },
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/schools', label: 'nav.schools' },
    { to: '/companies', label: 'nav.companies' },
    { to: '/students', label: 'nav.students' },
    { to: '/rounds', label: 'nav.rounds' },
    { to: '/slots', label: 'nav.slots' },
    { to: '/placements', label: 'nav.placements' },
    { to: '/monitoring/reports', label: 'nav.monitoring_reports' },
    { to: '/docs', label: 'nav.api_docs', external: true },
  ],
  coordinator: [
    { to: '/', label: 'nav.dashboard' },
    { to: '/rounds', label: 'nav.rounds' },
    { to: '/schools', label: 'nav.schools' },
    { to: '/companies', label: 'nav.companies' },
    { to: '/slots', label: 'nav.slots' },
    { to: '/agreements', label: 'nav.agreements' },
    { to: '/cohorts', label: 'nav.cohorts' },
    { to: '/vacancy-reports', label: 'nav.vacancies' },
    { to: '/students', label: 'nav.students' },
    { to: '/placements', label: 'nav.placements' },
    { to: '/monitoring/reports', label: 'nav.monitoring_reports' },
    { to: '/reference', label: 'nav.reference' },
  ],
  school_admin: [
    { to: '/', label: 'nav.home' },
    { to: '/students', label: 'nav.students' },
    { to: '/imports', label: 'nav.imports' },
    { to: '/placements', label: 'nav.placements' },
    { to: '/monitoring/reports', label: 'nav.monitoring_reports' },
    { to: '/outcomes', label: 'nav.outcomes' },
    { to: '/schools/:school', label: 'nav.my_school' },
  ],
  company_admin: [
    { to: '/', label: 'nav.home' },
    { to: '/slots', label: 'nav.slots' },
    { to: '/placements', label: 'nav.placements' },
    { to: '/monitoring/reports', label: 'nav.monitoring_reports' },
    { to: '/vacancy-reports', label: 'nav.vacancies' },
    { to: '/companies/:company', label: 'nav.company_profile' },
  ],
  student: [
    { to: '/', label: 'nav.home' },
    { to: '/open-slots', label: 'nav.open_slots' },
    { to: '/preferences', label: 'nav.preferences' },
    { to: '/offers', label: 'nav.offers' },
    { to: '/journal', label: 'nav.journal' },
    { to: '/attendance', label: 'nav.attendance' },
    { to: '/profile', label: 'nav.profile' },
  ],
  teacher: [
    { to: '/', label: 'nav.home' },
    { to: '/monitoring/queue', label: 'nav.monitoring_queue' },
    { to: '/monitoring/reports', label: 'nav.monitoring_reports' },
  ],
  mentor: [
    { to: '/', label: 'nav.home' },
    { to: '/monitoring/queue', label: 'nav.monitoring_queue' },
    { to: '/monitoring/reports', label: 'nav.monitoring_reports' },
  ],
};
