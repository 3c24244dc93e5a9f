import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { session, type User } from './session';

interface AuthState {
  user: User | null;
  /** True until a reload's refresh token has been tried. */
  restoring: boolean;
  loadUser: () => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<User | null>(null);
  const [restoring, setRestoring] = useState(session.hasRefreshToken());

  const loadUser = useCallback(async () => {
    setUser(await call(api.GET('/api/v1/auth/me')));
  }, []);

  useEffect(() => {
    if (session.hasRefreshToken()) {
      loadUser()
        .catch(() => session.signOutEverywhere())
        .finally(() => setRestoring(false));
    }
    return session.onSignOut(() => {
      setUser(null);
      queryClient.clear();
    });
  }, [loadUser, queryClient]);

  const signOut = useCallback(() => session.signOut(), []);

  return (
    <AuthContext.Provider value={{ user, restoring, loadUser, signOut }}>{children}</AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) {
    throw new Error('useAuth outside AuthProvider');
  }
  return state;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) {
    throw new Error('useUser without a signed-in user');
  }
  return user;
}
