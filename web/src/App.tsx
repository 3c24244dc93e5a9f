import { Center, Loader } from '@mantine/core';
import { lazy, type ReactNode } from 'react';
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

const STAFF: Role[] = ['admin', 'coordinator'];

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
