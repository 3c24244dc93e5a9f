import { createRng } from '../../src/matching-engine/prng';
import { InputPacker, PackedInput, slotSizes } from '../../src/matching-engine';
import type { Slot, Student } from '../../src/matching-engine';

/**
 * Seeded generator of realistic instances: regencies with economic profiles, 10 sectors of
 * 20 SKKNI-shaped units (200 in all), students holding 6–10 units mostly from their programme's
 * sector, slots needing 2–5 units of their sector, and Zipf-skewed popularity of units, regions
 * and capacities, so some slots are crowded and most are not.
 */

type Profile = 'industrial' | 'coastal_tourism' | 'umkm' | 'agriculture' | 'urban_services';

const SECTORS = [
  { kbli: 'C.290000', program: 'teknik-kendaraan-ringan', profiles: ['industrial'] },
  { kbli: 'C.250000', program: 'teknik-pengelasan', profiles: ['industrial'] },
  {
    kbli: 'C.270000',
    program: 'teknik-instalasi-listrik',
    profiles: ['industrial', 'urban_services'],
  },
  { kbli: 'I.551000', program: 'perhotelan', profiles: ['coastal_tourism'] },
  { kbli: 'I.561000', program: 'kuliner', profiles: ['coastal_tourism', 'umkm'] },
  { kbli: 'G.470000', program: 'bisnis-ritel', profiles: ['umkm', 'urban_services'] },
  { kbli: 'M.692000', program: 'akuntansi', profiles: ['umkm', 'urban_services'] },
  { kbli: 'J.620100', program: 'rekayasa-perangkat-lunak', profiles: ['urban_services'] },
  { kbli: 'A.011000', program: 'agribisnis-tanaman', profiles: ['agriculture'] },
  { kbli: 'A.031000', program: 'nautika-perikanan', profiles: ['agriculture', 'coastal_tourism'] },
] as const;
const UNITS_PER_SECTOR = 20;

const BANTEN: [string, Profile][] = [
  ['3601', 'coastal_tourism'],
  ['3602', 'agriculture'],
  ['3603', 'industrial'],
  ['3604', 'industrial'],
  ['3671', 'urban_services'],
  ['3672', 'industrial'],
  ['3673', 'umkm'],
  ['3674', 'urban_services'],
];
const PROFILES: Profile[] = [
  'industrial',
  'coastal_tourism',
  'umkm',
  'agriculture',
  'urban_services',
];
const PROVINCES = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

export interface Size {
  name: string;
  students: number;
  slots: number;
  regions: [string, Profile][];
}

export type SizeKind = 'banten' | 'province' | 'national' | 'worst';

function regionsOf(kind: SizeKind, rnd: () => number): [string, Profile][] {
  if (kind === 'banten') return BANTEN;
  const pick = () => PROFILES[Math.floor(rnd() * PROFILES.length)];
  if (kind === 'province' || kind === 'worst') {
    // A large province shaped like Jawa Barat: 18 kabupaten and 9 kota.
    return Array.from({ length: 27 }, (_, i) => [
      `32${String(i < 18 ? i + 1 : 71 + i - 18).padStart(2, '0')}`,
      pick(),
    ]);
  }
  const out: [string, Profile][] = [];
  for (const p of PROVINCES) {
    const n = 6 + Math.floor(rnd() * 21);
    for (let i = 0; i < n; i++) out.push([`${p}${String(i + 1).padStart(2, '0')}`, pick()]);
  }
  return out;
}

/** `worst`: the nation's graduates and slots all in one province (the province's 27 regencies). */
export function sizeOf(kind: SizeKind): Size {
  const rnd = createRng(99);
  const counts = {
    banten: [100_000, 15_000],
    province: [500_000, 100_000],
    national: [1_500_000, 300_000],
    worst: [1_500_000, 300_000],
  }[kind];
  return { name: kind, students: counts[0], slots: counts[1], regions: regionsOf(kind, rnd) };
}

