/**
 * Team work on inquiries: 担当者 (assignment), the member's read marker (未読) and bulk actions
 * (complete or assign many at once, each id on its own). Completion and the thread itself come from
 * inquiries.service.ts; every change is published to the shop's open pages.
 */
import type { BulkRequest, BulkResult, InquiryDetail, ReadMarker } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import type { EventHub } from '../events/event-hub.ts';
import { ProblemError, notFound } from '../http/problem.ts';
import { isKnownMember } from '../staff/staff.service.ts';
import { completeInquiry, getInquiryDetail } from './inquiries.service.ts';
import * as repo from './inquiries.repository.ts';
import { publishInquiryChange } from './inquiry-events.ts';
import { loadTeamView, toSummary } from './inquiry-views.ts';
import { markRead } from './reads.repository.ts';

export interface MemberContext {
  db: Db;
  hub?: EventHub;
  shopId: string;
  staffId: string;
}

/** 担当者: a member the shop has seen, or null; 422 unknown_staff for anyone else. */
export async function assignInquiry(ctx: MemberContext, inquiryId: string, staffId: string | null): Promise<InquiryDetail> {
  const { db, shopId } = ctx;
  const row = await db.transaction().execute(async (trx) => {
    const row = await repo.lockInquiry(trx, shopId, inquiryId);
    if (!row) throw notFound('inquiry');
    if (staffId !== null && !(await isKnownMember(trx, shopId, staffId))) {
      throw new ProblemError(422, 'unknown_staff', 'no such member in this shop', [{ field: 'staffId', code: 'unknown_staff' }]);
    }
    if (row.assignee_id !== staffId) await repo.setAssignee(trx, shopId, row.id, staffId);
    return row;
  });
  await publishInquiryChange(db, ctx.hub, shopId, row);
  return getInquiryDetail(db, shopId, inquiryId, ctx.staffId);
}

/** The member has read the thread up to its current version (未読 cleared for them only). */
export async function markInquiryRead(ctx: MemberContext, inquiryId: string): Promise<ReadMarker> {
  const { db, shopId } = ctx;
  const row = await repo.findInquiry(db, shopId, inquiryId);
  if (!row) throw notFound('inquiry');
  await markRead(db, shopId, ctx.staffId, row.id, row.version, new Date().toISOString());
  // kept inbox pages carry each member's 未読
  await repo.bumpInquiryVersion(db, shopId);
  await publishInquiryChange(db, ctx.hub, shopId, row);
  return { id: row.id, version: row.version, unread: false };
}

/** Each id on its own: one refused id does not stop the others. */
export async function bulkAction(ctx: MemberContext, request: BulkRequest): Promise<BulkResult> {
  const results: BulkResult['results'] = [];
  if (request.action === 'assign' && request.staffId === undefined) {
    throw new ProblemError(400, 'invalid_request', 'assign needs staffId (null to unassign)', [{ field: 'staffId', code: 'invalid_request' }]);
  }
  if (request.action === 'assign' && request.staffId && !(await isKnownMember(ctx.db, ctx.shopId, request.staffId))) {
    throw new ProblemError(422, 'unknown_staff', 'no such member in this shop', [{ field: 'staffId', code: 'unknown_staff' }]);
  }
  for (const id of [...new Set(request.ids)]) {
    try {
      if (request.action === 'complete') await completeInquiry(ctx, id);
      else await assignInquiry(ctx, id, request.staffId ?? null);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      results.push({ id, ok: false, code: error.code, detail: error.detail });
    }
  }
  return { results };
}

/** The summary of one inquiry for this member (used after a change). */
export async function getSummary(ctx: MemberContext, inquiryId: string) {
  const row = await repo.findInquiry(ctx.db, ctx.shopId, inquiryId);
  if (!row) throw notFound('inquiry');
  return toSummary(row, await loadTeamView(ctx.db, ctx.shopId, ctx.staffId, [row]));
}
