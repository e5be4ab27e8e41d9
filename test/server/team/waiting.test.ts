import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_BUSINESS_HOURS, type BusinessHours, type InquiryPage, type InquirySummary, type Problem } from '../../../shared/api.ts';
import { businessMinutesBetween, waitingOf } from '../../../server/business-hours/business-hours.ts';
import { recordMallInquiry } from '../../../server/inquiries/mall-ingest.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, mallMessage, storeInquiry } from '../support/fixtures.ts';
import { member } from './support.ts';

/** A JST wall-clock time as an instant. */
const jst = (text: string) => new Date(`${text}+09:00`);
const H = DEFAULT_BUSINESS_HOURS;

describe('待ち時間 in business hours (平日 9:00–18:00 JST by default)', () => {
  test('within one day, and not before opening or after closing', () => {
    assert.equal(businessMinutesBetween(H, jst('2026-12-01T10:00:00'), jst('2026-12-01T13:30:00')), 210);
    assert.equal(businessMinutesBetween(H, jst('2026-12-01T07:00:00'), jst('2026-12-01T08:59:00')), 0);
    assert.equal(businessMinutesBetween(H, jst('2026-12-01T17:00:00'), jst('2026-12-01T23:00:00')), 60);
    assert.equal(businessMinutesBetween(H, jst('2026-12-01T13:00:00'), jst('2026-12-01T12:00:00')), 0);
  });

  test('across a night: the closed hours do not count', () => {
    // Tue 17:00 → Wed 10:00: 1 h on Tuesday, 1 h on Wednesday
    assert.equal(businessMinutesBetween(H, jst('2026-12-01T17:00:00'), jst('2026-12-02T10:00:00')), 120);
  });

  test('across a weekend: Saturday and Sunday do not count', () => {
    // Fri 2026-12-04 16:00 → Mon 2026-12-07 11:00: 2 h + 2 h
    assert.equal(businessMinutesBetween(H, jst('2026-12-04T16:00:00'), jst('2026-12-07T11:00:00')), 240);
    // a message on Saturday waits from Monday's opening
    assert.equal(businessMinutesBetween(H, jst('2026-12-05T12:00:00'), jst('2026-12-07T09:30:00')), 30);
  });

  test('across a public holiday: 2027-01-11 (成人の日, a Monday) does not count, unless the shop opens on holidays', () => {
    // Fri 2027-01-08 17:00 → Tue 2027-01-12 10:00: 1 h Friday + 1 h Tuesday
    assert.equal(businessMinutesBetween(H, jst('2027-01-08T17:00:00'), jst('2027-01-12T10:00:00')), 120);
    const open: BusinessHours = { ...H, publicHolidays: false };
    assert.equal(businessMinutesBetween(open, jst('2027-01-08T17:00:00'), jst('2027-01-12T10:00:00')), 120 + 540);
    // the shop's own closed day
    const own: BusinessHours = { ...H, holidays: ['2026-12-02'] };
    assert.equal(businessMinutesBetween(own, jst('2026-12-01T17:00:00'), jst('2026-12-03T10:00:00')), 120);
  });

  test('返信遅れ past the threshold in business days (default 1 = 540 minutes)', () => {
    const since = jst('2026-12-04T16:00:00').toISOString();
    assert.deepEqual(waitingOf(H, since, jst('2026-12-07T15:59:00')), { waitingMinutes: 539, overdue: false });
    assert.deepEqual(waitingOf(H, since, jst('2026-12-07T16:00:00')), { waitingMinutes: 540, overdue: true });
    assert.deepEqual(waitingOf({ ...H, overdueAfterDays: 2 }, since, jst('2026-12-07T16:00:00')).overdue, false);
    assert.deepEqual(waitingOf(H, null, new Date()), { waitingMinutes: null, overdue: false });
  });
});

