/** 待ち時間 as the list shows it: 「45分」「3時間」「2日」, days counted in the shop's business days. */
import type { BusinessHours } from '../../shared/api.ts';
import type { Translate } from '../core/i18n/catalogue.ts';

/** Business minutes in one business day: the settings' opening hours, default 9:00–18:00. */
export function businessDayMinutes(hours: Pick<BusinessHours, 'start' | 'end'> | null | undefined): number {
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return h * 60 + (m || 0);
  };
  const day = hours ? minutes(hours.end) - minutes(hours.start) : NaN;
  return day > 0 ? day : 540;
}

export function formatWaiting(minutes: number, dayMinutes: number, t: Translate): string {
  if (minutes < 60) return t('team.minutes', { n: Math.max(0, Math.floor(minutes)) });
  if (minutes < dayMinutes) return t('team.hours', { n: Math.floor(minutes / 60) });
  return t('team.days', { n: Math.floor(minutes / dayMinutes) });
}
