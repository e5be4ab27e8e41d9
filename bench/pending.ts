/**
 * The budgets of DESIGN.md §7 whose features are not in main yet: listed, so the table shows every
 * budget, with no number until there is something to measure.
 */
import type { Figure } from './lib/report.ts';

const PENDING: { name: string; budget: Figure['budget']; unit: string }[] = [
  { name: 'goq-inquiry.js loader, gzip', budget: { op: '<=', value: 4 }, unit: 'KB' },
  { name: 'everything the order-detail page loads for the panel (loader + modules + chunks), gzip', budget: { op: '<=', value: 15 }, unit: 'KB' },
  { name: 'everything the inbox page loads, team features included, gzip', budget: { op: '<=', value: 30 }, unit: 'KB' },
  { name: 'server RSS while serving 1,000,000 inquiries, production build', budget: { op: '<=', value: 100 }, unit: 'MB' },
  { name: "other shops' /inquiries/counts p99 while one client sends a 100,000-part upload and holds 1,000 event streams", budget: { op: '<=', value: 50 }, unit: 'ms' },
  { name: 'a Rakuten notification → the event reaches an open inbox on another instance on the same PostgreSQL, p95', budget: { op: '<=', value: 1500 }, unit: 'ms' },
  { name: "several instances on one PostgreSQL: the highest mall calls per second for any one account (simulators' call logs)", budget: { op: '<=', value: 1 }, unit: 'calls/s' },
];

export function pendingFigures(): Figure[] {
  return PENDING.map((p) => ({
    part: 'pending',
    name: p.name,
    value: null,
    unit: p.unit,
    budget: p.budget,
    baseline: '—',
    notInMain: true,
    measuredAt: new Date().toISOString(),
  }));
}
