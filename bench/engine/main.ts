import { createHash } from 'crypto';
import { fork } from 'child_process';
import { readFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';
import { performance, PerformanceObserver } from 'perf_hooks';
import {
  match,
  matchPacked,
  MatchOptions,
  MatchResult,
  RegionPolicy,
  score,
} from '../../src/matching-engine';
import { outcomeOf } from '../../src/modules/matching/engine-outcome';
import { bareDeferredAcceptance, bareInput } from './bare-da';
import {
  denseOneToOne,
  generate,
  generatePacked,
  SizeKind,
  sizeOf,
  sparseTen,
  withLists,
} from './generate';

/**
 * Every case the bench runs, in order, with the issue's targets (#16; the README's where it set
 * one first). A case with explicit lists gives every student a list of 10 slots (generate.ts).
 * Times include the blocking-pair certificate in stable mode (`certify`, as a round asks for
 * it), all-in as the issue counts them.
 */
interface Case {
  name: string;
  size: SizeKind;
  mode: 'stable' | 'optimal';
  policy: RegionPolicy;
  lists?: boolean;
  /**
   * the input packed a student at a time, as the round's loader packs rows (`matchPacked`): the
   * students' objects never exist, so their memory is not in the peak
   */
  packed?: boolean;
  /** only with --all: too long for an everyday run on this machine */
  onRequest?: boolean;
  target?: { ms?: number; mb?: number; ratio?: number };
}

/**
 * Banten and a province are matched across regencies within the province; national per regency
 * (`same_region`), and again per province (`national province`, as a national round's parts
 * are: the policy issue #16's national target names).
 */
const CASES: Case[] = [
  { name: 'banten', size: 'banten', mode: 'stable', policy: 'same_province' },
  {
    name: 'banten',
    size: 'banten',
    mode: 'optimal',
    policy: 'same_province',
    target: { ms: 5000 },
  },
  {
    name: 'province',
    size: 'province',
    mode: 'stable',
    policy: 'same_province',
    target: { ms: 5000, mb: 1536 },
  },
  // As a round runs it: packed a student at a time, the writer's texts instead of objects.
  {
    name: 'province packed',
    size: 'province',
    mode: 'stable',
    policy: 'same_province',
    packed: true,
    target: { ms: 5000, mb: 1536 },
  },
  // 140M eligible pairs under same_province: the exact solver ran over 8 minutes here.
  { name: 'province', size: 'province', mode: 'optimal', policy: 'same_province', onRequest: true },
  {
    name: 'province lists',
    size: 'province',
    mode: 'stable',
    policy: 'same_province',
    lists: true,
    packed: true,
    target: { ratio: 2 },
  },
  {
    name: 'national',
    size: 'national',
    mode: 'stable',
    policy: 'same_region',
    target: { ms: 4000, mb: 1536 },
  },
  {
    name: 'national packed',
    size: 'national',
    mode: 'stable',
    policy: 'same_region',
    packed: true,
    target: { ms: 4000, mb: 1536 },
  },
  {
    name: 'national province',
    size: 'national',
    mode: 'stable',
    policy: 'same_province',
    packed: true,
    target: { ms: 4000, mb: 1536 },
  },
  {
    name: 'national',
    size: 'national',
    mode: 'optimal',
    policy: 'same_region',
    target: { ms: 60000 },
  },
  {
    name: 'national lists',
    size: 'national',
    mode: 'stable',
    policy: 'same_province',
    lists: true,
    packed: true,
    target: { ratio: 2 },
  },
  {
    name: 'worst',
    size: 'worst',
    mode: 'stable',
    policy: 'same_province',
    target: { ms: 15000, mb: 3072 },
  },
  {
    name: 'worst packed',
    size: 'worst',
    mode: 'stable',
    policy: 'same_province',
    packed: true,
    target: { ms: 15000, mb: 3072 },
  },
];

interface Row {
  case: string;
  mode: string;
  stages: Record<string, number>;
  peakMb: Record<string, number>;
  totalMs: number;
  info: Record<string, string | number>;
  /** stage boundaries on the performance clock, to charge garbage collections to stages */
  bounds?: number[];
  /** stage → milliseconds spent in garbage collection (pauses on the main thread) */
  gcMs?: Record<string, number>;
  /** the bare typed-array deferred acceptance on the same instance, and the load when measured */
  bareMs?: number;
  load?: number;
  peak?: number;
  /** stopped at the bench's time limit: totalMs is the limit, not a result */
  stopped?: boolean;
}

const gcPauses: { start: number; ms: number }[] = [];

/** Charges every collection that started inside a stage to that stage. */
function chargeCollections(row: Row): void {
  if (!row.bounds) return;
  const names = Object.keys(row.stages);
  row.gcMs = {};
  names.forEach((name, i) => {
    const from = row.bounds![i];
    const to = row.bounds![i + 1];
    let ms = 0;
    for (const p of gcPauses) if (p.start >= from && p.start < to) ms += p.ms;
    row.gcMs![name] = ms;
  });
  delete row.bounds;
}

/**
 * Hash of the whole result but its timings and certificate (so that a result is hashed alike
 * with and without one): equal digests mean byte-for-byte equal results.
 */
function digest(result: MatchResult): string {
  const h = createHash('sha256');
  for (const a of result.assignments) h.update(JSON.stringify(a));
  for (const u of result.unmatched) h.update(JSON.stringify(u));
  const { timings: _t, blockingPairs: _b, ...stats } = result.stats;
  void _t;
  void _b;
  h.update(JSON.stringify(stats));
  return h.digest('hex').slice(0, 12);
}

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Clock injected into the engine: times stages and samples the peak RSS at every boundary. */
function instrumented() {
  const peaks: Record<string, number> = {};
  let calls = 0;
  const names: string[] = [];
  const bounds: number[] = [];
  const clock = () => {
    if (calls > 0) peaks[`#${calls}`] = mb();
    calls++;
    const now = performance.now();
    bounds.push(now);
    return now;
  };
  return { clock, peaks, names, bounds };
}

function runCase(spec: Case): Row {
  const { mode } = spec;
  const t0 = performance.now();
  const lists = spec.lists ? { k: 10, seed: 77 } : undefined;
  const packed = spec.packed ? generatePacked(sizeOf(spec.size), 2025, lists) : null;
  let instance = packed ? null : generate(sizeOf(spec.size), 2025);
  if (instance && lists) withLists(instance.students, instance.slots, lists.k, lists.seed);
  const genMs = performance.now() - t0;
  // The generator's own garbage is not the engine's to collect: clear it before the clock starts.
  (globalThis as { gc?: () => void }).gc?.();
  const genMb = mb();
  const options: MatchOptions = { mode, regionPolicy: spec.policy, seed: 1 };
  const inst = instrumented();
  const t1 = performance.now();
  // The certificate in stable mode, inside the match: there it reads the lists as they were made.
  const certify = mode === 'stable';
  const engineOptions = { ...options, certify, clock: inst.clock };
  // Packed, as a round runs it: the engine's rows, then the writer's columns made of them
  // (`outcomeOf`, in the round's engine thread) as a stage of the case; the objects the digest
  // reads are made after the clock stops. Otherwise `match`'s objects, its stage `result`.
  let result: MatchResult;
  let matchMs: number;
  // The case's peak RSS: a packed case's before the objects the digest reads are made.
  let peak: number;
  if (packed) {
    const rows = matchPacked(packed, engineOptions);
    const explained = inst.bounds[inst.bounds.length - 1];
    outcomeOf(rows);
    rows.stats.timings!.texts = inst.clock() - explained;
    matchMs = performance.now() - t1;
    peak = mb();
    result = rows.toResult();
  } else {
    result = match(instance!.students, instance!.slots, engineOptions);
    matchMs = performance.now() - t1;
    peak = mb();
  }
  const stages: Record<string, number> = { ...result.stats.timings };
  const stageNames = Object.keys(stages);
  const peakMb: Record<string, number> = { generate: genMb };
  stageNames.forEach((s, i) => (peakMb[s] = inst.peaks[`#${i + 1}`]));
  const blocking = result.stats.blockingPairs ?? -1;
  const load = loadavg()[0];
  const st = result.stats;
  const row: Row = {
    case: spec.name,
    mode,
    stages,
    peakMb,
    totalMs: matchMs,
    bounds: inst.bounds,
    load,
    peak,
    info: {
      generateMs: Math.round(genMs),
      students: st.students,
      slots: st.slots,
      seats: st.seats,
      pairs: st.eligiblePairs,
      matched: st.matched,
      share: +(st.matched / st.students).toFixed(4),
      avgRank: st.averageRank,
      avgScore: st.averageScore,
      total: st.totalScore,
      blocking,
      components: st.components ?? '',
      digest: digest(result),
    },
  };
  // The yardstick, on this instance's students and slots, with lists of 10 (made for it when
  // the case has none; the packed case's objects made now, once the engine is measured).
  const listed = instance !== null && lists !== undefined;
  instance ??= generate(sizeOf(spec.size), 2025);
  const { students, slots } = instance;
  if (!listed) withLists(students, slots, 10, 77);
  const bare = bareInput(students, slots);
  (globalThis as { gc?: () => void }).gc?.();
  const t3 = performance.now();
  bareDeferredAcceptance(bare);
  row.bareMs = performance.now() - t3;
  return row;
}

function runSparse(): Row {
  const { students, slots } = sparseTen(7);
  const load = loadavg()[0];
  const inst = instrumented();
  const t = performance.now();
  const r = match(students, slots, { mode: 'optimal', regionPolicy: 'any', clock: inst.clock });
  const total = performance.now() - t;
  const peakMb: Record<string, number> = {};
  Object.keys(r.stats.timings!).forEach((s, i) => (peakMb[s] = inst.peaks[`#${i + 1}`]));
  const stable = match(students, slots, { mode: 'stable', regionPolicy: 'any' });
  return {
    case: 'sparse10',
    mode: 'optimal',
    stages: r.stats.timings!,
    peakMb,
    totalMs: total,
    load,
    peak: mb(),
    info: {
      students: r.stats.students,
      slots: r.stats.slots,
      seats: r.stats.seats,
      pairs: r.stats.eligiblePairs,
      matched: r.stats.matched,
      share: +(r.stats.matched / r.stats.students).toFixed(4),
      total: r.stats.totalScore,
      stableTotal: stable.stats.totalScore,
      avgRank: r.stats.averageRank,
    },
  };
}

function runMunkres(): Row {
  // munkres is ESM-first; its CommonJS build is what require resolves to.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const munkres = require('munkres') as { munkres: (m: number[][]) => [number, number][] };
  const n = 2000;
  const { students, slots } = denseOneToOne(n, 11);
  const t0 = performance.now();
  const r = match(students, slots, { mode: 'optimal', regionPolicy: 'any' });
  const engineMs = performance.now() - t0;
  const engineTotal = Math.round(r.stats.totalScore * 1e6);
  // Same scores as the engine's, as an integer cost matrix for a minimising solver.
  const t1 = performance.now();
  const cost = students.map((s) =>
    slots.map((j) => -Math.round(score(s, j, { mode: 'optimal', regionPolicy: 'any' }) * 1e6)),
  );
  const matrixMs = performance.now() - t1;
  const t2 = performance.now();
  const pairs = munkres.munkres(cost);
  const munkresMs = performance.now() - t2;
  const munkresTotal = -pairs.reduce((t, [y, x]) => t + cost[y][x], 0);
  return {
    case: 'munkres 2000x2000',
    mode: 'optimal',
    stages: { engine: engineMs, 'munkres@2.0.4': munkresMs, 'cost matrix': matrixMs },
    peakMb: { all: mb() },
    totalMs: engineMs,
    load: loadavg()[0],
    peak: mb(),
    info: {
      engineTotal,
      munkresTotal,
      same: engineTotal === munkresTotal ? 'yes' : 'NO',
      pairs: r.stats.eligiblePairs,
    },
  };
}

function child(kind: string, at: string): Row {
  if (kind === 'sparse10') return runSparse();
  if (kind === 'munkres') return runMunkres();
  return runCase(CASES[Number(at)]);
}

/** Peak RSS in MB of a running process, from Linux's /proc (undefined elsewhere). */
function peakOf(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs one case in its own process. A case still running after `limitMs` is stopped and its row
 * says so (time "> limit", not met), so that a case too slow for this machine still shows.
 */
function runChild(kind: string, mode: string, limitMs = Infinity, spec?: Case): Promise<Row> {
  return new Promise((resolve, reject) => {
    const proc = fork(join(__dirname, 'run.js'), ['--child', kind, mode], {
      // the worst case holds 1.5M students and their lists
      execArgv: ['--max-old-space-size=12288', '--expose-gc'],
    });
    let stopped = false;
    const timer = Number.isFinite(limitMs)
      ? setTimeout(() => {
          stopped = true;
          const peak = peakOf(proc.pid);
          proc.kill('SIGKILL');
          const size = spec ? sizeOf(spec.size) : undefined;
          resolve({
            case: spec?.name ?? kind,
            mode: spec?.mode ?? mode,
            stages: {},
            peakMb: {},
            totalMs: limitMs,
            stopped: true,
            peak,
            load: loadavg()[0],
            info: { students: size?.students ?? '', slots: size?.slots ?? '' },
          });
        }, limitMs)
      : undefined;
    proc.on('message', (m) => {
      clearTimeout(timer);
      resolve(m as Row);
    });
    proc.on('exit', (code) =>
      code && !stopped ? reject(new Error(`${kind}/${mode} exited with ${code}`)) : undefined,
    );
  });
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

function print(row: Row): void {
  if (row.stopped) {
    console.log(
      `${row.case.padEnd(18)} ${row.mode.padEnd(8)} stopped at the limit, ${fmt(row.totalMs)}`,
    );
    return;
  }
  const stages = Object.entries(row.stages)
    .map(([k, v]) => {
      const gc = row.gcMs?.[k] ? `, gc ${fmt(row.gcMs[k])}` : '';
      return `${k} ${fmt(v)}${row.peakMb[k] ? ` (${row.peakMb[k]} MB${gc})` : ''}`;
    })
    .join(' | ');
  const info = Object.entries(row.info)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const bare =
    row.bareMs !== undefined
      ? ` bareDA=${fmt(row.bareMs)} (×${(row.totalMs / row.bareMs).toFixed(1)})`
      : '';
  const load = row.load !== undefined ? ` load=${row.load.toFixed(2)}` : '';
  console.log(
    `${row.case.padEnd(18)} ${row.mode.padEnd(8)} total ${fmt(row.totalMs).padStart(8)} | ${stages}\n${' '.repeat(27)}${info}${bare}${load}`,
  );
}

/** The summary: every case run, its time and memory, its ratio to the bare DA, and its target. */
function printTable(rows: { spec?: Case; row: Row }[]): void {
  console.log(
    '\n| case | students × slots | mode | time | peak RSS | bare DA | × bare DA | target | met | load (1 min) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const { spec, row } of rows) {
    const size = `${row.info.students ?? ''} × ${row.info.slots ?? ''}`;
    const ratio = row.bareMs && !row.stopped ? row.totalMs / row.bareMs : undefined;
    const t = spec?.target;
    const wanted: string[] = [];
    let met = true;
    if (t?.ms !== undefined) {
      wanted.push(`< ${fmt(t.ms)}`);
      met &&= !row.stopped && row.totalMs < t.ms;
    }
    if (t?.mb !== undefined) {
      wanted.push(`< ${(t.mb / 1024).toFixed(1)} GB`);
      met &&= (row.peak ?? Infinity) < t.mb;
    }
    if (t?.ratio !== undefined) {
      wanted.push(`≤ ${t.ratio}× bare DA`);
      met &&= ratio !== undefined && ratio <= t.ratio;
    }
    if (row.info.same !== undefined) {
      wanted.push('same optimum');
      met &&= row.info.same === 'yes';
    }
    // A packed case's time counts the writer's texts; its engine's own part is given beside.
    const texts = row.stages.texts;
    const engineMs = texts !== undefined ? row.totalMs - texts : undefined;
    const time = row.stopped
      ? `> ${fmt(row.totalMs)} (stopped)`
      : engineMs !== undefined
        ? `${fmt(row.totalMs)} (engine ${fmt(engineMs)}, texts ${fmt(texts)})`
        : fmt(row.totalMs);
    const times =
      ratio === undefined
        ? '—'
        : engineMs !== undefined
          ? `${ratio.toFixed(1)}× (engine ${(engineMs / row.bareMs!).toFixed(1)}×)`
          : `${ratio.toFixed(1)}×`;
    console.log(
      `| ${row.case} | ${size} | ${row.mode} | ${time} | ${row.peak !== undefined ? `${row.peak} MB` : '?'} | ${
        row.bareMs !== undefined ? fmt(row.bareMs) : '—'
      } | ${times} | ${wanted.join(', ') || '—'} | ${
        wanted.length ? (met ? 'yes' : 'NO') : '—'
      } | ${row.load?.toFixed(2) ?? '?'} |`,
    );
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    // Run directly (e.g. under --cpu-prof) the child prints its own row.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, ms: e.duration });
    }).observe({ entryTypes: ['gc'] });
    const row = child(argv[1], argv[2]);
    // Collection entries arrive asynchronously, once the synchronous run is over.
    await new Promise((done) => setTimeout(done, 100));
    chargeCollections(row);
    if (process.send) process.send(row);
    else print(row);
    return;
  }
  const at = argv.indexOf('--size');
  const want = at >= 0 ? argv[at + 1] : 'all';
  const everything = argv.includes('--all');
  // A case is stopped after this many seconds (default 10 minutes): the worst case may need more.
  const limitAt = argv.indexOf('--limit');
  const limitMs = (limitAt >= 0 ? Number(argv[limitAt + 1]) : 600) * 1000;
  console.log(
    `SMK Link matching engine bench (node ${process.version}, one core, peak RSS per stage in MB)`,
  );
  const done: { spec?: Case; row: Row }[] = [];
  const stableTotal = new Map<string, number>();
  for (let i = 0; i < CASES.length; i++) {
    const spec = CASES[i];
    if (want !== 'all' && want !== spec.size && want !== spec.name) continue;
    if (spec.onRequest && !everything) {
      console.log(`${spec.name} ${spec.mode}: skipped (ask with --all)`);
      continue;
    }
    const row = await runChild('case', String(i), limitMs, spec);
    print(row);
    done.push({ spec, row });
    if (spec.mode === 'stable' && !spec.lists) stableTotal.set(spec.name, row.info.total as number);
    const stable = stableTotal.get(spec.name);
    if (spec.mode === 'optimal' && stable) {
      const price = (row.info.total as number) / stable;
      console.log(
        `${' '.repeat(27)}price of stability: optimal fit / stable fit = ${price.toFixed(4)}`,
      );
    }
  }
  for (const kind of ['sparse10', 'munkres']) {
    if (want !== 'all' && want !== kind) continue;
    const spec: Case | undefined =
      kind === 'sparse10'
        ? {
            name: kind,
            size: 'banten',
            mode: 'optimal',
            policy: 'any',
            target: { ms: 5000 },
          }
        : { name: kind, size: 'banten', mode: 'optimal', policy: 'any', target: {} };
    const row = await runChild(kind, 'optimal');
    print(row);
    done.push({ spec, row });
  }
  printTable(done);
}

void main();
