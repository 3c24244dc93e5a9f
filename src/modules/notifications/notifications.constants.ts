import type { JobOptions } from 'bull';

export const NOTIFICATIONS_QUEUE = 'notifications';
export const DELIVER_EVENT_JOB = 'deliver';

/** The events written by the placements feature (and by rounds and offer expiry). */
export const PLACEMENT_EVENT_TYPES = [
  'placement.offered',
  'placement.accepted',
  'placement.declined',
  'placement.expired',
  'placement.started',
  'placement.completed',
  'placement.terminated',
  'placement.withdrawn',
] as const;
export type PlacementEventType = (typeof PLACEMENT_EVENT_TYPES)[number];

/** Rows the relay hands to the queue per tick; the next tick takes the rest. */
export const RELAY_BATCH_SIZE = 200;
/** A relay tick gives up on Redis after this long and tries again on the next tick. */
export const RELAY_REDIS_TIMEOUT_MS = 5_000;
/** How long the receiver has to answer one POST. */
export const DELIVERY_TIMEOUT_MS = 10_000;
export const DELIVERY_ATTEMPTS = 8;

/** The queue job of one outbox row: its id only, the row itself is the source of truth. */
export interface DeliverEventJob {
  outboxId: number;
}

/** One job per outbox row: adding it twice is a no-op while the first is still known. */
export function deliveryJobId(outboxId: number): string {
  return `outbox:${outboxId}`;
}

/**
 * 8 attempts with exponential backoff (base, 2×base, 4×base…; about 21 minutes in all with the
 * default 5 s base); after that the relay enqueues the row again, so an event is never dropped.
 */
export function deliveryJobOptions(outboxId: number, backoffMs: number): JobOptions {
  return {
    jobId: deliveryJobId(outboxId),
    attempts: DELIVERY_ATTEMPTS,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    // Failed jobs stay for inspection; the relay removes and re-adds them.
    removeOnFail: false,
  };
}
