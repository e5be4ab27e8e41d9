/**
 * Presence (閲覧中 / 返信を作成中): each open thread sends a heartbeat every few seconds; a member is
 * present until `PRESENCE_TTL_MS` after the last one, or until `left`. Every change is published at
 * once as `presence.updated` with everyone on the inquiry; expiry is noticed by a sweep that
 * publishes too.
 */
import type { PresenceState, PresenceView } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import type { PresenceRow } from '../db/schema.ts';
import type { EventHub } from '../events/event-hub.ts';
import { notFound } from '../http/problem.ts';
import { findInquiry } from '../inquiries/inquiries.repository.ts';
import * as repo from './presence.repository.ts';

export const PRESENCE_TTL_MS = 15_000;
export const PRESENCE_SWEEP_MS = 3_000;

export function toPresenceView(row: PresenceRow): PresenceView {
  return { staffId: row.staff_id, staffName: row.staff_name, state: row.state };
}

export async function presenceOf(db: Db, shopId: string, inquiryId: string, now = new Date()): Promise<PresenceView[]> {
  return (await repo.listPresence(db, shopId, inquiryId, now.toISOString())).map(toPresenceView);
}

async function publish(db: Db, hub: EventHub | undefined, shopId: string, inquiryId: string, now: Date): Promise<PresenceView[]> {
  const members = await presenceOf(db, shopId, inquiryId, now);
  hub?.publish(shopId, { name: 'presence.updated', data: { inquiryId, members } });
  return members;
}

export interface PresenceContext {
  db: Db;
  hub?: EventHub;
  shopId: string;
  staffId: string;
  staffName: string;
  now?: Date;
}

/** A heartbeat (`viewing`, `typing`) or `left`; answers everyone on the inquiry now. */
export async function heartbeat(ctx: PresenceContext, inquiryId: string, state: PresenceState | 'left'): Promise<PresenceView[]> {
  const now = ctx.now ?? new Date();
  const inquiry = await findInquiry(ctx.db, ctx.shopId, inquiryId);
  if (!inquiry) throw notFound('inquiry');
  if (state === 'left') {
    await repo.deletePresence(ctx.db, ctx.shopId, inquiry.id, ctx.staffId);
  } else {
    await repo.upsertPresence(ctx.db, {
      shop_id: ctx.shopId,
      inquiry_id: inquiry.id,
      staff_id: ctx.staffId,
      staff_name: ctx.staffName,
      state,
      expires_at: new Date(now.getTime() + PRESENCE_TTL_MS).toISOString(),
    });
  }
  return publish(ctx.db, ctx.hub, ctx.shopId, inquiry.id, now);
}

/** Drops expired presence and publishes the inquiries it was on; returns how many inquiries changed. */
export async function sweepPresence(db: Db, hub: EventHub | undefined, now = new Date()): Promise<number> {
  const gone = await repo.deleteExpired(db, now.toISOString());
  for (const { shop_id, inquiry_id } of gone) await publish(db, hub, shop_id, inquiry_id, now);
  return gone.length;
}

/** Runs the sweep every few seconds until stopped. */
export function startPresenceSweep(db: Db, hub: EventHub, everyMs = PRESENCE_SWEEP_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepPresence(db, hub)
      .catch((error) => console.error('[goq] presence sweep failed:', error))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
