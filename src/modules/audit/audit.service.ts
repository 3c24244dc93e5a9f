import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { Page, toPage } from '../../common/pagination/pagination';
import type { AuditEvent } from './audit-event.entity';
import { AuditRepository } from './audit.repository';
import { AuditAction } from './audit.types';
import { ListAuditEventsQuery } from './dto/audit-event.dto';

/** The personal-data fields whose reads and changes are recorded. */
export type PersonalField = 'nik' | 'birthDate';

export { AuditAction };

export interface AuditEntry {
  actor: Pick<AuthUser, 'id' | 'role'>;
  action: AuditAction;
  studentId: number;
  fields: PersonalField[];
  importId?: number;
}

/** A change to an account's password, by its owner or an admin. */
export interface AccountAuditEntry {
  actor: Pick<AuthUser, 'id' | 'role'>;
  action: AuditAction.PasswordChange | AuditAction.PasswordResetIssue | AuditAction.PasswordReset;
  userId: number;
}

@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  /** Writes in the caller's transaction when given one, so a rolled-back change leaves no trace. */
  async record(entries: AuditEntry[], manager?: EntityManager): Promise<void> {
    const rows = entries
      .filter((e) => e.fields.length > 0)
      .map((e) => ({
        actorUserId: e.actor.id,
        actorRole: e.actor.role,
        action: e.action,
        studentId: e.studentId,
        subjectUserId: null,
        fields: e.fields.join(','),
        importId: e.importId ?? null,
      }));
    if (rows.length === 0) {
      return;
    }
    await this.events.insert(rows, manager);
  }

  async recordAccount(entry: AccountAuditEntry, manager?: EntityManager): Promise<void> {
    await this.events.insert(
      [
        {
          actorUserId: entry.actor.id,
          actorRole: entry.actor.role,
          action: entry.action,
          studentId: null,
          subjectUserId: entry.userId,
          fields: 'password',
          importId: null,
        },
      ],
      manager,
    );
  }

  async list(query: ListAuditEventsQuery): Promise<Page<AuditEvent>> {
    const [items, total] = await this.events.page(query);
    return toPage(items, total, query);
  }
}
