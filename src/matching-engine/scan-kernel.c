/*
 * The scan of a student's part of the slot index, compiled to WebAssembly (scripts/kernel.sh
 * writes scan-kernel.wasm.ts from this file; scan-kernel.ts loads it). It reads the arrays of a
 * match where the engine keeps them, in its arena (arena.ts), given as byte offsets.
 *
 * Why here and not in TypeScript: on the large province the same loop took 7.0-8.0 s in V8 and
 * 4.6-4.8 s here, with the same lists to the bit (V8 keeps too few of its many values in
 * registers). Only the whole-number case is here, where a student's quality at each (unit, bar)
 * is read from one table row; candidates.ts keeps the general case, and the layout of an entry
 * (SlotIndex in candidates.ts) and the score's arithmetic (combineMicro in score.ts) are those
 * of the TypeScript, in the same order, so that the same doubles come out. lists.spec compares
 * the lists made here with the score of every pair.
 *
 * The memory is shared (linked with atomics: scripts/kernel.sh), so that helper threads run
 * first_many, count_many and rest_many beside the calling thread (ScanKernel.start): each instance
 * has a stack of its own (its __stack_pointer set by scan-kernel.ts) and each thread a context of
 * its own; they share only the counters they take students from.
 */
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))

/* An entry's header, from int 2e + 4 of the index's stream (ENTRY_* in candidates.ts). */
enum {
  ENTRY_MASK0 = 0,
  ENTRY_MASK1 = 1,
  ENTRY_SLOT = 2,
  ENTRY_REGION = 3,
  ENTRY_PROVINCE = 4,
  ENTRY_N = 5,
  ENTRY_P = 6,
  ENTRY_HEADER = 8,
};

static const double SCORE_SCALE = 1000000.0;

/*
 * JavaScript's Math.round: halves go up. x - floor(x) is exact, and so is doubling it, whose floor
 * is the 1 or 0 to add. Without a branch: `x - r >= 0.5 ? r + 1 : r` became a select that V8
 * compiles to a jump, taken at random after the score's two divisions; on the large province the
 * first scan took 2.94-3.20 s with it and 2.50-2.69 s without it.
 */
static double round_half_up(double x) {
  const double r = __builtin_floor(x);
  return r + __builtin_floor((x - r) * 2);
}

/*
 * combineMicro in score.ts: a score in millionths from the competency quality `comp` and the
 * region's part `reg` (1 same region, 0.5 same province, 0 other), the options' weights wc, wr.
 */
static double combine_micro(double comp, double reg, double wc, double wr) {
  return round_half_up(((wc * comp + wr * reg) / (wc + wr)) * SCORE_SCALE);
}

static int accepts(const int32_t *programs, int p, int program) {
  for (int i = 0; i < p; i++)
    if (programs[i] == program) return 1;
  return 0;
}

/*
 * What a scan reads, as byte offsets (arrays) and numbers in one block of int32s, written once
 * per match by ListScanner in candidates.ts (one block a thread; CTX in scan-kernel.ts has the
 * same indices). The student loaded last, their held units, masks and the scan's counts are
 * kept here between calls.
 */
enum {
  CTX_F,           /* the index's stream (SlotIndex.F; I is the same memory as int32) */
  CTX_START,       /* SlotIndex.start, runStarts, pairKey (doubles), pairBucket, partners */
  CTX_RUN_STARTS,
  CTX_PAIR_KEY,
  CTX_PAIR_BUCKET,
  CTX_PARTNERS,
  CTX_PAIRED,      /* uint8 per region group */
  CTX_AT,          /* SlotIndex.at: an entry's first word */
  CTX_SINGLES,
  CTX_PAIR_SHIFT,
  CTX_PAIR_MASK,   /* pairKey's length - 1 */
  CTX_NU,
  CTX_NJ,
  CTX_NS,
  CTX_GROUP_BY,    /* 0: one group, 1: region, 2: province (groupOf) */
  CTX_UNIT_START,  /* the students' units, CSR; units as uint8 (UNIT8) or int32 (UNIT32) */
  CTX_UNIT8,
  CTX_UNIT32,
  CTX_LEVEL8,      /* whole levels, uint8 */
  CTX_REGION,
  CTX_PROVINCE,
  CTX_PROGRAM,
  CTX_TIE,         /* sTie, doubles */
  CTX_QUALITY,     /* levelQuality at (whole minimum, whole level), -1 below the bar: 6 × 6 */
  CTX_WEIGHTS,     /* the options' wc and wr, doubles */
  CTX_HELD,        /* scratch: the loaded student's quality at (unit, whole bar), nU × 6 */
  CTX_LEVEL,       /* scratch: their level of every unit (doubles, 0 when not held) */
  CTX_UNITS,       /* scratch: the units they hold, in the order met */
  CTX_RANGE_FROM,  /* scratch: the buckets they read (by entry), and the level that ends each */
  CTX_RANGE_TO,
  CTX_RANGE_LEVEL,
  CTX_KEYS,        /* out: the keys kept */
  CTX_LOADED,      /* state: the student loaded, -1 for none */
  CTX_HELD_COUNT,
  CTX_MASK0,
  CTX_MASK1,
  CTX_KEPT,        /* out: the last scan's counts */
  CTX_BEFORE,
  CTX_PASSED,
  CTX_SINK,        /* out: what own_of's reads ahead add up to (stored, so that they are made) */
  CTX_SIZE,
};

#define AT(type, field) ((type *)(intptr_t)ctx[field])

EXPORT("context_size")
int context_size(void) { return CTX_SIZE; }

/* Runs of a pair bucket, as RUNS in candidates.ts. */
enum { RUNS = 5, TOP_LEVEL = 5 };

/* Student s's units into the scratch rows, as `loadStudent` and `ListScanner.load` do. */
static void load(int32_t *ctx, int s) {
  if (ctx[CTX_LOADED] == s) return;
  double *held = AT(double, CTX_HELD);
  double *level = AT(double, CTX_LEVEL);
  int32_t *units = AT(int32_t, CTX_UNITS);
  const int32_t *start = AT(const int32_t, CTX_UNIT_START);
  const uint8_t *unit8 = AT(const uint8_t, CTX_UNIT8);
  const int32_t *unit32 = AT(const int32_t, CTX_UNIT32);
  const uint8_t *level8 = AT(const uint8_t, CTX_LEVEL8);
  const double *quality = AT(const double, CTX_QUALITY);
  for (int i = 0; i < ctx[CTX_HELD_COUNT]; i++) {
    const int u = units[i];
    level[u] = 0;
    for (int min = 0; min <= TOP_LEVEL; min++) held[u * (TOP_LEVEL + 1) + min] = -1;
  }
  int count = 0;
  uint32_t m0 = 0, m1 = 0;
  for (int q = start[s]; q < start[s + 1]; q++) {
    const int u = unit8 ? unit8[q] : unit32[q];
    if (level[u] == 0) units[count++] = u;
    level[u] = level8[q];
    if ((u & 32) == 0) m0 |= 1u << (u & 31);
    else m1 |= 1u << (u & 31);
  }
  for (int i = 0; i < count; i++) {
    const int u = units[i];
    const int lv = (int)level[u];
    const int at = lv < TOP_LEVEL ? lv : TOP_LEVEL;
    for (int min = 1; min <= TOP_LEVEL; min++)
      held[u * (TOP_LEVEL + 1) + min] = quality[min * (TOP_LEVEL + 1) + at];
  }
  ctx[CTX_HELD_COUNT] = count;
  ctx[CTX_MASK0] = (int32_t)m0;
  ctx[CTX_MASK1] = (int32_t)m1;
  ctx[CTX_LOADED] = s;
}

