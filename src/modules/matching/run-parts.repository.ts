import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ACTIVE_RUN_STATUSES, MatchingRunPart, RunPartStatus } from './matching-run.entity';
import type { RoundPart } from './round-parts.rules';

/** What a finished part records. */
export type FinishedPart = Pick<
  MatchingRunPart,
  'students' | 'matched' | 'digest' | 'tally' | 'timings' | 'worker'
>;

/** Every query on matching_run_parts: the parts of rounds split over workers. */
@Injectable()
export class RunPartsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private parts(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(MatchingRunPart);
  }

  /** A round's parts in key order (none: the round runs whole). */
  partsOf(runId: number): Promise<MatchingRunPart[]> {
    return this.parts().find({ where: { runId }, order: { partKey: 'ASC' } });
  }

  findPart(id: number): Promise<MatchingRunPart | null> {
    return this.parts().findOneBy({ id });
  }

  /** Records a round's parts; a part already recorded (an earlier attempt) is kept as it is. */
  async insertParts(runId: number, parts: readonly RoundPart[]): Promise<void> {
    await this.dataSource.query(
      'INSERT IGNORE INTO matching_run_parts (run_id, part_key, region_codes) VALUES ?',
      [parts.map((p) => [runId, p.key, JSON.stringify(p.regionCodes)])],
    );
  }

  /** Marks a part taken by `worker` (one more attempt); false when it is done already. */
  async startPart(id: number, worker: string): Promise<boolean> {
    const updated = await this.parts()
      .createQueryBuilder()
      .update()
      .set({
        status: RunPartStatus.Running,
        worker,
        attempts: () => 'attempts + 1',
        startedAt: new Date(),
      })
      .where('id = :id AND status <> :done', { id, done: RunPartStatus.Done })
      .execute();
    return updated.affected === 1;
  }

  /**
   * A round's parts, locked until `manager`'s transaction ends. Taken after the round's own row
   * (MatchingRepository.lockRun): parts finishing at once queue up there, and the last sees
   * every other one done.
   */
  lockPartsOf(manager: EntityManager, runId: number): Promise<MatchingRunPart[]> {
    return this.parts(manager)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.run_id = :runId', { runId })
      .orderBy('p.part_key', 'ASC')
      .getMany();
  }

  async finishPart(manager: EntityManager, id: number, fields: FinishedPart): Promise<void> {
    await this.parts(manager).update(
      { id },
      { ...fields, status: RunPartStatus.Done, finishedAt: new Date() },
    );
  }

  /** Parts not done of rounds still queued or running: the parts' recovery sweep looks at these. */
  async unfinishedPartIds(): Promise<number[]> {
    const rows = await this.dataSource.query<{ id: number }[]>(
      `SELECT p.id FROM matching_run_parts p JOIN matching_runs r ON r.id = p.run_id
        WHERE p.status <> ? AND r.status IN (?) ORDER BY p.id`,
      [RunPartStatus.Done, ACTIVE_RUN_STATUSES],
    );
    return rows.map((r) => Number(r.id));
  }

  async isPartUnfinished(id: number): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: number }[]>(
      `SELECT p.id FROM matching_run_parts p JOIN matching_runs r ON r.id = p.run_id
        WHERE p.id = ? AND p.status <> ? AND r.status IN (?)`,
      [id, RunPartStatus.Done, ACTIVE_RUN_STATUSES],
    );
    return rows.length > 0;
  }
}
