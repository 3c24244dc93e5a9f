import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessRepository } from '../../common/access/access.repository';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { inTransaction } from '../../common/database/transaction';
import { NotFoundException } from '../../common/errors/domain.exception';
import { PlacementsService } from '../placements/placements.service';
import { PlacementSource } from '../placements/placements.types';
import { PublishResultDto } from './dto/matching-run.dto';
import { MatchingException } from './matching.exception';
import { MatchingRepository } from './matching.repository';

const PUBLISH_BATCH = 1_000;

/**
 * Turns a completed round's proposals into offers (placements `offered`) through the
 * placements feature's one offer path, all in one transaction: either the whole round is
 * published or none of it. Whatever that path refuses (students placed since the round ran,
 * an offer already standing for that slot, a closed slot, a student too young for the slot's
 * start date) is skipped and counted.
 */
@Injectable()
export class PublishService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessRepository,
    private readonly runs: MatchingRepository,
    private readonly placements: PlacementsService,
  ) {}

  async publish(runId: number, user: AuthUser): Promise<PublishResultDto> {
    // Checked before anything is written: a refused publish changes nothing.
    await this.access.assertInScope(
      user,
      'matchingRun',
      runId,
      Action.Act,
      undefined,
      'matching_run',
    );
    const run = await this.runs.findRun(runId);
    if (!run) {
      throw new NotFoundException('matching_run', runId);
    }
    return inTransaction(this.dataSource, async (manager) => {
      if (!(await this.runs.claimForPublish(manager, runId))) {
        throw run.publishedAt !== null
          ? MatchingException.alreadyPublished()
          : MatchingException.invalidRunStatus('publish', run.status);
      }
      const deadline = new Date(Date.now() + run.offerDays * 86_400_000);
      let offered = 0;
      let skipped = 0;
      for (let lastStudent = 0; ;) {
        // By student id: offerMany locks the students in that order.
        const batch = await this.runs.proposalBatch(manager, runId, lastStudent, PUBLISH_BATCH);
        if (batch.length === 0) {
          break;
        }
        lastStudent = batch[batch.length - 1].studentId;
        const outcome = await this.placements.offerMany(
          batch,
          { source: PlacementSource.Round, runId, deadline, createdBy: user.id },
          manager,
        );
        offered += outcome.made.length;
        skipped += outcome.skipped.length;
      }
      return { offered, skipped };
    });
  }
}
