/**
 * The sync state an account keeps in mall_accounts.sync_state, and what is set aside in it: mall
 * inquiries the database refused to store, named in a health note and fetched again at each run
 * until they store.
 */
import type { Db } from '../../db/database.ts';
import type { MallAccountRow } from '../../db/schema.ts';
import { updateSyncState, type HealthNote } from '../accounts/mall-accounts.repository.ts';

/** What the engine keeps per account in mall_accounts.sync_state. */
export interface SyncState {
  lastRunAt?: string;
  lastDeepScanAt?: string;
  /** Yahoo!: start of the last successful run */
  listedUntil?: string;
  lastCredentialCheckAt?: string;
  /** mall inquiry ids named by notifications, waiting for a fetch */
  queued?: string[];
  /** Rakuten: where the round robin over old open inquiries stands */
  openCursor?: { createdAt: string; id: string } | null;
  /** mall inquiry ids the database refused to store: set aside, fetched again at each run until they store */
  setAside?: string[];
}

/** The health note and last error naming what was set aside. */
export const SET_ASIDE_CODE = 'mall_records_set_aside';
const SET_ASIDE_NOTE_KEY = 'setAside';
const SET_ASIDE_KEEP = 200;

export function setAsideMessage(ids: string[]): string {
  const shown = ids.slice(0, 5).join('、');
  const more = ids.length > 5 ? ` ほか${ids.length - 5}件` : '';
  return `${ids.length}件の問い合わせを取り込めませんでした（問い合わせ番号: ${shown}${more}）。ほかの問い合わせの同期は続けています。次回の同期で再試行します。`;
}

/** Saves the set-aside list (this run's refusals, earlier ones included: they were retried) and its health note. */
export async function saveSetAside(db: Db, account: MallAccountRow, refused: string[]): Promise<string[]> {
  const ids = [...new Set(refused)].slice(-SET_ASIDE_KEEP);
  await updateSyncState<SyncState & { healthNotes?: Record<string, HealthNote> }>(db, account.shop_id, account.id, (current) => {
    const notes = { ...(current.healthNotes ?? {}) };
    if (ids.length > 0) notes[SET_ASIDE_NOTE_KEY] = { code: SET_ASIDE_CODE, message: setAsideMessage(ids) };
    else delete notes[SET_ASIDE_NOTE_KEY];
    return { ...current, setAside: ids, healthNotes: notes };
  });
  return ids;
}

/** Queues fetches of inquiries a notification named; the next run (started right away) fetches them. */
export async function queueInquiryFetch(db: Db, shopId: string, accountId: string, mallInquiryIds: string[]): Promise<void> {
  await updateSyncState<SyncState>(db, shopId, accountId, (state) => {
    const queued = new Set(state.queued ?? []);
    for (const id of mallInquiryIds) queued.add(id);
    // bounded: a flood of notifications cannot grow the row without limit
    return { ...state, queued: [...queued].slice(-5000) };
  });
}
