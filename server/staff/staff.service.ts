/**
 * The shop's staff, kept from the tokens the server sees (no separate user admin): each
 * authenticated request records its member, at most once a minute per member (an in-memory stamp),
 * or at once when the token's name or role changed.
 */
import type { StaffList, StaffMember, StaffPreferences, StaffSelf } from '../../shared/api.ts';
import { nowIso, type Db } from '../db/database.ts';
import type { StaffRow } from '../db/schema.ts';
import { notFound } from '../http/problem.ts';
import * as repo from './staff.repository.ts';

export interface Member {
  shopId: string;
  id: string;
  name: string;
  role: 'admin' | 'staff';
}

const TOUCH_EVERY_MS = 60_000;
const STAMPS_MAX = 50_000;

export class StaffRecorder {
  #stamps = new Map<string, { at: number; name: string; role: string }>();

  constructor(private readonly db: Db) {}

  /** Records the member unless it was recorded with the same name and role less than a minute ago. */
  async touch(member: Member, now = Date.now()): Promise<void> {
    const key = `${member.shopId}\u0000${member.id}`;
    const stamp = this.#stamps.get(key);
    if (stamp && now - stamp.at < TOUCH_EVERY_MS && stamp.name === member.name && stamp.role === member.role) return;
    await repo.upsertStaff(this.db, member.shopId, { id: member.id, name: member.name, role: member.role, seenAt: new Date(now).toISOString() });
    if (this.#stamps.size >= STAMPS_MAX) this.#stamps.clear();
    this.#stamps.set(key, { at: now, name: member.name, role: member.role });
  }
}

export function toStaffMember(row: StaffRow): StaffMember {
  return { id: row.id, name: row.name, role: row.role, lastSeenAt: row.last_seen_at };
}

export async function listStaff(db: Db, shopId: string): Promise<StaffList> {
  return { items: (await repo.listStaff(db, shopId)).map(toStaffMember) };
}

async function ensureRow(db: Db, member: Member): Promise<StaffRow> {
  let row = await repo.findStaff(db, member.shopId, member.id);
  if (!row) {
    await repo.upsertStaff(db, member.shopId, { id: member.id, name: member.name, role: member.role, seenAt: nowIso() });
    row = await repo.findStaff(db, member.shopId, member.id);
  }
  if (!row) throw notFound('staff member');
  return row;
}

export async function getSelf(db: Db, member: Member): Promise<StaffSelf> {
  const row = await ensureRow(db, member);
  return { ...toStaffMember(row), preferences: { inboxSort: row.inbox_sort } };
}

export async function savePreferences(db: Db, member: Member, preferences: StaffPreferences): Promise<StaffSelf> {
  await ensureRow(db, member);
  await repo.setInboxSort(db, member.shopId, member.id, preferences.inboxSort);
  return getSelf(db, member);
}

/** Whether the shop has seen this member (an assignee must be one). */
export async function isKnownMember(db: Db, shopId: string, id: string): Promise<boolean> {
  return (await repo.findStaff(db, shopId, id)) !== undefined;
}
