/**
 * Figures, their budgets and baselines, the printed table and bench/RESULTS.md.
 * RESULTS.md keeps its rows as JSON in a comment at the end, so running one part alone replaces that
 * part's rows and keeps the others (each row says when it was measured).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface Budget {
  op: '<=' | '>=';
  value: number;
}

export interface Figure {
  /** the part that measured it: bundles, inbox-sqlite, inbox-postgres, thread, sync */
  part: string;
  name: string;
  /** null when it could not be measured (counts as a miss) */
  value: number | null;
  unit: string;
  /** more of the measurement (e.g. p50/p95/p99) */
  detail?: string;
  budget?: Budget;
  /** the baseline measured in the same run, as text with its unit */
  baseline: string;
  /** why a value is missing, or what explains it */
  note?: string;
  /** the measured cause of a miss and what it would take (docs/benchmarks.md), shown only when missed */
  whenMissed?: string;
  measuredAt?: string;
}

export type Verdict = 'pass' | 'MISS' | 'info';

export function verdict(f: Figure): Verdict {
  if (!f.budget) return f.value === null ? 'MISS' : 'info';
  if (f.value === null) return 'MISS';
  return f.budget.op === '<=' ? (f.value <= f.budget.value ? 'pass' : 'MISS') : f.value >= f.budget.value ? 'pass' : 'MISS';
}

function num(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString('en');
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'not measured';
  return unit === '%' ? `${num(value)} %` : `${num(value)} ${unit}`;
}

function budgetText(f: Figure): string {
  return f.budget ? `${f.budget.op === '<=' ? '≤' : '≥'} ${formatValue(f.budget.value, f.unit)}` : '—';
}

function rowsOf(figures: Figure[]): string[][] {
  return figures.map((f) => [
    f.part,
    f.name,
    formatValue(f.value, f.unit) + (f.detail ? ` (${f.detail})` : ''),
    budgetText(f),
    f.baseline,
    verdict(f),
  ]);
}

const HEAD = ['part', 'figure', 'measured', 'budget', 'baseline (same run)', 'result'];

export function consoleTable(figures: Figure[]): string {
  const rows = [HEAD, ...rowsOf(figures)];
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = HEAD.map((_, c) => Math.max(...rows.map((r) => width(r[c]!))));
  const line = (r: string[]) => r.map((cell, c) => cell + ' '.repeat(widths[c]! - width(cell))).join(' | ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)].join('\n');
}

function markdownTable(figures: Figure[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...rowsOf(figures).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

const DATA_MARK = '<!-- figures:';

export function readPreviousFigures(path: string): Figure[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const at = text.lastIndexOf(DATA_MARK);
  if (at < 0) return [];
  try {
    return JSON.parse(text.slice(at + DATA_MARK.length, text.indexOf('-->', at))) as Figure[];
  } catch {
    return [];
  }
}

export const PART_ORDER = ['bundles', 'inbox-sqlite', 'inbox-postgres', 'thread', 'sync'];

export function mergeFigures(previous: Figure[], current: Figure[]): Figure[] {
  const fresh = new Set(current.map((f) => f.part));
  const all = [...previous.filter((f) => !fresh.has(f.part)), ...current];
  return all.sort((a, b) => PART_ORDER.indexOf(a.part) - PART_ORDER.indexOf(b.part));
}

export function writeResults(path: string, figures: Figure[], info: { partsRun: string[]; seconds: number; loadAverage: string }): void {
  const cpu = cpus();
  const notes = figures
    .filter((f) => f.note || (f.whenMissed && verdict(f) === 'MISS'))
    .map((f) => `- **${f.part} / ${f.name}**: ${[f.note, verdict(f) === 'MISS' ? f.whenMissed : undefined].filter(Boolean).join(' ')}`);
  const kept = [...new Set(figures.map((f) => f.part))].filter((p) => !info.partsRun.includes(p));
  const misses = figures.filter((f) => verdict(f) === 'MISS').length;
  const text = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (see docs/benchmarks.md for what each figure measures and how).',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpu.length} cores (os.cpus().length), ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
    `- parts run this time: ${info.partsRun.join(', ')} (${Math.round(info.seconds)} s)` +
      (kept.length > 0 ? `; the rows of ${kept.join(', ')} are kept from earlier runs (each row's time is in the JSON at the end)` : ''),
    `- load average (1 min) at start and end of the run: ${info.loadAverage} (other work on the machine inflates latencies and lowers throughput)`,
    `- budgets missed: ${misses}`,
    '',
    markdownTable(figures),
    '',
    ...(notes.length > 0 ? ['## Notes', '', ...notes, ''] : []),
    `${DATA_MARK}${JSON.stringify(figures)}-->`,
    '',
  ].join('\n');
  writeFileSync(path, text);
}
