// Bench rows: a figure, its goal and the verdict, printed as one table. A row that could not be measured
// says why instead of a figure; the smoke test checks that every row carries a figure.

export interface Goal {
  /** `atLeast`: bigger is better; `atMost`: smaller is better. */
  kind: 'atLeast' | 'atMost';
  target: number;
  unit: string;
}

export interface Row {
  id: string;
  label: string;
  goal: Goal;
  /** The measured number in the goal's unit; null when not measured. */
  value: number | null;
  /** How the figure reads, e.g. "612 episodes/s (RSS, 50 parts)"; also says why when value is null. */
  shown: string;
  /** Extra context printed under the table (method, sample sizes). */
  note?: string;
}

type Verdict = 'pass' | 'MISS' | 'n/a';

function verdictOf(row: Row): Verdict {
  if (row.value === null || !Number.isFinite(row.value)) return 'n/a';
  return row.goal.kind === 'atLeast'
    ? row.value >= row.goal.target
      ? 'pass'
      : 'MISS'
    : row.value <= row.goal.target
      ? 'pass'
      : 'MISS';
}

/** "MISS (3.2× over)" style: how far from the goal a missed row is. */
export function describeVerdict(row: Row): string {
  const verdict = verdictOf(row);
  if (verdict !== 'MISS' || row.value === null) return verdict;
  const factor =
    row.goal.kind === 'atLeast' ? row.goal.target / row.value : row.value / row.goal.target;
  const side = row.goal.kind === 'atLeast' ? 'short' : 'over';
  // Near misses read better as a percentage ("3% over") than as "1.03×".
  if (factor < 1.5) return `MISS (${Math.max(1, Math.round((factor - 1) * 100))}% ${side})`;
  return `MISS (${factor.toFixed(factor < 10 ? 2 : 0)}× ${side})`;
}

function goalText(goal: Goal): string {
  return `${goal.kind === 'atLeast' ? '≥' : '≤'} ${formatNumber(goal.target)} ${goal.unit}`.trim();
}

function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

export function row(
  id: string,
  label: string,
  goal: Goal,
  value: number | null,
  shown?: string,
  note?: string,
): Row {
  return {
    id,
    label,
    goal,
    value,
    shown:
      shown ?? (value === null ? 'not measured' : `${formatNumber(value)} ${goal.unit}`.trim()),
    ...(note === undefined ? {} : { note }),
  };
}

/** A row for a figure that could not be taken, with the reason in place of the figure. */
export function unmeasured(id: string, label: string, goal: Goal, reason: string): Row {
  return { id, label, goal, value: null, shown: `not measured: ${reason}` };
}

export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [r.label, r.shown, goalText(r.goal), describeVerdict(r)]);
  const header = ['figure', 'measured', 'goal', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}

export function renderNotes(rows: readonly Row[]): string {
  return rows
    .filter((r) => r.note)
    .map((r) => `- ${r.label}: ${r.note}`)
    .join('\n');
}