/* pairHash in candidates.ts: the same bits. */
static uint32_t pair_hash(uint32_t g, uint32_t lo, uint32_t hi, int shift) {
  const uint32_t h = g * 0x27d4eb2fu + lo * 0x165667b1u + hi * 0x61c88647u;
  return ((h ^ (h >> 15)) * 0x85ebca6bu) >> shift;
}

static int pair_bucket(const int32_t *ctx, int g, int lo, int hi) {
  const double *pairKey = AT(const double, CTX_PAIR_KEY);
  const int32_t *pairBucket = AT(const int32_t, CTX_PAIR_BUCKET);
  const double nU = ctx[CTX_NU];
  const double key = ((double)g * nU + lo) * nU + hi;
  const uint32_t mask = (uint32_t)ctx[CTX_PAIR_MASK];
  for (uint32_t i = pair_hash(g, lo, hi, ctx[CTX_PAIR_SHIFT]);; i = (i + 1) & mask) {
    if (pairKey[i] == key) return pairBucket[i];
    if (pairKey[i] == -1) return -1;
  }
}

/*
 * The buckets the loaded student s reads (ListScanner.rangesOf): each held unit's one-unit
 * bucket, and the runs of each pair of held units' bucket that their level can meet. Returns
 * how many.
 */
static int ranges_of(const int32_t *ctx, int s) {
  const int nU = ctx[CTX_NU];
  const int by = ctx[CTX_GROUP_BY];
  const int g = by == 1 ? AT(const int32_t, CTX_REGION)[s] : by == 2 ? AT(const int32_t, CTX_PROVINCE)[s] : 0;
  const int32_t *start = AT(const int32_t, CTX_START);
  const int32_t *runStarts = AT(const int32_t, CTX_RUN_STARTS);
  const int32_t *partners = AT(const int32_t, CTX_PARTNERS);
  const int paired = AT(const uint8_t, CTX_PAIRED)[g];
  const int32_t *units = AT(const int32_t, CTX_UNITS);
  const double *level = AT(const double, CTX_LEVEL);
  int32_t *from = AT(int32_t, CTX_RANGE_FROM);
  int32_t *to = AT(int32_t, CTX_RANGE_TO);
  double *bar = AT(double, CTX_RANGE_LEVEL);
  const int n = ctx[CTX_HELD_COUNT];
  int count = 0;
  for (int i = 0; i < n; i++) {
    const int u = units[i];
    int b = g * nU + u;
    if (start[b + 1] > start[b]) {
      from[count] = start[b];
      to[count] = start[b + 1];
      bar[count++] = level[u];
    }
    for (int i2 = i + 1; paired && i2 < n; i2++) {
      const int v = units[i2];
      const int lo = u < v ? u : v;
      const int hi = u < v ? v : u;
      const int32_t bits = partners[(g * nU + lo) * 2 + ((hi & 32) == 0 ? 0 : 1)];
      if ((bits & (1 << (hi & 31))) == 0) continue;
      b = pair_bucket(ctx, g, lo, hi);
      if (b < 0) continue;
      const int cut = (b - ctx[CTX_SINGLES]) * (RUNS - 1);
      /* lastRunFor: levels are whole numbers here */
      const int lv = (int)level[hi];
      const int last = lv - 1 < 0 ? 0 : lv - 1 > RUNS - 1 ? RUNS - 1 : lv - 1;
      for (int run = 0; run <= last; run++) {
        const int first = run == 0 ? start[b] : runStarts[cut + run - 1];
        const int end = run == RUNS - 1 ? start[b + 1] : runStarts[cut + run];
        if (end == first) continue;
        from[count] = first;
        to[count] = end;
        bar[count++] = level[lo];
      }
    }
  }
  return count;
}

/* The spans of shut_spans: per entry, its own slot's bar and then over 2, 4, ..., 32 entries. */
enum { SPANS = 6 };

/*
 * Per entry e of the index's `entries` (ListScanner.shutSpans), at spans[SPANS * e + k], the
 * least shut[j] of the slots of entries e to e + 2^k - 1 (those there are). A student whose
 * bound is at or below it can take none of those slots, so `scan` passes them over unread.
 */
EXPORT("shut_spans")
void shut_spans(const int32_t *ctx, const double *shut, int entries, double *spans) {
  const int32_t *I = AT(const int32_t, CTX_F);
  const int32_t *at = AT(const int32_t, CTX_AT);
  for (int e = 0; e < entries; e++) spans[SPANS * e] = shut[I[2 * at[e] + 4 + ENTRY_SLOT]];
  for (int k = 1, half = 1; k < SPANS; k++, half *= 2) {
    for (int e = 0; e < entries; e++) {
      const double a = spans[SPANS * e + k - 1];
      const double b = e + half < entries ? spans[SPANS * (e + half) + k - 1] : a;
      spans[SPANS * e + k] = b < a ? b : a;
    }
  }
}

/*
 * Scans student s's part of the index (ListScanner.scan: the slots filed under their units and
 * pairs of units, not the open slots). Counts the eligible slots (and each in degree, when
 * given); those whose key is `after` or less are counted in CTX_BEFORE; with `keep`, every other
 * key is written to the keys (CTX_KEPT of them), in the order met. With shut, a slot j where
 * shut[j] >= bound is passed over unexamined, and so is an entry whose key there, m * nS + tie
 * (the student's tie value), is below shut[j], once counted (CTX_PASSED counts both); with
 * `spans` too (shut_spans of that shut), entries whose slots' least shut is at or above bound
 * are passed over unread, as many at once as a span holds, each span counted once. Returns the
 * eligible count.
 */
