/**
 * The users' display names, for the audit list. Users live above audit (users → students →
 * audit), so the users feature provides this (users/users-ports.module.ts).
 */
export abstract class UserNames {
  /** Each known id's display name; ids of deleted users are absent. */
  abstract namesOf(ids: number[]): Promise<Map<number, string>>;
}
