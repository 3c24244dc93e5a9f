export enum AuditAction {
  Read = 'read',
  Create = 'create',
  Update = 'update',
  /** A user changed their own password. */
  PasswordChange = 'password_change',
  /** An admin issued a set-password token for a user. */
  PasswordResetIssue = 'password_reset_issue',
  /** A set-password token set the user's password. */
  PasswordReset = 'password_reset',
}
