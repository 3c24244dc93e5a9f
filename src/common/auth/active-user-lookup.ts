import type { AuthUser } from './auth-user';

/** Implemented by the users module; the guard needs only this much of it. */
export abstract class ActiveUserLookup {
  abstract findActive(userId: number): Promise<AuthUser | null>;
}