static inline __attribute__((always_inline)) int scan_with(
    int32_t *ctx, int s, double after, int keep, const double *shut, double bound,
    int32_t *degree, const double *spans) {
  load(ctx, s);
  const int ranges = ranges_of(ctx, s);
  const double *F = AT(const double, CTX_F);
  const int32_t *I = (const int32_t *)F;
  const int32_t *at = AT(const int32_t, CTX_AT);
  const double *held = AT(const double, CTX_HELD);
  const int32_t *from = AT(const int32_t, CTX_RANGE_FROM);
  const int32_t *to = AT(const int32_t, CTX_RANGE_TO);
  const double *level = AT(const double, CTX_RANGE_LEVEL);
  double *keys = AT(double, CTX_KEYS);
  const double *weights = AT(const double, CTX_WEIGHTS);
  const double wc = weights[0], wr = weights[1];
  const int32_t notMask0 = ~ctx[CTX_MASK0], notMask1 = ~ctx[CTX_MASK1];
  const int region = AT(const int32_t, CTX_REGION)[s];
  const int province = AT(const int32_t, CTX_PROVINCE)[s];
  const int program = AT(const int32_t, CTX_PROGRAM)[s];
  const double tie = AT(const double, CTX_TIE)[s];
  const int nJ = ctx[CTX_NJ], nS = ctx[CTX_NS];
  int kept = 0, eligible = 0, before = 0, passed = 0;
  for (int i = 0; i < ranges; i++) {
    const double lv = level[i];
    const int last = to[i];
    /* Walked by words (`next`); e, the entry's ordinal, is read only with spans. */
    for (int e = from[i], k = at[e], end = at[last], next; k < end; e++, k = next) {
      if (spans && spans[SPANS * e] >= bound) {
        /* The longest span from e shut to the student (past the range's end or its last bar
           met, what it passes over is none of theirs anyway). */
        int span = 1;
        for (const double *sp = spans + SPANS * e; span < 1 << (SPANS - 1) && sp[1] >= bound; sp++)
          span *= 2;
        passed++;
        if (e + span >= last) break;
        next = at[e + span];
        e += span - 1;
        continue;
      }
      /* Ascending minimum of the bucket's sorting unit: past the first bar above the student,
         none is met. */
      if (F[k] > lv) break;
      const int32_t *h = I + 2 * k + 4;
      const int n = h[ENTRY_N];
      const int p = h[ENTRY_P];
      const int w = k + 2 + ((ENTRY_HEADER + n + p + 1) >> 1);
      next = w + n;
      if ((h[ENTRY_MASK0] & notMask0) | (h[ENTRY_MASK1] & notMask1)) continue;
      const int j = h[ENTRY_SLOT];
      /* With spans, shut[j] is the entry's first span (read in the entries' order, not at the
         slot's place at random), below the bound, or the entry would have been passed over. */
      const double shutHere = spans ? spans[SPANS * e] : shut ? shut[j] : 0;
      if (!spans && shut && shutHere >= bound) {
        passed++;
        continue;
      }
      double acc = 0;
      int r = 0;
      for (; r < n; r++) {
        const double q = held[h[ENTRY_HEADER + r]];
        if (q < 0) break;
        acc += F[w + r] * q;
      }
      if (r < n) continue;
      if (p > 0 && !accepts(h + ENTRY_HEADER + n, p, program)) continue;
      /* The index holds only slots of the student's region group: the policy allows it. */
      const double reg = region == h[ENTRY_REGION] ? 1 : province == h[ENTRY_PROVINCE] ? 0.5 : 0;
      const double sumW = F[k + 1];
      const double comp = sumW > 0 ? acc / sumW : 1;
      const double m = combine_micro(comp, reg, wc, wr);
      eligible++;
      if (degree) degree[j]++;
      const double key = (SCORE_SCALE - m) * nJ + j;
      /* Counted without a branch on the key; a rank count (nothing kept, no shut) goes no
         further, so its one jump here is always taken. */
      const int low = key <= after;
      before += low;
      if (low | (!keep & !shut)) continue;
      if (shut && m * nS + tie < shutHere) {
        passed++;
        continue;
      }
      if (keep) keys[kept++] = key;
    }
  }
  ctx[CTX_KEPT] = kept;
  ctx[CTX_BEFORE] = before;
  ctx[CTX_PASSED] = passed;
  return eligible;
}

EXPORT("scan")
int scan(int32_t *ctx, int s, double after, int keep, const double *shut, double bound,
         int32_t *degree, const double *spans) {
  /* Two copies of the walk: the one without spans keeps no count of entries (with it, the large
     province's first scan took ~0.1 s more of its 2.8 s, its rank counts ~80 ms of 0.7 s). */
  if (spans) return scan_with(ctx, s, after, keep, shut, bound, degree, spans);
  return scan_with(ctx, s, after, keep, shut, bound, degree, 0);
}

static void insertion_sort(double *a, int n) {
  for (int i = 1; i < n; i++) {
    const double x = a[i];
    int at = i - 1;
    while (at >= 0 && a[at] > x) {
      a[at + 1] = a[at];
      at--;
    }
    a[at + 1] = x;
  }
}

