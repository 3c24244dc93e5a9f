import {
  Column,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

export enum RunStatus {
  Queued = 'queued',
  Running = 'running',
  Completed = 'completed',
  Failed = 'failed',
  Cancelled = 'cancelled',
}

export const ACTIVE_RUN_STATUSES = [RunStatus.Queued, RunStatus.Running];

/** Which students a round matches: empty region list = every region. */
export interface RunScope {
  regionCodes: string[];
  graduationYear: number | null;
  cohortId: number | null;
  onlyUnplaced: boolean;
}

/** A coordinator's matching round: the request, its progress and its outcome. */
@Entity('matching_runs')
@Index('IDX_matching_runs_status', ['status'])
export class MatchingRun {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ type: 'enum', enum: RunStatus, default: RunStatus.Queued })
  status: RunStatus;

  /** load, match, write, done: where a running round is. */
  @Column({ type: 'varchar', length: 20, default: 'queued' })
  stage: string;

  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  progress: number;

  @Column({ type: 'enum', enum: ['stable', 'optimal'] })
  mode: 'stable' | 'optimal';

  /** RunScope as JSON. */
  @Column({ type: 'text' })
  scope: string;

  /** The engine's options (weights, region policy, seed, quotas) as JSON. */
  @Column({ type: 'text' })
  options: string;

  /** Days an offer stays open once the round is published. */
  @Column({ name: 'offer_days', type: 'smallint', unsigned: true, default: 7 })
  offerDays: number;

  /** Stats as JSON once completed. */
  @Column({ type: 'mediumtext', nullable: true, default: null })
  stats: string | null;

  /** Milliseconds per stage as JSON. */
  @Column({ type: 'text', nullable: true, default: null })
  timings: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true, default: null })
  error: string | null;

  @Column({ name: 'created_by', type: 'int', unsigned: true })
  createdBy: number;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true, default: null })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true, default: null })
  finishedAt: Date | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true, default: null })
  publishedAt: Date | null;
}

/**
 * One region of a round's scope (none for a province-wide round): the access policy reads it
 * to tell whether a round lies within a region-limited coordinator's regions.
 */
@Entity('matching_run_regions')
export class MatchingRunRegion {
  @PrimaryColumn({ name: 'run_id', type: 'int', unsigned: true })
  @ForeignKey('MatchingRun', { name: 'FK_matching_run_regions_run', onDelete: 'CASCADE' })
  runId: number;

  @PrimaryColumn({ name: 'region_code', type: 'char', length: 4 })
  @ForeignKey('Region', { name: 'FK_matching_run_regions_region', onDelete: 'RESTRICT' })
  regionCode: string;
}

export enum RunPartStatus {
  Queued = 'queued',
  Running = 'running',
  Done = 'done',
}

/**
 * One independent part of a split round (round-parts.rules.ts: a province), computed by
 * whichever worker takes its job; the last part to finish merges the tallies into the round.
 */
@Entity('matching_run_parts')
@Unique('UQ_matching_run_parts_run_part', ['runId', 'partKey'])
export class MatchingRunPart {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'run_id', type: 'int', unsigned: true })
  @ForeignKey('MatchingRun', { name: 'FK_matching_run_parts_run', onDelete: 'CASCADE' })
  runId: number;

  /** The province code, e.g. '32'. */
  @Column({ name: 'part_key', type: 'varchar', length: 10 })
  partKey: string;

  /** The part's regions as a JSON array: its students are those domiciled there. */
  @Column({ name: 'region_codes', type: 'text' })
  regionCodes: string;

  @Column({ type: 'enum', enum: RunPartStatus, default: RunPartStatus.Queued })
  status: RunPartStatus;

  /** How many times a worker started it (more than one: a worker died or an attempt failed). */
  @Column({ type: 'smallint', unsigned: true, default: 0 })
  attempts: number;

  /** The worker (host:pid) that took it last: the one that finished it once done. */
  @Column({ type: 'varchar', length: 100, nullable: true, default: null })
  worker: string | null;

  @Column({ type: 'int', unsigned: true, default: 0 })
  students: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  matched: number;

  /** The part's result digest (round-results.ts), once done. */
  @Column({ type: 'char', length: 32, nullable: true, default: null })
  digest: string | null;

  /** Its RoundTally as JSON, once done: what the merge adds up. */
  @Column({ type: 'mediumtext', nullable: true, default: null })
  tally: string | null;

  /** Milliseconds per stage as JSON, once done. */
  @Column({ type: 'text', nullable: true, default: null })
  timings: string | null;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true, default: null })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true, default: null })
  finishedAt: Date | null;
}

/** The engine's proposal for one student of a round; (run, student) is the key, so re-runs overwrite. */
@Entity('matching_proposals')
@Index('IDX_matching_proposals_run_slot', ['runId', 'slotId'])
@Index('IDX_matching_proposals_run_school', ['runId', 'schoolId'])
@Index('IDX_matching_proposals_run_company', ['runId', 'companyId'])
export class MatchingProposal {
  @PrimaryColumn({ name: 'run_id', type: 'int', unsigned: true })
  runId: number;

  @PrimaryColumn({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  @Column({ name: 'slot_id', type: 'int', unsigned: true })
  slotId: number;

  @Column({ name: 'school_id', type: 'int', unsigned: true })
  schoolId: number;

  @Column({ name: 'company_id', type: 'int', unsigned: true })
  companyId: number;

  @Column({ type: 'decimal', precision: 8, scale: 6 })
  score: string;

  @Column({ type: 'smallint', unsigned: true, nullable: true, default: null })
  rank: number | null;

  /** The engine's explanation as JSON. */
  @Column({ type: 'text' })
  explanation: string;
}

/** A student the round could not place, with the engine's reason. */
@Entity('matching_unmatched')
@Index('IDX_matching_unmatched_run_school', ['runId', 'schoolId'])
export class MatchingUnmatched {
  @PrimaryColumn({ name: 'run_id', type: 'int', unsigned: true })
  runId: number;

  @PrimaryColumn({ name: 'student_id', type: 'int', unsigned: true })
  studentId: number;

  @Column({ name: 'school_id', type: 'int', unsigned: true })
  schoolId: number;

  @Column({ name: 'reason_code', type: 'varchar', length: 30 })
  reasonCode: string;

  /** The closest slot (no_eligible_slot) or the first choice (outranked): lets a company see its rows. */
  @Column({ name: 'slot_id', type: 'int', unsigned: true, nullable: true, default: null })
  slotId: number | null;

  @Column({ name: 'company_id', type: 'int', unsigned: true, nullable: true, default: null })
  companyId: number | null;

  /** The engine's reason as JSON. */
  @Column({ type: 'text' })
  reason: string;
}
