/**
 * 社内メモ: notes on an inquiry for the shop's staff. A note is stored here only: it is never an
 * outbox row, so it never reaches a mall. Each change is announced as `inquiry.updated`.
 */
import type { NoteList, NoteView } from '../../shared/api.ts';
import { nowIso, type Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { NoteRow } from '../db/schema.ts';
import type { EventHub } from '../events/event-hub.ts';
import { ProblemError, notFound } from '../http/problem.ts';
import { findInquiry } from '../inquiries/inquiries.repository.ts';
import * as repo from './notes.repository.ts';

export interface NoteContext {
  db: Db;
  hub?: EventHub;
  shopId: string;
  staffId: string;
  staffName: string;
}

export function toNoteView(row: NoteRow): NoteView {
  return { id: row.id, inquiryId: row.inquiry_id, authorId: row.author_id, authorName: row.author_name, body: row.body, createdAt: row.created_at };
}

function announce(hub: EventHub | undefined, shopId: string, inquiry: { id: string; order_id: string | null }): void {
  hub?.publish(shopId, { name: 'inquiry.updated', data: { id: inquiry.id, orderId: inquiry.order_id } });
}

export async function listNotes(db: Db, shopId: string, inquiryId: string): Promise<NoteList> {
  if (!(await findInquiry(db, shopId, inquiryId))) throw notFound('inquiry');
  return { items: (await repo.listNotes(db, shopId, [inquiryId])).map(toNoteView) };
}

export async function addNote(ctx: NoteContext, inquiryId: string, body: string): Promise<NoteView> {
  const inquiry = await findInquiry(ctx.db, ctx.shopId, inquiryId);
  if (!inquiry) throw notFound('inquiry');
  const row: NoteRow = {
    id: newId(),
    shop_id: ctx.shopId,
    inquiry_id: inquiry.id,
    author_id: ctx.staffId,
    author_name: ctx.staffName,
    body: body.replace(/\r\n?/g, '\n'),
    created_at: nowIso(),
  };
  await repo.insertNote(ctx.db, row);
  announce(ctx.hub, ctx.shopId, inquiry);
  return toNoteView(row);
}

/** Only the note's author may delete it. */
export async function deleteNote(ctx: NoteContext, noteId: string): Promise<void> {
  const note = await repo.findNote(ctx.db, ctx.shopId, noteId);
  if (!note) throw notFound('note');
  if (note.author_id !== ctx.staffId) throw new ProblemError(403, 'not_note_author', 'only the author may delete a note');
  await repo.deleteNote(ctx.db, ctx.shopId, noteId);
  const inquiry = await findInquiry(ctx.db, ctx.shopId, note.inquiry_id);
  if (inquiry) announce(ctx.hub, ctx.shopId, inquiry);
}