/** Cumulative Zipf weights over n items, for drawing skewed indices by binary search. */
function zipf(n: number, s: number): Float64Array {
  const cum = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) cum[i] = t += 1 / Math.pow(i + 1, s);
  for (let i = 0; i < n; i++) cum[i] /= t;
  return cum;
}
function draw(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const unitCode = (sector: number, k: number) =>
  `${SECTORS[sector].kbli}.${String(k + 1).padStart(3, '0')}.01`;
/** Every unit code built once: a fresh string per student would only be garbage. */
const UNIT_CODES = SECTORS.map((_, sector) =>
  Array.from({ length: UNITS_PER_SECTOR }, (_, k) => unitCode(sector, k)),
);

export function generate(size: Size, seed: number): { students: Student[]; slots: Slot[] } {
  const students: Student[] = new Array(size.students);
  let slots: Slot[] = [];
  generateEach(
    size,
    seed,
    (made) => (slots = made),
    (s, student) => (students[s] = student),
  );
  return { students, slots };
}

/**
 * `generate`'s instance packed a student at a time, as the round's loader packs rows
 * (`InputPacker`): no object per student outlives its row. With `lists`, every student's list
 * is `withLists`' own for the same k and seed, made as the student is packed.
 */
export function generatePacked(
  size: Size,
  seed: number,
  lists?: { k: number; seed: number },
): PackedInput {
  let packer: InputPacker | undefined;
  let listOf: ((student: Student) => string[]) | undefined;
  generateEach(
    size,
    seed,
    (slots) => {
      packer = new InputPacker({
        ...slotSizes(slots),
        students: size.students,
        preferences: lists ? size.students * lists.k : 0,
        priority: false,
      });
      for (const slot of slots) packer.addSlot(slot);
      if (lists) listOf = listMaker(slots, lists.k, lists.seed);
    },
    (_, student) => {
      packer!.addStudent(student.id, student.regionCode, student.programCode, student.schoolId);
      packer!.addUnits(student.units);
      if (listOf) packer!.addList(listOf(student));
    },
  );
  return packer!.finish();
}

/** Generates the instance: hands over the slots once made, then each student, in order. */
function generateEach(
  size: Size,
  seed: number,
  slotsMade: (slots: Slot[]) => void,
  each: (s: number, student: Student) => void,
): void {
  const rnd = createRng(seed);
  const regionPop = zipf(size.regions.length, 0.6);
  const unitPop = zipf(UNITS_PER_SECTOR, 1.0);
  const level = [0.15, 0.5, 0.8, 0.95, 1];
  const minLevel = [0.2, 0.55, 0.85, 1];
  const sectorsOf = (profile: Profile) =>
    SECTORS.map((x, i) => ((x.profiles as readonly string[]).includes(profile) ? i : -1)).filter(
      (i) => i >= 0,
    );
  const regionSectors = size.regions.map(([, profile]) => sectorsOf(profile));
  const pickLevel = (table: number[]) => {
    const x = rnd();
    let i = 0;
    while (table[i] < x) i++;
    return i + 1;
  };

  const slots: Slot[] = new Array(size.slots);
  for (let j = 0; j < size.slots; j++) {
    const r = draw(regionPop, rnd());
    // Two thirds of openings follow the regency's profile; the rest are any sector.
    const own = regionSectors[r];
    const sector =
      rnd() < 0.67 ? own[Math.floor(rnd() * own.length)] : Math.floor(rnd() * SECTORS.length);
    const k = 2 + Math.floor(rnd() * 4);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(draw(unitPop, rnd()));
    slots[j] = {
      id: `L${j}`,
      companyId: `N${Math.floor(j / 3)}`,
      regionCode: size.regions[r][0],
      capacity: 1 + Math.floor(Math.pow(rnd(), 2) * 10),
      requirements: [...chosen].map((u) => ({
        unit: unitCode(sector, u),
        minLevel: pickLevel(minLevel),
        weight: 1 + Math.floor(rnd() * 3),
      })),
      programCodes: rnd() < 0.3 ? [SECTORS[sector].program] : undefined,
    };
  }
  slotsMade(slots);
  // One id string per school, shared by its students, as rows read from one table would be.
  const schoolIds = Array.from({ length: Math.ceil(size.students / 300) }, (_, i) => `P${i}`);
  for (let s = 0; s < size.students; s++) {
    const r = draw(regionPop, rnd());
    const own = regionSectors[r];
    const sector =
      rnd() < 0.6 ? own[Math.floor(rnd() * own.length)] : Math.floor(rnd() * SECTORS.length);
    // A null-prototype record is a plain string → level dictionary, as a mapper would build it:
    // with ~200 codes in random orders, `{}` would give nearly every student its own hidden-class
    // chain (about 700 bytes a student against 460, measured).
    const units: Record<string, number> = Object.create(null);
    const k = 6 + Math.floor(rnd() * 5);
    for (let i = 0; i < k; i++) {
      const sec = rnd() < 0.8 ? sector : Math.floor(rnd() * SECTORS.length);
      units[UNIT_CODES[sec][draw(unitPop, rnd())]] = pickLevel(level);
    }
    each(s, {
      id: `S${s}`,
      regionCode: size.regions[r][0],
      programCode: SECTORS[sector].program,
      units,
      schoolId: schoolIds[Math.floor(s / 300)],
    });
  }
}

/** 100k × 20k where every student is eligible for exactly 10 slots (popular ones more often). */
export function sparseTen(seed: number): { students: Student[]; slots: Slot[] } {
  const rnd = createRng(seed);
  const nJ = 20_000;
  const pop = zipf(nJ, 0.7);
  const slots: Slot[] = Array.from({ length: nJ }, (_, j) => ({
    id: `T${j}`,
    companyId: `N${j}`,
    regionCode: '3603',
    capacity: 1 + Math.floor(rnd() * 5),
    requirements: [{ unit: `X.${j}`, minLevel: 1 }],
  }));
  const students: Student[] = Array.from({ length: 100_000 }, (_, s) => {
    const units: Record<string, number> = {};
    while (Object.keys(units).length < 10)
      units[`X.${draw(pop, rnd())}`] = 1 + Math.floor(rnd() * 5);
    return { id: `S${s}`, regionCode: '3603', units };
  });
  return { students, slots };
}

/** n × n one-to-one, every pair eligible with a varied score: the dense assignment peers solve. */
export function denseOneToOne(n: number, seed: number): { students: Student[]; slots: Slot[] } {
  const rnd = createRng(seed);
  const pool = Array.from({ length: 6 }, (_, i) => `D.${i}`);
  const slots: Slot[] = Array.from({ length: n }, (_, j) => ({
    id: `D${j}`,
    companyId: `N${j}`,
    regionCode: '3601',
    capacity: 1,
    requirements: pool
      .filter(() => rnd() < 0.6)
      .map((unit) => ({ unit, minLevel: 1, weight: 1 + Math.floor(rnd() * 9) })),
  }));
  const students: Student[] = Array.from({ length: n }, (_, s) => ({
    id: `S${s}`,
    regionCode: '3601',
    units: Object.fromEntries(pool.map((u) => [u, 1 + Math.floor(rnd() * 5)])),
  }));
  return { students, slots };
}

/**
 * Gives every student an explicit list of `k` distinct slots of their own province, each drawn
 * among the slots needing one of the student's units at a level they hold (as a console would
 * offer them), in the drawn order. Other requirements are not checked: slots the student does not
 * qualify for stay on the list and the engine drops them, as it would from a real list.
 */
export function withLists(students: Student[], slots: Slot[], k: number, seed: number): void {
  const listOf = listMaker(slots, k, seed);
  for (const st of students) st.preferences = listOf(st);
}

/** `withLists`' list of each student in turn: called for every student, in their order. */
function listMaker(slots: Slot[], k: number, seed: number): (student: Student) => string[] {
  const rnd = createRng(seed);
  // Slots by province and required unit, lowest minimum level of that unit first.
  const byKey = new Map<string, { slot: number; min: number }[]>();
  slots.forEach((slot, j) => {
    for (const req of slot.requirements) {
      const key = `${slot.regionCode.slice(0, 2)}|${req.unit}`;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push({ slot: j, min: req.minLevel });
    }
  });
  const pools = new Map<string, { slots: Int32Array; upTo: Int32Array }>();
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.min - b.min || a.slot - b.slot);
    // upTo[level]: how many entries ask for at most that level
    const upTo = new Int32Array(7);
    for (const x of list) for (let lv = Math.max(0, Math.ceil(x.min)); lv <= 6; lv++) upTo[lv]++;
    pools.set(key, { slots: Int32Array.from(list, (x) => x.slot), upTo });
  }
  const mine: { slots: Int32Array; n: number }[] = [];
  return (st) => {
    mine.length = 0;
    const province = st.regionCode.slice(0, 2);
    for (const unit in st.units) {
      const pool = pools.get(`${province}|${unit}`);
      const n = pool ? pool.upTo[Math.min(6, Math.floor(st.units[unit]))] : 0;
      if (n > 0) mine.push({ slots: pool!.slots, n });
    }
    const list: string[] = [];
    for (let tries = 0; mine.length > 0 && list.length < k && tries < 4 * k; tries++) {
      const pool = mine[Math.floor(rnd() * mine.length)];
      const id = slots[pool.slots[Math.floor(rnd() * pool.n)]].id;
      if (!list.includes(id)) list.push(id);
    }
    return list;
  };
}