static void swap(double *a, int i, int j) {
  const double t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/*
 * Ascending, in place: quicksort on the median of three, parts of up to 64 keys by insertion.
 * `best` sorts about 67 keys a student on the large province: by insertion alone, its calls took
 * 1.12 s a 500,000 against 1.41 s with parts of 16 (their sorts 0.86 s of it).
 */
static void sort(double *a, int n) {
  while (n > 64) {
    const int mid = n >> 1;
    if (a[mid] < a[0]) swap(a, 0, mid);
    if (a[n - 1] < a[0]) swap(a, 0, n - 1);
    if (a[n - 1] < a[mid]) swap(a, mid, n - 1);
    const double pivot = a[mid];
    /* a[0] <= pivot <= a[n - 1] stop both scans; both parts end up non-empty. */
    int i = 0, j = n - 1;
    for (;;) {
      do i++;
      while (a[i] < pivot);
      do j--;
      while (a[j] > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    const int left = j + 1;
    if (left < n - left) {
      sort(a, left);
      a += left;
      n -= left;
    } else {
      sort(a + left, n - left);
      n = left;
    }
  }
  insertion_sort(a, n);
}

/*
 * The (r + 1)-th smallest of `size` keys spread evenly over keys[0, n) (r < size <= 64): the
 * r + 1 smallest are kept sorted as the sample is read, most keys being past them at once.
 */
static double smallest(const double *keys, int n, int size, int r) {
  double low[65];
  int count = 0;
  for (int i = 0; i < size; i++) {
    const double x = keys[(int)((int64_t)i * n / size)];
    if (count > r && x >= low[r]) continue;
    int at = count <= r ? count++ : r;
    while (at > 0 && low[at - 1] > x) {
      low[at] = low[at - 1];
      at--;
    }
    low[at] = x;
  }
  return low[r];
}

/*
 * Leaves the `limit` smallest of keys[0, n), ascending, in keys (all n when n <= limit);
 * returns how many. A threshold from an evenly spaced sample, a little past the limit/n
 * quantile, splits off the keys at or below it (at least `limit` of them, or a higher threshold
 * is tried), each key compared once without a branch; only those are sorted, in `spare`. On the
 * large province a heap of the best 48 while scanning cost 3 s of a 5.6 s scan in C.
 */
EXPORT("best")
int best(double *keys, int n, int limit, double *spare) {
  if (n <= limit) {
    sort(keys, n);
    return n;
  }
  const int size = n < 64 ? n : 64;
  for (int r = (int)((double)limit * size / n * 1.25) + 1;; r += 1 + (r >> 1)) {
    const double threshold = r < size ? smallest(keys, n, size, r) : __builtin_inf();
    int c = 0;
    for (int i = 0; i < n; i++) {
      spare[c] = keys[i];
      c += keys[i] <= threshold;
    }
    if (c < limit) continue;
    sort(spare, c);
    for (int i = 0; i < limit; i++) keys[i] = spare[i];
    return limit;
  }
}

/*
 * A chunk's entries, staged at stage/stageMicro[0, used) with at[from, to) relative to the
 * stage, copied to the room they take at counters[3] of slot and micro (so that the lists lie
 * end to end, in whatever order the threads finish their chunks), at[] made absolute; then the
 * chunk's students counted done in counters[1]. first_many and own_many end each chunk so.
 */
static void place_chunk(int32_t *counters, int from, int to, int used, int32_t *at,
                        const int32_t *stage, const int32_t *stageMicro, int32_t *slot,
                        int32_t *micro) {
  const int base = __atomic_fetch_add(&counters[3], used, __ATOMIC_SEQ_CST);
  for (int i = from; i < to; i++) at[i] += base;
  for (int e = 0; e < used; e++) {
    slot[base + e] = stage[e];
    micro[base + e] = stageMicro[e];
  }
  __atomic_fetch_add(&counters[1], to - from, __ATOMIC_SEQ_CST);
}

/*
 * The first entries of many students' lists (ListScanner.firstOfMany in candidates.ts), on as
 * many threads as share the memory, each with its own context, spare, stage and degree: each call
 * takes chunks of `chunk` students of students[0, total) from counters[0] until none is left.
 * Student i = students[i] gets the `limit` best entries of their scan, best first, as (slot,
 * score) (writeKeys in candidates.ts splits a key the same way): kept[i] of them, from at[i]
 * of `slot` and `micro`; length[i] is their eligible slots, each counted in `degree`. A chunk's
 * entries are written to `stage` (2 × chunk × limit), then copied to the room it takes at
 * counters[3] (entries so far), so that the lists lie end to end; counters[1] counts the
 * students done. Returns the students this call took.
 */
EXPORT("first_many")
int first_many(int32_t *ctx, const int32_t *students, int total, int32_t *counters, int chunk,
               int limit, double *spare, int32_t *stage, int32_t *degree, int32_t *length,
               int32_t *kept, int32_t *at, int32_t *slot, int32_t *micro) {
  const double nJ = ctx[CTX_NJ];
  double *keys = AT(double, CTX_KEYS);
  int32_t *stageMicro = stage + chunk * limit;
  for (int mine = 0;;) {
    const int from = __atomic_fetch_add(&counters[0], chunk, __ATOMIC_SEQ_CST);
    if (from >= total) return mine;
    const int to = total - from < chunk ? total : from + chunk;
    int used = 0;
    for (int i = from; i < to; i++) {
      length[i] = scan(ctx, students[i], -1, 1, 0, 0, degree, 0);
      const int n = ctx[CTX_KEPT];
      const int k = n < 2 ? n : best(keys, n, n < limit ? n : limit, spare);
      kept[i] = k;
      at[i] = used;
      for (int e = 0; e < k; e++) {
        const double q = __builtin_floor(keys[e] / nJ);
        stage[used + e] = (int32_t)(keys[e] - q * nJ);
        stageMicro[used + e] = (int32_t)(SCORE_SCALE - q);
      }
      used += k;
    }
    place_chunk(counters, from, to, used, at, stage, stageMicro, slot, micro);
    mine += to - from;
  }
}

/*
 * Ranks by count, for many students at once (ListScanner.countMany in candidates.ts), on as
 * many threads as share the memory, each with its own context: chunks of `chunk` students of
 * students[0, total) taken from counters[0] as first_many does; before[i] is how many eligible
 * entries of students[i] have keys up to after[i] (a scan's CTX_BEFORE), and counters[1] counts
 * the students done. Returns the students this call took, as first_many does.
 */
EXPORT("count_many")
int count_many(int32_t *ctx, const int32_t *students, const double *after, int total,
               int32_t *counters, int chunk, int32_t *before) {
  for (int mine = 0;;) {
    const int from = __atomic_fetch_add(&counters[0], chunk, __ATOMIC_SEQ_CST);
    if (from >= total) return mine;
    const int to = total - from < chunk ? total : from + chunk;
    for (int i = from; i < to; i++) {
      scan(ctx, students[i], after[i], 0, 0, 0, 0, 0);
      before[i] = ctx[CTX_BEFORE];
    }
    mine += to - from;
    __atomic_fetch_add(&counters[1], to - from, __ATOMIC_SEQ_CST);
  }
}

/*
 * The rest of many students' lists (ListScanner.restsOfMany in candidates.ts), on as many threads
 * as share the memory, each with its own context and spare: each call takes one student at a
 * time from counters[0] until none of students[0, total) is left. Student i is scanned as `scan`
 * does with `after` after[i], every key kept, `shut`, `spans` and `bound` bound[i] (passed[i]
 * its CTX_PASSED); their keys are sorted and copied to out[at[i], at[i] + kept[i]), the room taken
 * at counters[3]. Where that room would pass `room` keys, kept[i] is -1 and nothing is copied,
 * and the room is marked full (room + 1): the students taken after that are not scanned (kept
 * -1 too). The caller scans them again. counters[1] counts the students done. Returns the
 * students this call took.
 */
EXPORT("rest_many")
int rest_many(int32_t *ctx, const int32_t *students, const double *after, const double *bound,
              int total, int32_t *counters, const double *shut, const double *spans,
              double *spare, double *out, int room, int32_t *kept, int32_t *at, int32_t *passed) {
  double *keys = AT(double, CTX_KEYS);
  for (int mine = 0;; mine++) {
    const int i = __atomic_fetch_add(&counters[0], 1, __ATOMIC_SEQ_CST);
    if (i >= total) return mine;
    /* Once the room is full (marked room + 1), the students left are not scanned. */
    if (__atomic_load_n(&counters[3], __ATOMIC_SEQ_CST) > room) {
      kept[i] = -1;
      __atomic_fetch_add(&counters[1], 1, __ATOMIC_SEQ_CST);
      continue;
    }
    scan(ctx, students[i], after[i], 1, shut, bound[i], 0, spans);
    const int n = ctx[CTX_KEPT];
    if (n >= 2) best(keys, n, n, spare);
    passed[i] = ctx[CTX_PASSED];
    int base = __atomic_load_n(&counters[3], __ATOMIC_SEQ_CST);
    if (base <= room - n) base = __atomic_fetch_add(&counters[3], n, __ATOMIC_SEQ_CST);
    if (base > room - n) {
      kept[i] = -1;
      __atomic_store_n(&counters[3], room + 1, __ATOMIC_SEQ_CST);
    } else {
      for (int e = 0; e < n; e++) out[base + e] = keys[e];
      kept[i] = n;
      at[i] = base;
    }
    __atomic_fetch_add(&counters[1], 1, __ATOMIC_SEQ_CST);
  }
}

/* What closest_many reads of the unit index (UnitBuckets in candidates.ts), as byte offsets. */
enum {
  UB_START,   /* per (region group, unit): where its bucket begins, int32 */
  UB_SLOT,    /* per entry: its slot, int32 */
  UB_MIN,     /* per entry: its requirement's minimum, float32 */
  UB_W,       /* per entry: its requirement's weight, float32 */
  UB_POS,     /* per entry: its slot's position in group order, int32 */
  UB_SUM_W,   /* per position: the slot's requirement weight, doubles */
  UB_REC_AT,  /* Compiled.jRecAt, jRec and jReqStart, as OL_REC_AT, OL_REC and OL_REQ_START */
  UB_REC,
  UB_REQ_START,
  UB_SIZE,
};

/*
 * The closest slot of student s, eligible for nothing (closestByUnits in explain.ts, whose order
 * and arithmetic this follows), or -1. Not inlined: V8 runs a WebAssembly function
 * in its baseline tier until it has been called often enough, and a call over many students runs
 * once (closest_many took 1.0-1.2 s at national scale inlined, 0.4 s once compiled).
 */
__attribute__((noinline))
static int closest_of(int32_t *ctx, const int32_t *buckets, int s, double *met, int32_t *metBy) {
  const int nU = ctx[CTX_NU];
  const int by = ctx[CTX_GROUP_BY];
  const int32_t *start = (const int32_t *)(intptr_t)buckets[UB_START];
  const int32_t *slot = (const int32_t *)(intptr_t)buckets[UB_SLOT];
  const float *entryMin = (const float *)(intptr_t)buckets[UB_MIN];
  const float *entryW = (const float *)(intptr_t)buckets[UB_W];
  const int32_t *entryPos = (const int32_t *)(intptr_t)buckets[UB_POS];
  const double *posSumW = (const double *)(intptr_t)buckets[UB_SUM_W];
  const int32_t *units = AT(const int32_t, CTX_UNITS);
  const double *level = AT(const double, CTX_LEVEL);
  load(ctx, s);
  const int g = by == 1 ? AT(const int32_t, CTX_REGION)[s]
              : by == 2 ? AT(const int32_t, CTX_PROVINCE)[s] : 0;
  const int base = g * nU;
  const int n = ctx[CTX_HELD_COUNT];
  /* Each slot's met weight, summed one bucket entry at a time. */
  for (int h = 0; h < n; h++) {
    const int u = units[h];
    const double lv = level[u];
    for (int k = start[base + u], end = start[base + u + 1]; k < end; k++) {
      const int pos = entryPos[k];
      if (metBy[pos] != s) {
        metBy[pos] = s;
        met[pos] = 0;
      }
      if (lv >= (double)entryMin[k]) met[pos] += (double)entryW[k];
    }
  }
  /* The buckets walked again for the closest: larger share, then lower index (`closer`). */
  int best = -1;
  double bestShare = -1;
  for (int h = 0; h < n; h++) {
    const int u = units[h];
    /* A bucket's slots ascend: past a full share, or the full share held, none is closer. */
    for (int k = start[base + u], end = start[base + u + 1]; k < end; k++) {
      const int j = slot[k];
      if (bestShare == 1 && j >= best) break;
      const int pos = entryPos[k];
      const double share = met[pos] / posSumW[pos];
      if (share > bestShare || (share == bestShare && j < best)) {
        best = j;
        bestShare = share;
        if (share == 1) break;
      }
    }
  }
  return best;
}

/*
 * What own_many reads of the students' own lists and the slots' records (slot-record.ts), and
 * where it writes their closest slots, as byte offsets.
 */
enum {
  OL_START,   /* Compiled.listStart: student s's own list from listStart[s], int32 */
  OL_SLOT,    /* Compiled.listSlot */
  OL_REC_AT,  /* Compiled.jRecAt: slot j's record from double jRecAt[j] of jRec */
  OL_REC,     /* Compiled.jRec (its header, units and programmes read as int32s) */
  OL_CLOSEST, /* ListScanner.closestListed.slot, per student; 0 when not kept */
  OL_MISSING, /* ListScanner.closestListed.missing, per student */
  OL_HELD,    /* ListScanner.closestListed.held, per student (double) */
  OL_REQ_START, /* Compiled.jReqStart: slot j's requirements from jReqStart[j], int32 */
  OL_SIZE,
};

/* A record's layout (REC_* in slot-record.ts). */
enum { REC_REGION, REC_PROVINCE, REC_CAPACITY, REC_REQUIREMENTS, REC_PROGRAMS, REC_HEADER = 3 };

/* levelQuality in score.ts. */
static double level_quality(double level, double min) {
  const double q = (level - min + 1) / (6 - min);
  return q > 1 ? 1 : q;
}

/*
 * The score in millionths of the loaded student s at slot j, read from its record, or -1 when
 * not eligible: eligibleMicro in candidates.ts, the same checks and arithmetic in the same order.
 */
static double eligible_micro(const int32_t *ctx, const int32_t *lists, int s, int j) {
  const double *rec = (const double *)(intptr_t)lists[OL_REC];
  const int32_t *ints = (const int32_t *)rec;
  const int a = ((const int32_t *)(intptr_t)lists[OL_REC_AT])[j];
  const int rel = AT(const int32_t, CTX_REGION)[s] == ints[2 * a + REC_REGION] ? 2
                : AT(const int32_t, CTX_PROVINCE)[s] == ints[2 * a + REC_PROVINCE] ? 1 : 0;
  /* regionAllowed: GROUP_BY is 1 for same_region, 2 for same_province, 0 for the rest. */
  const int by = ctx[CTX_GROUP_BY];
  if ((by == 1 && rel != 2) || (by == 2 && rel < 1)) return -1;
  const int n = ints[2 * a + REC_REQUIREMENTS];
  const int p = ints[2 * a + REC_PROGRAMS];
  const int units = 2 * (a + REC_HEADER + 2 * n);
  if (p > 0 && !accepts(ints + units + n, p, AT(const int32_t, CTX_PROGRAM)[s])) return -1;
  const int weights = a + REC_HEADER + n;
  const double *level = AT(const double, CTX_LEVEL);
  double sumW = 0, acc = 0;
  for (int r = 0; r < n; r++) {
    const double min = rec[a + REC_HEADER + r];
    const double lv = level[ints[units + r]];
    if (!(lv >= min)) return -1;
    const double w = rec[weights + r];
    sumW += w;
    acc += w * level_quality(lv, min);
  }
  const double *ow = AT(const double, CTX_WEIGHTS);
  const double wc = ow[0], wr = ow[1];
  const double reg = rel == 2 ? 1 : rel == 1 ? 0.5 : 0;
  const double comp = sumW > 0 ? acc / sumW : 1;
  return combine_micro(comp, reg, wc, wr);
}

/* Slot j's requirements as its record holds them (slot-record.ts): n minimums, weights, units. */
typedef struct {
  const double *min, *weight;
  const int32_t *unit;
  int n;
} Requirements;

static Requirements requirements_of(const int32_t *recAt, const double *rec, int j) {
  const int32_t *ints = (const int32_t *)rec;
  const int a = recAt[j];
  const int n = ints[2 * a + REC_REQUIREMENTS];
  const Requirements q = {rec + a + REC_HEADER, rec + a + REC_HEADER + n,
                          ints + 2 * (a + REC_HEADER + 2 * n), n};
  return q;
}

/* effectiveWeight in candidates.ts: a weight of zero or less counts as 1e-9. */
static double effective_weight(double w) { return w > 0 ? w : 1e-9; }

/* shareMet in candidates.ts: the share of slot j's requirement weight the loaded student meets. */
static double share_met(const int32_t *ctx, const int32_t *lists, int j) {
  const Requirements q = requirements_of((const int32_t *)(intptr_t)lists[OL_REC_AT],
                                         (const double *)(intptr_t)lists[OL_REC], j);
  const double *level = AT(const double, CTX_LEVEL);
  double metW = 0, sumW = 0;
  for (int r = 0; r < q.n; r++) {
    const double w = effective_weight(q.weight[r]);
    sumW += w;
    if (level[q.unit[r]] >= q.min[r]) metW += w;
  }
  return sumW > 0 ? metW / sumW : 1;
}

/*
 * heaviestUnmet in candidates.ts: slot j's heaviest requirement the loaded student does not meet
 * (the first on ties), as its index among every slot's requirements (reqStart[j] + its place),
 * or -1; their level of its unit in *held.
 */
static int heaviest_unmet(const int32_t *ctx, const int32_t *recAt, const double *rec,
                          const int32_t *reqStart, int j, double *held) {
  const Requirements q = requirements_of(recAt, rec, j);
  const double *level = AT(const double, CTX_LEVEL);
  int missing = -1;
  double heaviest = 0;
  *held = 0;
  for (int r = 0; r < q.n; r++) {
    const double lv = level[q.unit[r]];
    if (lv >= q.min[r]) continue;
    const double w = effective_weight(q.weight[r]);
    if (missing < 0 || w > heaviest) {
      missing = r;
      heaviest = w;
      *held = lv;
    }
  }
  return missing < 0 ? -1 : reqStart[j] + missing;
}

/*
 * closest_of for many students (ListScanner.closestMany in candidates.ts), on as many threads as
 * share the memory, each with its own context, `met` and `metBy` (per position in group order;
 * metBy -1 to begin with): chunks of `chunk` students of students[0, total) are taken from
 * counters[0] as first_many does, closest[i] is student students[i]'s closest slot, missing[i]
 * and held[i] its heaviest unmet requirement and their level of it (heaviest_unmet, read from
 * the slots' records: UB_REC_AT on), and counters[1] counts the students done. Returns the
 * students this call took.
 */
EXPORT("closest_many")
int closest_many(int32_t *ctx, const int32_t *buckets, const int32_t *students, int total,
                 int32_t *counters, int chunk, double *met, int32_t *metBy, int32_t *closest,
                 int32_t *missing, double *held) {
  const int32_t *recAt = (const int32_t *)(intptr_t)buckets[UB_REC_AT];
  const double *rec = (const double *)(intptr_t)buckets[UB_REC];
  const int32_t *reqStart = (const int32_t *)(intptr_t)buckets[UB_REQ_START];
  for (int mine = 0;;) {
    const int from = __atomic_fetch_add(&counters[0], chunk, __ATOMIC_SEQ_CST);
    if (from >= total) return mine;
    const int to = total - from < chunk ? total : from + chunk;
    for (int i = from; i < to; i++) {
      /* closest_of leaves the student loaded */
      const int j = closest_of(ctx, buckets, students[i], met, metBy);
      closest[i] = j;
      held[i] = 0;
      missing[i] = j < 0 ? -1 : heaviest_unmet(ctx, recAt, rec, reqStart, j, &held[i]);
    }
    mine += to - from;
    __atomic_fetch_add(&counters[1], to - from, __ATOMIC_SEQ_CST);
  }
}

/*
 * Student s's own list as ListScanner.ownList makes it (no limit): in its order, with repeated
 * and closed slots dropped (`seen`, per slot the last student who listed it) and ineligible ones
 * left out, the entries (slot, score) written to slot and micro; returns how many. Where none is
 * eligible and closest slots are kept, the slot on the list the student comes closest to
 * (`closer`); -1 otherwise.
 */
__attribute__((noinline))
static int own_of(int32_t *ctx, const int32_t *lists, int s, int32_t *seen, int32_t *slot,
                  int32_t *micro) {
  const int32_t *start = (const int32_t *)(intptr_t)lists[OL_START];
  const int32_t *listSlot = (const int32_t *)(intptr_t)lists[OL_SLOT];
  const int32_t *recAt = (const int32_t *)(intptr_t)lists[OL_REC_AT];
  const int32_t *ints = (const int32_t *)(intptr_t)lists[OL_REC];
  int32_t *closest = (int32_t *)(intptr_t)lists[OL_CLOSEST];
  load(ctx, s);
  /* Each listed slot's record read ahead, its header and last int (so both its cache lines), in
     a loop that waits on nothing but memory: the misses of a list's records overlap, where in
     the loop below each waits on the branches before it (own_many on the large province's
     lists of 10, eleven alternated runs each: 290-337 ms before, 233-317 ms after, medians
     ~315 and ~280). */
  int32_t sink = 0;
  for (int e = start[s]; e < start[s + 1]; e++) {
    const int32_t *r = ints + 2 * recAt[listSlot[e]];
    const int n = r[REC_REQUIREMENTS];
    sink += r[2 * (REC_HEADER + 2 * n) + n + r[REC_PROGRAMS] - 1];
  }
  ctx[CTX_SINK] = sink;
  int k = 0;
  for (int e = start[s]; e < start[s + 1]; e++) {
    const int j = listSlot[e];
    if (seen[j] == s || ints[2 * recAt[j] + REC_CAPACITY] <= 0) continue;
    seen[j] = s;
    const double m = eligible_micro(ctx, lists, s, j);
    if (m < 0) continue;
    slot[k] = j;
    micro[k++] = (int32_t)m;
  }
  if (closest) {
    int best = -1;
    double bestShare = -1;
    for (int e = start[s]; k == 0 && e < start[s + 1]; e++) {
      const int j = listSlot[e];
      const double share = share_met(ctx, lists, j);
      if (share > bestShare || (share == bestShare && j < best)) {
        best = j;
        bestShare = share;
      }
    }
    closest[s] = best;
    if (best >= 0) {
      double held;
      ((int32_t *)(intptr_t)lists[OL_MISSING])[s] =
          heaviest_unmet(ctx, recAt, (const double *)(intptr_t)lists[OL_REC],
                         (const int32_t *)(intptr_t)lists[OL_REQ_START], best, &held);
      ((double *)(intptr_t)lists[OL_HELD])[s] = held;
    }
  }
  return k;
}

/*
 * The own lists of many students (ListScanner.ownMany in candidates.ts), on as many threads as
 * share the memory, each with its own context, seen, stage and degree: chunks of `chunk`
 * students of students[0, total) are taken from counters[0] as first_many does. Student i =
 * students[i] gets own_of's entries, kept[i] of them, from at[i] of `slot` and `micro`, each
 * counted in `degree`. A chunk's entries are written to stage (slots) and stageMicro, then
 * copied to the room it takes at counters[3], as first_many's are; counters[1] counts the
 * students done. Returns the students this call took.
 */
EXPORT("own_many")
int own_many(int32_t *ctx, const int32_t *lists, const int32_t *students, int total,
             int32_t *counters, int chunk, int32_t *seen, int32_t *stage, int32_t *stageMicro,
             int32_t *degree, int32_t *kept, int32_t *at, int32_t *slot, int32_t *micro) {
  for (int mine = 0;;) {
    const int from = __atomic_fetch_add(&counters[0], chunk, __ATOMIC_SEQ_CST);
    if (from >= total) return mine;
    const int to = total - from < chunk ? total : from + chunk;
    int used = 0;
    for (int i = from; i < to; i++) {
      const int k = own_of(ctx, lists, students[i], seen, stage + used, stageMicro + used);
      for (int e = used; e < used + k; e++) degree[stage[e]]++;
      kept[i] = k;
      at[i] = used;
      used += k;
    }
    place_chunk(counters, from, to, used, at, stage, stageMicro, slot, micro);
    mine += to - from;
  }
}

/*
 * What propose_many reads and writes (ListScanner.proposeMany in candidates.ts), as byte offsets:
 * the region groups and their students, the lists' entries made up front, and deferred
 * acceptance's state (stable.ts), which it leaves as that loop would.
 */
enum {
  DA_GROUPS,        /* the groups in the order they are taken */
  DA_GROUP_START,   /* per group, where its students begin in DA_MEMBERS and DA_WAITING */
  DA_MEMBERS,       /* each group's students */
  DA_WAITING,       /* out: a group's students with more entries to make, from its start */
  DA_WAITED,        /* out: per group, how many */
  DA_AT,            /* per student: their first entry in DA_SLOT and DA_MICRO */
  DA_IN_POOL,       /* per student: their entries made up front */
  DA_LENGTH,        /* per student: their whole list's length */
  DA_SLOT,          /* the entries made up front: slot, score (millionths) */
  DA_MICRO,
  DA_TIE,           /* per student: their tie value (Compiled.sTie) */
  DA_USABLE,        /* per slot: seats it fills */
  DA_OFF,           /* per slot: where its heap begins */
  DA_SIZE,          /* per slot: students it holds */
  DA_HEAP_STUDENT,  /* the heaps: min-heaps of the held students' keys */
  DA_HEAP_KEY,
  DA_BAR,           /* per slot: the key a proposer must reach (stable.ts' bar and shut) */
  DA_SHUT,
  DA_SLOT_OF,       /* per student: the slot held, the entry that holds it, the next to propose to */
  DA_ENTRY_OF,
  DA_NEXT,
  DA_NS,            /* the number of students (not an offset) */
  DA_FIELDS,
};

typedef struct {
  const int32_t *at, *inPool, *length, *slot, *micro, *usable, *off;
  const double *tie;
  int32_t *size, *heapStudent, *slotOf, *entryOf, *next;
  double *heapKey, *bar, *shut;
  double nS;
} Proposals;

/* An array of a block of byte offsets (DA_*, BP_*). */
#define FROM_BLOCK(type, field) ((type *)(intptr_t)block[field])

/*
 * Slot j considers student s with `key` (stable.ts' admit with no reserved seat): s goes into its
 * heap, and where that leaves one student too many the weakest is let go. Returns the student let
 * go, or -1; the slot's bar is set again.
 */
static int admit(Proposals *p, int j, int s, double key) {
  int32_t *hs = p->heapStudent + p->off[j];
  double *hk = p->heapKey + p->off[j];
  int i = p->size[j]++;
  while (i > 0) {
    const int parent = (i - 1) >> 1;
    if (hk[parent] <= key) break;
    hs[i] = hs[parent];
    hk[i] = hk[parent];
    i = parent;
  }
  hs[i] = s;
  hk[i] = key;
  int out = -1;
  const int usable = p->usable[j];
  if (p->size[j] > usable) {
    out = hs[0];
    const int n = --p->size[j];
    const int ls = hs[n];
    const double lk = hk[n];
    i = 0;
    for (;;) {
      const int l = 2 * i + 1;
      if (l >= n) break;
      const int m = l + 1 < n && hk[l + 1] < hk[l] ? l + 1 : l;
      if (lk <= hk[m]) break;
      hs[i] = hs[m];
      hk[i] = hk[m];
      i = m;
    }
    hs[i] = ls;
    hk[i] = lk;
  }
  const double bar = usable == 0                               ? __builtin_inf()
                     : p->size[j] > 0 && p->size[j] == usable ? hk[0]
                                                               : -__builtin_inf();
  p->bar[j] = bar;
  p->shut[j] = bar;
  return out;
}

/*
 * Student s proposes down the entries made up front from their next one, as the loop of
 * deferredAcceptance does, until a slot keeps them (returns the student it let go, or -1) or the
 * entries end (s is written to `waiting` where their list has more; returns -1). Not inlined, so
 * that V8 compiles it fully after a few calls (see closest_of).
 */
__attribute__((noinline))
static int propose(Proposals *p, int s, int32_t *waiting, int *waited) {
  const int at = p->at[s];
  const int n = p->inPool[s];
  const double tie = p->tie[s];
  for (int e = p->next[s]; e < n; e++) {
    const int j = p->slot[at + e];
    const double key = p->micro[at + e] * p->nS + tie;
    if (key < p->shut[j]) continue;
    const int out = admit(p, j, s, key);
    if (out == s) continue;
    p->next[s] = e + 1;
    p->slotOf[s] = j;
    p->entryOf[s] = e;
    if (out >= 0) {
      p->slotOf[out] = -1;
      p->entryOf[out] = -1;
    }
    return out;
  }
  p->next[s] = n;
  if (n < p->length[s]) waiting[(*waited)++] = s;
  return -1;
}

/*
 * Deferred acceptance's first round, region group by region group (ListScanner.proposeMany in
 * candidates.ts), on as many threads as share the memory: each call takes one group of
 * groups[0, total) at a time from counters[0]. Every student of the group proposes down the
 * entries made up front, and every student let go proposes again, until each is held or has
 * none left; those whose lists have more are written, in the group's part of DA_WAITING, and
 * counted in DA_WAITED. A student's list names slots of their own group only, so the groups
 * touch no slot in common; counters[1] counts the groups done. Returns the groups this call took.
 */
EXPORT("propose_many")
int propose_many(const int32_t *block, int total, int32_t *counters) {
  Proposals p = {
      .at = FROM_BLOCK(const int32_t, DA_AT),
      .inPool = FROM_BLOCK(const int32_t, DA_IN_POOL),
      .length = FROM_BLOCK(const int32_t, DA_LENGTH),
      .slot = FROM_BLOCK(const int32_t, DA_SLOT),
      .micro = FROM_BLOCK(const int32_t, DA_MICRO),
      .usable = FROM_BLOCK(const int32_t, DA_USABLE),
      .off = FROM_BLOCK(const int32_t, DA_OFF),
      .tie = FROM_BLOCK(const double, DA_TIE),
      .size = FROM_BLOCK(int32_t, DA_SIZE),
      .heapStudent = FROM_BLOCK(int32_t, DA_HEAP_STUDENT),
      .slotOf = FROM_BLOCK(int32_t, DA_SLOT_OF),
      .entryOf = FROM_BLOCK(int32_t, DA_ENTRY_OF),
      .next = FROM_BLOCK(int32_t, DA_NEXT),
      .heapKey = FROM_BLOCK(double, DA_HEAP_KEY),
      .bar = FROM_BLOCK(double, DA_BAR),
      .shut = FROM_BLOCK(double, DA_SHUT),
      .nS = block[DA_NS],
  };
  const int32_t *groups = FROM_BLOCK(const int32_t, DA_GROUPS);
  const int32_t *start = FROM_BLOCK(const int32_t, DA_GROUP_START);
  const int32_t *members = FROM_BLOCK(const int32_t, DA_MEMBERS);
  int32_t *waiting = FROM_BLOCK(int32_t, DA_WAITING);
  int32_t *waited = FROM_BLOCK(int32_t, DA_WAITED);
  for (int mine = 0;; mine++) {
    const int i = __atomic_fetch_add(&counters[0], 1, __ATOMIC_SEQ_CST);
    if (i >= total) return mine;
    const int g = groups[i];
    int count = 0;
    for (int k = start[g]; k < start[g + 1]; k++) {
      for (int s = members[k]; s >= 0;) s = propose(&p, s, waiting + start[g], &count);
    }
    waited[g] = count;
    __atomic_fetch_add(&counters[1], 1, __ATOMIC_SEQ_CST);
  }
}

/* What blocking_many reads and writes (ListScanner.blockingMany in candidates.ts). */
enum {
  BP_AT,        /* per student: their first entry in BP_SLOT and BP_MICRO */
  BP_IN_POOL,   /* per student: their entries made up front */
  BP_MADE,      /* per student: their entries made (LazyLists' made, restMade and length) */
  BP_REST_MADE, /* uint8 */
  BP_LENGTH,
  BP_SLOT,      /* the entries made up front: slot, score (millionths) */
  BP_MICRO,
  BP_TIE,       /* per student: their tie value (Compiled.sTie) */
  BP_BAR,       /* per slot: the key a student must pass for the slot to want them */
  BP_SLOT_OF,   /* per student: the slot they hold, or -1 */
  BP_RESUME,    /* out, per position in the students: the entry to go on from, -1 for none */
  BP_FOUND,     /* out: (student, slot, entry) of each pair found, BP_ROOM of them at most */
  BP_ROOM,      /* (not an offset) */
  BP_NS,        /* the number of students (not an offset) */
  BP_FIELDS,
};

/*
 * The certificate's check of student s (blocking_many): their entries made up front, down to the
 * slot they hold, each pair written; returns where the caller goes on (BP_RESUME). Not inlined,
 * so that V8 compiles it fully after a few calls (see closest_of).
 */
__attribute__((noinline))
static int pairs_of(const int32_t *block, int s, int32_t *counters) {
  const int32_t *slot = FROM_BLOCK(const int32_t, BP_SLOT);
  const int32_t *micro = FROM_BLOCK(const int32_t, BP_MICRO);
  const double *bar = FROM_BLOCK(const double, BP_BAR);
  int32_t *found = FROM_BLOCK(int32_t, BP_FOUND);
  const double nS = block[BP_NS];
  const int first = FROM_BLOCK(const int32_t, BP_AT)[s];
  const int n = FROM_BLOCK(const int32_t, BP_IN_POOL)[s];
  const int own = FROM_BLOCK(const int32_t, BP_SLOT_OF)[s];
  const double tie = FROM_BLOCK(const double, BP_TIE)[s];
  int e = 0;
  for (; e < n; e++) {
    const int j = slot[first + e];
    if (j == own) return -1;
    if (micro[first + e] * nS + tie <= bar[j]) continue;
    const int k = __atomic_fetch_add(&counters[3], 1, __ATOMIC_SEQ_CST);
    if (k >= block[BP_ROOM]) continue;
    found[3 * k] = s;
    found[3 * k + 1] = j;
    found[3 * k + 2] = e;
  }
  const int made = FROM_BLOCK(const int32_t, BP_MADE)[s];
  const int length = FROM_BLOCK(const int32_t, BP_LENGTH)[s];
  const int restMade = FROM_BLOCK(const uint8_t, BP_REST_MADE)[s];
  return made > n || (restMade == 0 && made < length) ? n : -1;
}

/*
 * The certificate's check (blockingPairsOf in blocking.ts) where a slot wants a student only for
 * a key above its bar, on as many threads as share the memory: chunks of `chunk` students of
 * students[0, total) taken from counters[0] as first_many does. Student i = students[i] reads
 * the entries made up front down to the slot they hold: each slot j there where their key
 * (micro × nS + tie) is above bar[j] is a pair, written as (student, slot, entry) at the room
 * taken at counters[3] (past BP_ROOM, counted and not written). Where the entries end first and
 * the list has more, made or to make, resume[i] is where it goes on (the caller reads it); -1
 * otherwise. counters[1] counts the students done. Returns the students this call took.
 */
EXPORT("blocking_many")
int blocking_many(const int32_t *block, const int32_t *students, int total, int32_t *counters,
                  int chunk) {
  int32_t *resume = FROM_BLOCK(int32_t, BP_RESUME);
  for (int mine = 0;;) {
    const int from = __atomic_fetch_add(&counters[0], chunk, __ATOMIC_SEQ_CST);
    if (from >= total) return mine;
    const int to = total - from < chunk ? total : from + chunk;
    for (int i = from; i < to; i++) resume[i] = pairs_of(block, students[i], counters);
    mine += to - from;
    __atomic_fetch_add(&counters[1], to - from, __ATOMIC_SEQ_CST);
  }
}
