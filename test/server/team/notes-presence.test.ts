import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InquiryDetail, NoteList, NoteView, Problem, PresenceUpdatedEvent } from '../../../shared/api.ts';
import { PRESENCE_TTL_MS, sweepPresence } from '../../../server/presence/presence.service.ts';
import { createTestContext, newShopId, type TestContext } from '../support/context.ts';
import { mallInquiry, storeInquiry } from '../support/fixtures.ts';
import { listen, member } from './support.ts';

describe('社内メモ', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  test('notes are added, listed in the thread with author and time, deleted only by their author; never an outbox row', async () => {
    const shop = newShopId();
    const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten'));
    const yamada = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    const heard = listen(ctx.hub, shop);
    const added = await sato.send('POST', `/api/v1/inquiries/${id}/notes`, { body: '  在庫を確認中です\r\n明日回答  ' });
    assert.equal(added.status, 201);
    const note = (await added.json()) as NoteView;
    assert.equal(note.body, '在庫を確認中です\n明日回答');
    assert.equal(note.authorId, 'sato');
    assert.equal(note.authorName, '佐藤 一郎');
    assert.ok(heard.events.some((e) => e.name === 'inquiry.updated' && e.data.id === id));
    assert.deepEqual((await yamada.json<NoteList>(`/api/v1/inquiries/${id}/notes`)).items.map((n) => n.id), [note.id]);
    assert.deepEqual((await yamada.json<InquiryDetail>(`/api/v1/inquiries/${id}`)).notes.map((n) => n.body), ['在庫を確認中です\n明日回答']);
    const outbox = await ctx.db.selectFrom('outbox').select('id').where('inquiry_id', '=', id).execute();
    assert.equal(outbox.length, 0);
    const messages = await ctx.db.selectFrom('messages').select('body').where('inquiry_id', '=', id).execute();
    assert.ok(messages.every((m) => !m.body.includes('在庫を確認中')));

    const forbidden = await yamada.send('DELETE', `/api/v1/notes/${note.id}`);
    assert.equal(forbidden.status, 403);
    assert.equal(((await forbidden.json()) as Problem).code, 'not_note_author');
    assert.equal((await sato.send('DELETE', `/api/v1/notes/${note.id}`)).status, 204);
    assert.equal((await sato.send('DELETE', `/api/v1/notes/${note.id}`)).status, 404);
    assert.deepEqual((await yamada.json<NoteList>(`/api/v1/inquiries/${id}/notes`)).items, []);
    heard.stop();
  });

  test('an empty note is refused; another shop\'s notes answer 404 and its events never carry them', async () => {
    const shop = newShopId();
    const id = await storeInquiry(ctx.db, shop, mallInquiry('yahoo'));
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    assert.equal((await sato.send('POST', `/api/v1/inquiries/${id}/notes`, { body: '   ' })).status, 400);
    const note = (await (await sato.send('POST', `/api/v1/inquiries/${id}/notes`, { body: 'メモ' })).json()) as NoteView;
    const otherShop = newShopId();
    const intruder = member(ctx.app, otherShop, 'sato', '佐藤 一郎');
    const heard = listen(ctx.hub, otherShop);
    assert.equal((await intruder.request(`/api/v1/inquiries/${id}/notes`)).status, 404);
    assert.equal((await intruder.send('POST', `/api/v1/inquiries/${id}/notes`, { body: '侵入' })).status, 404);
    assert.equal((await intruder.send('DELETE', `/api/v1/notes/${note.id}`)).status, 404);
    await sato.send('POST', `/api/v1/inquiries/${id}/notes`, { body: '二つ目' });
    assert.deepEqual(heard.events, []);
    heard.stop();
  });
});

describe('presence', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  const presenceEvents = (events: ReturnType<typeof listen>['events']) =>
    events.filter((e) => e.name === 'presence.updated').map((e) => e.data as PresenceUpdatedEvent);

  test('heartbeats publish presence.updated at once; the thread lists who is on it; left removes', async () => {
    const shop = newShopId();
    const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten'));
    const yamada = member(ctx.app, shop, 'yamada', '山田 花子', 'admin');
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    const heard = listen(ctx.hub, shop);
    assert.equal((await sato.send('POST', `/api/v1/inquiries/${id}/presence`, { state: 'viewing' })).status, 200);
    await yamada.send('POST', `/api/v1/inquiries/${id}/presence`, { state: 'viewing' });
    await sato.send('POST', `/api/v1/inquiries/${id}/presence`, { state: 'typing' });
    const events = presenceEvents(heard.events);
    assert.equal(events.length, 3);
    assert.deepEqual(events[2], {
      inquiryId: id,
      members: [
        { staffId: 'sato', staffName: '佐藤 一郎', state: 'typing' },
        { staffId: 'yamada', staffName: '山田 花子', state: 'viewing' },
      ],
    });
    const detail = await yamada.json<InquiryDetail>(`/api/v1/inquiries/${id}`);
    assert.deepEqual(detail.presence.map((p) => [p.staffId, p.state]), [
      ['sato', 'typing'],
      ['yamada', 'viewing'],
    ]);
    await sato.send('POST', `/api/v1/inquiries/${id}/presence`, { state: 'left' });
    assert.deepEqual(presenceEvents(heard.events)[3]!.members.map((m) => m.staffId), ['yamada']);
    assert.equal((await sato.send('POST', `/api/v1/inquiries/${id}/presence`, { state: 'sleeping' })).status, 400);
    heard.stop();
  });

  test('presence expires after the last heartbeat; the sweep notices and publishes', async () => {
    const shop = newShopId();
    const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten'));
    const sato = member(ctx.app, shop, 'sato', '佐藤 一郎');
    await sato.send('POST', `/api/v1/inquiries/${id}/presence`, { state: 'typing' });
    const heard = listen(ctx.hub, shop);
    assert.equal(await sweepPresence(ctx.db, ctx.hub, new Date(Date.now() + 1000)), 0, 'still present within the expiry');
    assert.ok((await sweepPresence(ctx.db, ctx.hub, new Date(Date.now() + PRESENCE_TTL_MS + 1000))) >= 1);
    assert.deepEqual(presenceEvents(heard.events), [{ inquiryId: id, members: [] }]);
    assert.deepEqual((await sato.json<InquiryDetail>(`/api/v1/inquiries/${id}`)).presence, []);
    heard.stop();
  });

  test('another shop cannot post presence on an inquiry, nor hear it', async () => {
    const shop = newShopId();
    const id = await storeInquiry(ctx.db, shop, mallInquiry('rakuten'));
    const otherShop = newShopId();
    const heard = listen(ctx.hub, otherShop);
    const intruder = member(ctx.app, otherShop, 'sato', '佐藤 一郎');
    assert.equal((await intruder.send('POST', `/api/v1/inquiries/${id}/presence`, { state: 'viewing' })).status, 404);
    await member(ctx.app, shop, 'sato', '佐藤 一郎').send('POST', `/api/v1/inquiries/${id}/presence`, { state: 'viewing' });
    assert.deepEqual(heard.events, []);
    heard.stop();
  });
});
