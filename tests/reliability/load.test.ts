// The short form of the load test (the full 60 s form with the memory check: `npm run test:load`).
import { describe, expect, it } from 'vitest';

import { loadProblems, memoryVerdict, runLoadTest } from './load.ts';

describe('load', () => {
  it(
    'serves 20 connections of mixed queries with an import running, without a single error',
    { timeout: 60_000 },
    async () => {
      const report = await runLoadTest({
        durationSeconds: 5,
        connections: 20,
        log: (line) => console.info(line),
      });
      expect(loadProblems(report, false)).toEqual([]);
      expect(report.requests).toBeGreaterThan(100);
      expect(report.imports.completed).toBeGreaterThanOrEqual(1);
      expect(report.latencyMs.p99).toBeGreaterThan(0);
      expect(report.rssMb.length).toBeGreaterThanOrEqual(3);
    },
  );

  it('judges memory by the second and the last ten seconds, within noise', () => {
    const flat = [...Array(10).fill(150), ...Array(40).fill(180), ...Array(10).fill(190)];
    expect(memoryVerdict(flat)).toMatchObject({
      secondWindowMb: 180,
      lastWindowMb: 190,
      flat: true,
    });
    const leaking = Array.from({ length: 60 }, (_, second) => 150 + second * 3);
    expect(memoryVerdict(leaking)).toMatchObject({ flat: false });
    expect(memoryVerdict(Array(20).fill(100))).toBeNull();
  });
});
