/** The Yahoo! client when the mall refuses the list filters: the plain paging form, newest first, stopping at the period's start. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { YahooListMode } from '../../../server/malls/yahoo/client.ts';
import { addQuestion, setup } from './helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('Yahoo! client: list filters refused', () => {
  test('falls back to start/result paging newest first, stops at the period start, and says so once', async () => {
    const modes: YahooListMode[] = [];
    const s = setup({ client: { onListMode: (mode) => void modes.push(mode) } });
    s.sim.control.setListFiltersRefused(true);
    const now = s.clock.now().getTime();
    const recent = new Set<string>();
    for (let i = 0; i < 30; i++) recent.add(addQuestion(s, { at: new Date(now - (i + 1) * 60 * 60 * 1000) }));
    // 45 older topics: the scan must not page through them all
    for (let i = 0; i < 45; i++) addQuestion(s, { at: new Date(now - 10 * DAY - i * 60_000) });
    s.sim.control.clearRequests(s.sellerId);

    const seen: string[] = [];
    for await (const inquiry of s.client.list({ from: new Date(now - 2 * DAY), to: new Date(now) })) seen.push(inquiry.mallInquiryId);
    assert.deepEqual(new Set(seen), recent);
    assert.equal(seen.length, 30);
    const lists = s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkList');
    assert.deepEqual(lists.map((r) => r.status), [400, 200, 200], 'the refused call, then two pages of 20 reaching older topics');
    assert.deepEqual(modes, ['fallback']);

    // the next listing goes straight to the plain form
    s.sim.control.clearRequests(s.sellerId);
    for await (const inquiry of s.client.list({ from: new Date(now - 2 * DAY), to: new Date(now) })) void inquiry;
    const again = s.sim.control.requests(s.sellerId).filter((r) => r.endpoint === 'externalTalkList');
    assert.ok(again.every((r) => r.status === 200));
    assert.deepEqual(modes, ['fallback']);
  });

  test('with the filters accepted the mode is "filtered"', async () => {
    const modes: YahooListMode[] = [];
    const s = setup({ client: { onListMode: (mode) => void modes.push(mode) } });
    addQuestion(s);
    for await (const inquiry of s.client.list({ from: new Date(s.clock.now().getTime() - DAY), to: s.clock.now() })) void inquiry;
    assert.deepEqual(modes, ['filtered']);
  });
});
