/**
 * Rakuten's two datetime forms: requests take JST without an offset ("2026-11-20T09:00:00"),
 * responses give JST with "+09:00". Both are produced and read here, independent of the host's zone.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The JST wall-clock parts of an instant. */
export function jstParts(date: Date): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const j = new Date(date.getTime() + JST_OFFSET_MS);
  return {
    y: j.getUTCFullYear(),
    mo: j.getUTCMonth() + 1,
    d: j.getUTCDate(),
    h: j.getUTCHours(),
    mi: j.getUTCMinutes(),
    s: j.getUTCSeconds(),
  };
}

/** "yyyy-MM-ddTHH:mm:ss" in JST, no offset: the form the list and count calls accept. */
export function toRmsRequestDateTime(date: Date): string {
  const p = jstParts(date);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** "yyyy-MM-ddTHH:mm:ss+09:00": the form every response uses. */
export function toRmsDateTime(date: Date): string {
  return `${toRmsRequestDateTime(date)}+09:00`;
}

/** Reads a request datetime (no offset) as JST; null when it is not a real date. */
export function parseRmsRequestDateTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(utc - JST_OFFSET_MS);
}

/**
 * Reads a response datetime. The documented form carries "+09:00"; a value without an offset is read
 * as JST (as the API reads its own request datetimes), a date alone as JST midnight.
 */
export function parseRmsDateTime(text: string): Date {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return parseRmsDateTime(`${trimmed}T00:00:00`);
  const normalised = trimmed.replace(' ', 'T').replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3');
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(normalised);
  const date = new Date(hasOffset ? normalised : `${normalised}+09:00`);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable Rakuten datetime "${text}"`);
  return date;
}

/** The attachment path's date and time parts: "yyyy/MM/dd" and "HHmmss" in JST. */
export function jstPathParts(date: Date): { day: string; time: string } {
  const p = jstParts(date);
  return { day: `${p.y}/${pad(p.mo)}/${pad(p.d)}`, time: `${pad(p.h)}${pad(p.mi)}${pad(p.s)}` };
}

/** "yyyy/MM/dd HH:mm:ss" in JST, the style of RMS system-event notification dates. */
export function toRmsNotificationDateTime(date: Date): string {
  const p = jstParts(date);
  return `${p.y}/${pad(p.mo)}/${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}