describe('waiting in the API: waitingSince, the settings, the waiting sort', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  test('waitingSince is the oldest unanswered customer message; a reply ends the wait; a new message starts another', async () => {
    const shop = newShopId();
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    const c1 = new Date('2026-11-02T01:00:00Z');
    const c2 = new Date('2026-11-02T02:00:00Z');
    const inquiry = mallInquiry('rakuten', { messages: [mallMessage('customer', '一通目', c1, 'c1'), mallMessage('customer', '二通目', c2, 'c2')] });
    const { inquiryId } = await recordMallInquiry(ctx.db, shop, null, inquiry);
    const summary = async () => (await sato.json<InquiryPage>('/api/v1/inquiries')).items.find((i) => i.id === inquiryId)!;
    let s = await summary();
    assert.equal(s.waitingSince, c1.toISOString());
    assert.ok(typeof s.waitingMinutes === 'number' && s.waitingMinutes > 0);
    assert.equal(s.overdue, true, 'weeks of business days past');
    const f = new FormData();
    f.append('body', '回答します');
    assert.equal((await sato.request(`/api/v1/inquiries/${inquiryId}/replies`, { method: 'POST', body: f })).status, 202);
    s = await summary();
    assert.deepEqual([s.waitingSince, s.waitingMinutes, s.overdue], [null, null, false]);
    const c3 = new Date(Date.now() + 1000);
    await recordMallInquiry(ctx.db, shop, null, { ...inquiry, messages: [...inquiry.messages, mallMessage('customer', '三通目', c3, 'c3')] });
    s = await summary();
    assert.equal(s.waitingSince, c3.toISOString());
    assert.equal(s.overdue, false);
  });

  test('GET/PUT /settings/business-hours: defaults until set, validated, stored', async () => {
    const shop = newShopId();
    const admin = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    assert.deepEqual(await admin.json('/api/v1/settings/business-hours'), DEFAULT_BUSINESS_HOURS);
    const hours: BusinessHours = { days: [6, 1, 2, 3, 4, 5], start: '10:00', end: '19:00', publicHolidays: false, holidays: ['2026-12-31'], overdueAfterDays: 2 };
    const saved = await admin.send('PUT', '/api/v1/settings/business-hours', hours);
    assert.equal(saved.status, 200);
    assert.deepEqual(await saved.json(), { ...hours, days: [1, 2, 3, 4, 5, 6] });
    const bad = await admin.send('PUT', '/api/v1/settings/business-hours', { ...hours, start: '19:00', end: '10:00' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as Problem).code, 'invalid_request');
    assert.equal((await admin.send('PUT', '/api/v1/settings/business-hours', { ...hours, days: [7] })).status, 400);
    // the settings' own answer is unchanged
    assert.deepEqual(Object.keys(await admin.json<object>('/api/v1/settings')).sort(), ['email', 'phone', 'storeNames']);
  });

  test('sort=waiting: longest wait first, then the rest newest first, paged with cursors without gaps or repeats', async () => {
    const shop = newShopId();
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    const expectedWaiting: string[] = [];
    const others: string[] = [];
    for (let i = 0; i < 7; i++) {
      // larger i: waiting since longer, yet the follow-up older (the two sorts differ)
      const first = new Date(Date.UTC(2026, 9, 20 - i));
      const follow = new Date(Date.UTC(2026, 10, 1, 10 - i));
      const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', `a${i}`, first), mallMessage('customer', `b${i}`, follow)] }));
      expectedWaiting.unshift(id);
    }
    for (let i = 0; i < 4; i++) {
      const at = new Date(Date.UTC(2026, 10, 3, i));
      others.unshift(await storeInquiry(ctx.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', 'q', at), mallMessage('shop', 'a', new Date(at.getTime() + 1000))] })));
    }
    const walk = async (query: string) => {
      const seen: InquirySummary[] = [];
      let cursor: string | null = null;
      do {
        const page: InquiryPage = await sato.json<InquiryPage>(`/api/v1/inquiries?${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen.map((s) => s.id);
    };
    assert.deepEqual(await walk('sort=waiting'), [...expectedWaiting, ...others]);
    assert.deepEqual(await walk('sort=waiting&status=needs-reply'), expectedWaiting);
    assert.deepEqual(await walk('sort=waiting&status=replied'), others);
    // newest stays by activity
    const newest = await walk('sort=newest&status=needs-reply');
    assert.deepEqual(newest, [...expectedWaiting].reverse());
  });
});
