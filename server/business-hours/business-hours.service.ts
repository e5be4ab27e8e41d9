/** The shop's business hours (stored with its settings; defaults until set): read, saved, and turned into a waiting clock. */
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from '../../shared/api.ts';
import { nowIso, type Db } from '../db/database.ts';
import { findBusinessHours, saveBusinessHours } from '../settings/settings.repository.ts';
import { waitingOf, type Waiting } from './business-hours.ts';

export async function getBusinessHours(db: Db, shopId: string): Promise<BusinessHours> {
  const text = await findBusinessHours(db, shopId);
  if (!text) return { ...DEFAULT_BUSINESS_HOURS };
  try {
    return { ...DEFAULT_BUSINESS_HOURS, ...(JSON.parse(text) as Partial<BusinessHours>) };
  } catch {
    return { ...DEFAULT_BUSINESS_HOURS };
  }
}

export async function putBusinessHours(db: Db, shopId: string, hours: BusinessHours): Promise<BusinessHours> {
  const value: BusinessHours = { ...hours, days: [...new Set(hours.days)].sort(), holidays: [...new Set(hours.holidays)].sort() };
  await saveBusinessHours(db, shopId, JSON.stringify(value), nowIso());
  return getBusinessHours(db, shopId);
}

export type WaitingClock = (since: string | null) => Waiting;

/** The shop's waiting clock at `now`: one read of its hours for a whole page. */
export async function waitingClock(db: Db, shopId: string, now = new Date()): Promise<WaitingClock> {
  const hours = await getBusinessHours(db, shopId);
  return (since) => waitingOf(hours, since, now);
}
