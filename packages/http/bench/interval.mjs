/**
 * How sure a run is of a median ratio, and the verdict on a target that follows from it. Two
 * identical apps read up to ±3 % apart from one process to the next on this kind of machine, more
 * than the margin the traced target is decided by, so a verdict from the median alone flips from
 * run to run. The interval is the distribution-free one for a median: of n independent samples, the
 * k-th smallest and the k-th largest hold the true median with probability 1 − 2·P(Binomial(n, ½) < k),
 * and k is the largest that keeps that at 95 % or more. It needs at least six samples ([lowest,
 * highest] of six holds the median 97 % of the time). The samples must be independent: rounds of
 * separate processes, or one value for each process where rounds share one.
 */
export function medianInterval(samples, confidence = 0.95) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  let k = 0;
  let below = 0; // P(Binomial(n, ½) < candidate k)
  let term = 0.5 ** n; // P(Binomial(n, ½) = candidate k − 1)
  for (let candidate = 1; candidate <= Math.floor(n / 2); candidate++) {
    below += term;
    if (1 - 2 * below < confidence) break;
    k = candidate;
    term *= (n - candidate + 1) / candidate;
  }
  return k === 0 ? undefined : [sorted[k - 1], sorted[n - k]];
}

/**
 * `met` when the median's interval lies at or above `target`, `not met` when it lies below, `at the
 * line` when it holds the target (then more samples, not this run, decide); with too few samples
 * for an interval, the median alone, and says so.
 */
export function targetVerdict(samples, median, target) {
  const interval = medianInterval(samples);
  if (interval === undefined) return `${median >= target ? 'met' : 'not met'} (median only)`;
  const [low, high] = interval;
  const state = low >= target ? 'met' : high < target ? 'not met' : 'at the line';
  return `${state} (${low.toFixed(3)}–${high.toFixed(3)})`;
}

/** The line under a table of verdicts that says how they are read. */
export const VERDICT_NOTE =
  "verdict: 'met' when the 95 % interval of the median ratio (in brackets) lies at or above the target, 'not met' when below it, 'at the line' when it holds the target";
