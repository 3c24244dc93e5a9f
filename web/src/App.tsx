import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth/AuthProvider';
import type { Role } from './auth/session';
import { Shell } from './layout/Shell';
import { Home } from './pages/home/Home';
import { SignIn } from './pages/SignIn';
import { NotFound } from './pages/NotFound';

// Each area is its own chunk: the sign-in page loads only the shell and the kit.
const StudentsList = lazy(() => import('./pages/students/StudentsList'));
const StudentForm = lazy(() => import('./pages/students/StudentForm'));
const Imports = lazy(() => import('./pages/imports/Imports'));
const ImportDetail = lazy(() => import('./pages/imports/ImportDetail'));
const Rounds = lazy(() => import('./pages/rounds/Rounds'));
const RoundNew = lazy(() => import('./pages/rounds/RoundNew'));
const RoundDetail = lazy(() => import('./pages/rounds/RoundDetail'));
const Dashboard = lazy(() => import('./pages/analytics/Dashboard'));
const Slots = lazy(() => import('./pages/slots/Slots'));
const SlotNew = lazy(() => import('./pages/slots/SlotNew'));
const Placements = lazy(() => import('./pages/placements/Placements'));
const OpenSlots = lazy(() => import('./pages/student/OpenSlots'));
const Preferences = lazy(() => import('./pages/student/Preferences'));
const Offers = lazy(() => import('./pages/student/Offers'));
const Profile = lazy(() => import('./pages/student/Profile'));
const Schools = lazy(() => import('./pages/schools/Schools'));
const SchoolDetail = lazy(() => import('./pages/schools/SchoolDetail'));
const Companies = lazy(() => import('./pages/companies/Companies'));
const CompanyDetail = lazy(() => import('./pages/companies/CompanyDetail'));
const Agreements = lazy(() => import('./pages/agreements/Agreements'));
const Cohorts = lazy(() => import('./pages/cohorts/Cohorts'));
const CohortDetail = lazy(() => import('./pages/cohorts/CohortDetail'));
const VacancyReports = lazy(() => import('./pages/vacancies/VacancyReports'));
const Outcomes = lazy(() => import('./pages/outcomes/Outcomes'));
const Ranking = lazy(() => import('./pages/slots/Ranking'));
const Users = lazy(() => import('./pages/admin/Users'));
const Reference = lazy(() => import('./pages/admin/Reference'));
const Account = lazy(() => import('./pages/account/Account'));
const StudentJournal = lazy(() => import('./pages/monitoring/StudentJournal'));
const StudentAttendance = lazy(() => import('./pages/monitoring/StudentAttendance'));
const MonitoringQueue = lazy(() => import('./pages/monitoring/Queue'));
const PlacementMonitor = lazy(() => import('./pages/monitoring/PlacementMonitor'));
const MonitoringReports = lazy(() => import('./pages/monitoring/Reports'));
const Verify = lazy(() => import('./pages/monitoring/Verify'));

const STAFF: Role[] = ['admin', 'coordinator'];
const SUPERVISORS: Role[] = ['teacher', 'mentor'];
const MONITORS: Role[] = [...STAFF, 'school_admin', 'company_admin', ...SUPERVISORS];

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, restoring } = useAuth();
  const location = useLocation();
  if (restoring) {
    return (
      <Center h="100vh">
        <Loader aria-label="…" />
      </Center>
    );
  }
  if (!user) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return children;
}

function Only({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user } = useAuth();
  return user && roles.includes(user.role) ? children : <NotFound />;
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      <Route path="/verify/:code" element={<Suspense fallback={<PageLoader />}><Verify /></Suspense>} />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="dashboard" element={<Only roles={STAFF}><Dashboard /></Only>} />
        <Route path="students" element={<Only roles={[...STAFF, 'school_admin']}><StudentsList /></Only>} />
        <Route path="students/new" element={<Only roles={[...STAFF, 'school_admin']}><StudentForm /></Only>} />
        <Route path="students/:id" element={<Only roles={[...STAFF, 'school_admin']}><StudentForm /></Only>} />
        <Route path="imports" element={<Only roles={[...STAFF, 'school_admin']}><Imports /></Only>} />
        <Route path="imports/:id" element={<Only roles={[...STAFF, 'school_admin']}><ImportDetail /></Only>} />
        <Route path="rounds" element={<Only roles={STAFF}><Rounds /></Only>} />
        <Route path="rounds/new" element={<Only roles={STAFF}><RoundNew /></Only>} />
        <Route path="rounds/:id" element={<Only roles={STAFF}><RoundDetail /></Only>} />
        <Route path="slots" element={<Only roles={[...STAFF, 'company_admin']}><Slots /></Only>} />
        <Route path="slots/new" element={<Only roles={[...STAFF, 'company_admin']}><SlotNew /></Only>} />
        <Route path="placements" element={<Only roles={[...STAFF, 'school_admin', 'company_admin']}><Placements /></Only>} />
        <Route path="open-slots" element={<Only roles={['student']}><OpenSlots /></Only>} />
        <Route path="preferences" element={<Only roles={['student']}><Preferences /></Only>} />
        <Route path="offers" element={<Only roles={['student']}><Offers /></Only>} />
        <Route path="profile" element={<Only roles={['student']}><Profile /></Only>} />
        <Route path="schools" element={<Only roles={STAFF}><Schools /></Only>} />
        <Route path="schools/:id" element={<Only roles={[...STAFF, 'school_admin']}><SchoolDetail /></Only>} />
        <Route path="companies" element={<Only roles={STAFF}><Companies /></Only>} />
        <Route path="companies/:id" element={<Only roles={[...STAFF, 'company_admin']}><CompanyDetail /></Only>} />
        <Route path="agreements" element={<Only roles={[...STAFF, 'school_admin']}><Agreements /></Only>} />
        <Route path="cohorts" element={<Only roles={STAFF}><Cohorts /></Only>} />
        <Route path="cohorts/:id" element={<Only roles={STAFF}><CohortDetail /></Only>} />
        <Route path="vacancy-reports" element={<Only roles={[...STAFF, 'company_admin']}><VacancyReports /></Only>} />
        <Route path="outcomes" element={<Only roles={[...STAFF, 'school_admin']}><Outcomes /></Only>} />
        <Route path="slots/:id/ranking" element={<Only roles={[...STAFF, 'company_admin']}><Ranking /></Only>} />
        <Route path="users" element={<Only roles={['admin']}><Users /></Only>} />
        <Route path="reference" element={<Only roles={STAFF}><Reference /></Only>} />
        <Route path="account" element={<Account />} />
        <Route path="journal" element={<Only roles={['student']}><StudentJournal /></Only>} />
        <Route path="attendance" element={<Only roles={['student']}><StudentAttendance /></Only>} />
        <Route path="monitoring/queue" element={<Only roles={SUPERVISORS}><MonitoringQueue /></Only>} />
        <Route path="monitoring/placements/:id" element={<Only roles={MONITORS}><PlacementMonitor /></Only>} />
        <Route path="monitoring/reports" element={<Only roles={MONITORS}><MonitoringReports /></Only>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function PageLoader() {
  return (
    <Center p="xl">
      <Loader />
    </Center>
  );
}
