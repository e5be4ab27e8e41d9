/** Rows as the API answers them (shared/api.ts): summaries, threads with their messages and files. */
import { showsCustomerName } from '../../shared/mall-display.ts';
import type { AttachmentView, InquiryDetail, InquirySummary, MessageView, TeamFields } from '../../shared/api.ts';
import { canReopen } from '../../shared/status.ts';
import type { Db } from '../db/database.ts';
import type { InquiryRow, MessageRow } from '../db/schema.ts';
import { API_PREFIX } from '../http/api-prefix.ts';
import type { Waiting } from '../business-hours/business-hours.ts';
import { waitingClock } from '../business-hours/business-hours.service.ts';
import { listNotes } from '../notes/notes.repository.ts';
import { toNoteView } from '../notes/notes.service.ts';
import { presenceOf } from '../presence/presence.service.ts';
import { findStaffByIds } from '../staff/staff.repository.ts';
import { listAttachments, listMessages, type AttachmentMeta } from './messages.repository.ts';
import { readVersions } from './reads.repository.ts';

/** What a summary's team fields are made of, read once for a page. */
export interface TeamView {
  names: Map<string, string>;
  reads: Map<string, number>;
  waiting(since: string | null): Waiting;
}

/** Without a member (a call from outside the staff API): no names, everything unread, waiting by the defaults. */
export const NO_TEAM_VIEW: TeamView = { names: new Map(), reads: new Map(), waiting: () => ({ waitingMinutes: null, overdue: false }) };

/** The reads behind the team fields of these rows, for one member: assignee names, read markers, the shop's hours. */
export async function loadTeamView(db: Db, shopId: string, staffId: string, rows: readonly InquiryRow[], now = new Date()): Promise<TeamView> {
  const assignees = [...new Set(rows.map((r) => r.assignee_id).filter((id): id is string => !!id))];
  const [staff, reads, waiting] = await Promise.all([
    findStaffByIds(db, shopId, assignees),
    readVersions(db, shopId, staffId, rows.map((r) => r.id)),
    waitingClock(db, shopId, now),
  ]);
  return { names: new Map(staff.map((s) => [s.id, s.name])), reads, waiting };
}

export function teamFieldsOf(row: InquiryRow, team: TeamView): TeamFields {
  const waiting = team.waiting(row.waiting_since);
  return {
    assignee: row.assignee_id ? { id: row.assignee_id, name: team.names.get(row.assignee_id) ?? row.assignee_id } : null,
    waitingSince: row.waiting_since,
    waitingMinutes: waiting.waitingMinutes,
    overdue: waiting.overdue,
    unread: row.customer_version > (team.reads.get(row.id) ?? 0),
    version: row.version,
  };
}

export function toSummary(row: InquiryRow, team: TeamView = NO_TEAM_VIEW): InquirySummary {
  return {
    ...teamFieldsOf(row, team),
    id: row.id,
    mall: row.mall,
    mallInquiryId: row.mall_inquiry_id,
    orderId: row.order_id,
    subject: row.subject,
    // Yahoo! gives a masked id only: never show a name for it, whatever was stored
    customerName: showsCustomerName(row.mall) ? row.customer_name : null,
    status: row.status,
    completed: row.completed === 1,
    lastSender: row.last_sender,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
    preview: row.preview,
    messageCount: row.message_count,
  };
}

function toAttachmentView(a: AttachmentMeta): AttachmentView {
  return { id: a.id, name: a.name, size: a.size, contentType: a.content_type, url: `${API_PREFIX}/attachments/${a.id}` };
}

export function toMessageView(m: MessageRow, attachments: AttachmentMeta[]): MessageView {
  return {
    id: m.id,
    sender: m.sender,
    staffName: m.staff_name,
    body: m.body,
    sentAt: m.sent_at,
    delivery: m.delivery,
    failureReason: m.failure_reason,
    attachments: attachments.map(toAttachmentView),
  };
}

/**
 * The inquiries with their threads: a fixed number of reads whatever their number (messages, their
 * files, notes, the team fields; presence per inquiry).
 */
export async function loadDetails(db: Db, shopId: string, rows: InquiryRow[], staffId = ''): Promise<InquiryDetail[]> {
  const [messages, notes, team, presence] = await Promise.all([
    listMessages(db, shopId, rows.map((r) => r.id)),
    listNotes(db, shopId, rows.map((r) => r.id)),
    loadTeamView(db, shopId, staffId, rows),
    Promise.all(rows.map((r) => presenceOf(db, shopId, r.id))),
  ]);
  const attachments = await listAttachments(db, shopId, messages.map((m) => m.id));
  const byMessage = new Map<string, AttachmentMeta[]>();
  for (const a of attachments) {
    const list = byMessage.get(a.message_id) ?? [];
    list.push(a);
    byMessage.set(a.message_id, list);
  }
  const byInquiry = new Map<string, MessageView[]>();
  for (const m of messages) {
    const list = byInquiry.get(m.inquiry_id) ?? [];
    list.push(toMessageView(m, byMessage.get(m.id) ?? []));
    byInquiry.set(m.inquiry_id, list);
  }
  return rows.map((row, i) => ({
    ...toSummary(row, team),
    itemName: row.item_name,
    messages: byInquiry.get(row.id) ?? [],
    canReopen: canReopen(row.mall, row.completed === 1),
    notes: notes.filter((n) => n.inquiry_id === row.id).map(toNoteView),
    presence: presence[i]!,
  }));
}
