import type { OutboxEventInput } from './outbox.service';
import type { PlacementEventType } from './notifications.constants';

/** The fields of a placement an event carries: ids and dates, no personal data. */
export interface PlacementEventSource {
  id: number;
  studentId: number;
  slotId: number;
  companyId: number;
  schoolId: number;
  status: string;
  source: string;
  runId: number | null;
  offerDeadline: Date | null;
  startDate: string;
  endDate: string;
}

/** One event per transition of a placement: the key is the type and the placement's id. */
export function placementEvent(
  type: PlacementEventType,
  placement: PlacementEventSource,
): OutboxEventInput {
  return {
    type,
    key: `${type}:${placement.id}`,
    payload: {
      placementId: placement.id,
      studentId: placement.studentId,
      slotId: placement.slotId,
      companyId: placement.companyId,
      schoolId: placement.schoolId,
      status: placement.status,
      source: placement.source,
      runId: placement.runId === null ? null : Number(placement.runId),
      offerDeadline: placement.offerDeadline ? placement.offerDeadline.toISOString() : null,
      startDate: placement.startDate,
      endDate: placement.endDate,
    },
  };
}
