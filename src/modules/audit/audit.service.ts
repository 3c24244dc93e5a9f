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
        fields: e.fields.join(','),
        importId: e.importId ?? null,
      }));
    if (rows.length === 0) {
      return;
    }
    await this.events.insert(rows, manager);
  }

  async list(query: ListAuditEventsQuery): Promise<Page<AuditEvent>> {
    const [items, total] = await this.events.page(query);
    return toPage(items, total, query);
  }
}
