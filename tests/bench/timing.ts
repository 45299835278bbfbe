// Latency sampling: warm up, then time each call on its own, and report percentiles.

export interface Latency {
  samples: number;
  p50: number;
  p99: number;
  mean: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarise(durations: number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((s, d) => s + d, 0) / Math.max(1, sorted.length),
  };
}

/** Runs `call(i)` `warmup` times untimed, then `samples` times timed one by one (milliseconds). */
export async function measureLatency(
  call: (i: number) => Promise<unknown>,
  samples: number,
  warmup: number,
): Promise<Latency> {
  for (let i = 0; i < warmup; i += 1) await call(i);
  const durations: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await call(i);
    durations.push(performance.now() - started);
  }
  return summarise(durations);
}

export const ms = (value: number) =>
  value >= 10 ? value.toFixed(1) : value.toFixed(value >= 1 ? 2 : 3);
