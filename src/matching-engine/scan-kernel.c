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

/* JavaScript's Math.round: halves go up. x - floor(x) is exact, so this is too. */
static double round_half_up(double x) {
  double r = __builtin_floor(x);
  return x - r >= 0.5 ? r + 1 : r;
}

static int accepts(const int32_t *programs, int p, int program) {
  for (int i = 0; i < p; i++)
    if (programs[i] == program) return 1;
  return 0;
}

/*
 * Scans the given ranges of the index (words from[i] to to[i], read until an entry's minimum
 * passes level[i]) for the loaded student, whose quality at (unit, whole bar) is held[unit * 6 +
 * bar], -1 where not met. Counts the eligible slots (and each in degree, when given); those
 * whose key is `after` or less are counted in out[1]; with `keep`, every other key is written to
 * keys (out[0] of them), in the order met. With shut, a slot j where shut[j] >= bound is passed
 * over unexamined, and so is an entry whose key there, m * nS + tie (the student's tie value), is
 * below shut[j], once counted (out[2] counts both). Returns the eligible count.
 */
EXPORT("scan")
int scan(const double *F, const double *held, const int32_t *from, const int32_t *to,
         const double *level, int ranges, int32_t notMask0, int32_t notMask1, int region,
         int province, int program, double wc, double wr, int nJ, double after, int keep,
         const double *shut, double bound, int nS, double tie, int32_t *degree, double *keys,
         int32_t *out) {
  const int32_t *I = (const int32_t *)F;
  int kept = 0, eligible = 0, before = 0, passed = 0;
  for (int i = 0; i < ranges; i++) {
    const double lv = level[i];
    for (int k = from[i], end = to[i], next; k < end; k = next) {
      /* Ascending minimum of the bucket's sorting unit: past the first bar above the student,
         none is met. */
      if (F[k] > lv) break;
      const int32_t *h = I + 2 * k + 4;
      const int n = h[ENTRY_N];
      const int p = h[ENTRY_P];
      const int w = k + 2 + ((ENTRY_HEADER + n + p + 1) >> 1);
      next = w + 2 * n;
      if ((h[ENTRY_MASK0] & notMask0) | (h[ENTRY_MASK1] & notMask1)) continue;
      const int j = h[ENTRY_SLOT];
      if (shut && shut[j] >= bound) {
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
      const double m = round_half_up(((wc * comp + wr * reg) / (wc + wr)) * SCORE_SCALE);
      eligible++;
      if (degree) degree[j]++;
      const double key = (SCORE_SCALE - m) * nJ + j;
      if (key <= after) {
        before++;
        continue;
      }
      if (shut && m * nS + tie < shut[j]) {
        passed++;
        continue;
      }
      if (keep) keys[kept++] = key;
    }
  }
  out[0] = kept;
  out[1] = before;
  out[2] = passed;
  return eligible;
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

/* Ascending, in place: quicksort on the median of three, short parts by insertion. */
static void sort(double *a, int n) {
  while (n > 16) {
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
