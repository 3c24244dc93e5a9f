import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../common/database/transaction';
import { OutboxService } from '../notifications/outbox.service';
import { placementEvent } from '../notifications/placement-events';
import { EXPIRY_BATCH } from './placements.constants';
import { PlacementsRepository } from './placements.repository';
import { PlacementStatus } from './placements.types';

/**
 * An offer not accepted by its deadline lapses: it becomes `declined` (an offer never holds a
 * seat, so nothing is freed here) and a `placement.expired` event is written in the same
 * transaction. Follow-up rounds then leave that slot out for that student.
 */
@Injectable()
export class OfferExpiryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementsRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** Closes every offer due by `now`; returns how many. */
  async expireDue(now: Date = new Date()): Promise<number> {
    let expired = 0;
    for (;;) {
      const closed = await inTransaction(this.dataSource, async (manager) => {
        const due = await this.placements.lockDue(now, EXPIRY_BATCH, manager);
        if (due.length === 0) {
          return 0;
        }
        await this.placements.setStatus(
          due.map((p) => p.id),
          PlacementStatus.Declined,
          manager,
        );
        await this.outbox.recordAll(
          manager,
          due.map((placement) =>
            placementEvent('placement.expired', { ...placement, status: PlacementStatus.Declined }),
          ),
        );
        return due.length;
      });
      expired += closed;
      if (closed < EXPIRY_BATCH) {
        return expired;
      }
    }
  }
}
