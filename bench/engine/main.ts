import { createHash } from 'crypto';
import { fork } from 'child_process';
import { join } from 'path';
import { performance, PerformanceObserver } from 'perf_hooks';
import {
  findBlockingPairs,
  match,
  MatchOptions,
  MatchResult,
  RegionPolicy,
  score,
} from '../../src/matching-engine';
import { denseOneToOne, generate, sizeOf, sparseTen } from './generate';

type SizeName = 'banten' | 'province' | 'national';
const SIZES: SizeName[] = ['banten', 'province', 'national'];
/** Banten and a province are matched across regencies within the province; national per regency. */
const POLICY: Record<SizeName, RegionPolicy> = {
  banten: 'same_province',
  province: 'same_province',
  national: 'same_region',
};

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

/** Hash of the whole result but its timings: equal digests mean byte-for-byte equal results. */
function digest(result: MatchResult): string {
  const h = createHash('sha256');
  for (const a of result.assignments) h.update(JSON.stringify(a));
  for (const u of result.unmatched) h.update(JSON.stringify(u));
  const { timings: _t, ...stats } = result.stats;
  void _t;
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

function runSize(name: SizeName, mode: 'stable' | 'optimal'): Row {
  const t0 = performance.now();
  const { students, slots } = generate(sizeOf(name), 2025);
  const genMs = performance.now() - t0;
  // The generator's own garbage is not the engine's to collect: clear it before the clock starts.
  (globalThis as { gc?: () => void }).gc?.();
  const genMb = mb();
  const options: MatchOptions = { mode, regionPolicy: POLICY[name], seed: 1 };
  const inst = instrumented();
  const t1 = performance.now();
  const result = match(students, slots, { ...options, clock: inst.clock });
  const matchMs = performance.now() - t1;
  const stages: Record<string, number> = { ...result.stats.timings };
  const stageNames = Object.keys(stages);
  const peakMb: Record<string, number> = { generate: genMb };
  stageNames.forEach((s, i) => (peakMb[s] = inst.peaks[`#${i + 1}`]));
  let blocking = -1;
  let totalMs = matchMs;
  if (mode === 'stable') {
    const t2 = performance.now();
    blocking = findBlockingPairs(students, slots, result, options).length;
    stages.certificate = performance.now() - t2;
    inst.bounds.push(t2 + stages.certificate);
    peakMb.certificate = mb();
    totalMs += stages.certificate;
  }
  const st = result.stats;
  return {
    case: name,
    mode,
    stages,
    peakMb,
    totalMs,
    bounds: inst.bounds,
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
}

function runSparse(): Row {
  const { students, slots } = sparseTen(7);
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
    info: {
      engineTotal,
      munkresTotal,
      same: engineTotal === munkresTotal ? 'yes' : 'NO',
      pairs: r.stats.eligiblePairs,
    },
  };
}

function child(kind: string, mode: string): Row {
  if (kind === 'sparse10') return runSparse();
  if (kind === 'munkres') return runMunkres();
  return runSize(kind as SizeName, mode as 'stable' | 'optimal');
}

function runChild(kind: string, mode: string): Promise<Row> {
  return new Promise((resolve, reject) => {
    const proc = fork(join(__dirname, 'run.js'), ['--child', kind, mode], {
      execArgv: ['--max-old-space-size=6144', '--expose-gc'],
    });
    proc.on('message', (m) => resolve(m as Row));
    proc.on('exit', (code) =>
      code ? reject(new Error(`${kind}/${mode} exited with ${code}`)) : undefined,
    );
  });
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

function print(row: Row): void {
  const stages = Object.entries(row.stages)
    .map(([k, v]) => {
      const gc = row.gcMs?.[k] ? `, gc ${fmt(row.gcMs[k])}` : '';
      return `${k} ${fmt(v)}${row.peakMb[k] ? ` (${row.peakMb[k]} MB${gc})` : ''}`;
    })
    .join(' | ');
  const info = Object.entries(row.info)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(
    `${row.case.padEnd(18)} ${row.mode.padEnd(8)} total ${fmt(row.totalMs).padStart(8)} | ${stages}\n${' '.repeat(27)}${info}`,
  );
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
  const kinds = want === 'all' ? [...SIZES, 'sparse10', 'munkres'] : [want];
  console.log(
    `SMK Link matching engine bench (node ${process.version}, one core, peak RSS per stage in MB)`,
  );
  for (const kind of kinds) {
    if (kind === 'sparse10' || kind === 'munkres') {
      print(await runChild(kind, 'optimal'));
      continue;
    }
    const stable = await runChild(kind, 'stable');
    print(stable);
    if (kind === 'province' && !argv.includes('--province-optimal')) {
      // 140M eligible pairs under same_province: the exact solver ran over 8 minutes here.
      console.log(`${' '.repeat(27)}optimal skipped (ask with --province-optimal)`);
      continue;
    }
    const optimal = await runChild(kind, 'optimal');
    print(optimal);
    const price = (optimal.info.total as number) / (stable.info.total as number);
    console.log(
      `${' '.repeat(27)}price of stability: optimal fit / stable fit = ${price.toFixed(4)}`,
    );
  }
}

void main();
