export enum AuditAction {
  Read = 'read',
  Create = 'create',
  Update = 'update',
}
