import type { Arena } from './arena';
import type { Compiled } from './compile';

/**
 * A slot's record: all that deciding a student's eligibility and score at the slot reads
 * (`eligibleMicro`, `shareMet` in candidates.ts), on one or two cache lines, where the slot's
 * CSR arrays in `Compiled` spread it over nine. A student's own list names slots at random, so
 * each line read there is a cache miss: on national lists of 10 (15 M entries) the candidates
 * stage, where they are read, took 7.5-7.8 s with the arrays, 5.4-6.1 s with the records.
 *
 * Slot j's record starts at double a = jRecAt[j] of jRec; jRecInt is the same memory as int32s.
 * Its header is the int32s from 2a (REC_*: region, province, capacity, requirement and programme
 * counts), then from double a + REC_HEADER the n requirements' minimums, then their n weights,
 * in requirement order, then from int32 `recordInts(a, n)` their n units and the programmes.
 */
export const REC_REGION = 0;
export const REC_PROVINCE = 1;
export const REC_CAPACITY = 2;
export const REC_REQUIREMENTS = 3;
export const REC_PROGRAMS = 4;
/** doubles before the minimums */
export const REC_HEADER = 3;

/** The double index of the first weight of the record at double a, with n requirements. */
export function recordWeights(a: number, n: number): number {
  return a + REC_HEADER + n;
}

/** The int32 index of the first unit of the record at double a, with n requirements. */
export function recordInts(a: number, n: number): number {
  return 2 * (a + REC_HEADER + 2 * n);
}

/** The compiled slot arrays a record is written from. */
export type SlotArrays = Pick<
  Compiled,
  | 'jRegion'
  | 'jProvince'
  | 'jCap'
  | 'jReqStart'
  | 'jReqUnit'
  | 'jReqMin'
  | 'jReqWeight'
  | 'jProgStart'
  | 'jProg'
>;

/** Slot j's record from double jRecAt[j] of jRec; jRecInt is the same memory as int32s. */
export interface SlotRecords {
  jRecAt: Int32Array;
  jRec: Float64Array;
  jRecInt: Int32Array;
}

/** Every slot's record, in slot order. */
export function slotRecords(mem: Arena, x: SlotArrays): SlotRecords {
  const nJ = x.jRegion.length;
  const jRecAt = mem.int32(nJ);
  let size = 0;
  for (let j = 0; j < nJ; j++) {
    const n = x.jReqStart[j + 1] - x.jReqStart[j];
    const p = x.jProgStart[j + 1] - x.jProgStart[j];
    jRecAt[j] = size;
    size += REC_HEADER + 2 * n + ((n + p + 1) >> 1);
  }
  const jRec = mem.float64(size);
  const jRecInt = new Int32Array(jRec.buffer, jRec.byteOffset, 2 * size);
  for (let j = 0; j < nJ; j++) {
    const a = jRecAt[j];
    const r0 = x.jReqStart[j];
    const n = x.jReqStart[j + 1] - r0;
    const p0 = x.jProgStart[j];
    const p = x.jProgStart[j + 1] - p0;
    jRecInt[2 * a + REC_REGION] = x.jRegion[j];
    jRecInt[2 * a + REC_PROVINCE] = x.jProvince[j];
    jRecInt[2 * a + REC_CAPACITY] = x.jCap[j];
    jRecInt[2 * a + REC_REQUIREMENTS] = n;
    jRecInt[2 * a + REC_PROGRAMS] = p;
    const b = recordInts(a, n);
    for (let r = 0; r < n; r++) {
      jRec[a + REC_HEADER + r] = x.jReqMin[r0 + r];
      jRec[recordWeights(a, n) + r] = x.jReqWeight[r0 + r];
      jRecInt[b + r] = x.jReqUnit[r0 + r];
    }
    for (let i = 0; i < p; i++) jRecInt[b + n + i] = x.jProg[p0 + i];
  }
  return { jRecAt, jRec, jRecInt };
}
