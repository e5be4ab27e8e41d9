/**
 * A record the database refuses never stops an account's sync: the batch is stored one by one to find
 * it, it is set aside, the rest arrives, GET /malls names it (「1件の問い合わせを取り込めませんでした」
 * with its number) and later runs try it again until it stores. The refusal is forced with a trigger
 * that rejects one customer's rows, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { MallAccountList } from '../../../shared/api.ts';
import { createMallHarness, DAY, forEachDatabase, newShopId, RAKUTEN_SHOP, SELLER_ID, type MallHarness } from './support.ts';

const POISON = '取込拒否';

async function refuseRows(h: MallHarness, kind: string): Promise<void> {
  if (kind === 'postgres') {
    await sql`create or replace function goq_test_refuse() returns trigger language plpgsql as $$
      begin
        if new.customer_name like ${sql.lit(`%${POISON}%`)} or new.subject like ${sql.lit(`%${POISON}%`)} then
          raise exception 'value refused by the test';
        end if;
        return new;
      end $$`.execute(h.db);
    await sql`create trigger goq_test_refuse before insert on inquiries for each row execute function goq_test_refuse()`.execute(h.db);
  } else {
    await sql`create trigger goq_test_refuse before insert on inquiries
      when new.customer_name like ${sql.lit(`%${POISON}%`)} or new.subject like ${sql.lit(`%${POISON}%`)}
      begin select raise(abort, 'value refused by the test'); end`.execute(h.db);
  }
}

async function acceptRows(h: MallHarness, kind: string): Promise<void> {
  if (kind === 'postgres') await sql`drop trigger goq_test_refuse on inquiries`.execute(h.db);
  else await sql`drop trigger goq_test_refuse`.execute(h.db);
}

forEachDatabase('a record the database refuses is set aside', (kind) => {
  let h: MallHarness;
  before(async () => {
    h = await createMallHarness(kind);
  });
  after(async () => {
    await h.close();
  });

  test('the rest of the account syncs, GET /malls names it, a later run stores it', async () => {
    const shop = newShopId('aside');
    const at = new Date(Math.floor((Date.now() - 2 * DAY) / 1000) * 1000);
    const good = [0, 1, 2].map((i) => h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: `山田 ${i}`, message: `質問 ${i}`, regDate: at }));
    const bad = h.rakuten.control.addInquiry(RAKUTEN_SHOP, { userName: `${POISON} 花子`, message: '届きません', regDate: at });
    h.yahoo.control.addTopic(SELLER_ID, { title: '配送について', messages: [{ from: 'customer', body: 'いつ届きますか', at }] });
    const badTopic = h.yahoo.control.addTopic(SELLER_ID, { title: `${POISON} 返品`, messages: [{ from: 'customer', body: '返品したい', at }] });
    await refuseRows(h, kind);
    try {
      assert.equal((await h.connect(shop, 'rakuten')).status, 200);
      assert.equal((await h.connect(shop, 'yahoo')).status, 200);
      const rakuten = await h.side.syncNow(shop, 'rakuten');
      const yahoo = await h.side.syncNow(shop, 'yahoo');
      assert.equal(rakuten?.ok, true, JSON.stringify(rakuten?.error));
      assert.equal(yahoo?.ok, true, JSON.stringify(yahoo?.error));
      const stored = await h.db.selectFrom('inquiries').select(['mall', 'mall_inquiry_id']).where('shop_id', '=', shop).execute();
      const ids = new Set(stored.map((r) => r.mall_inquiry_id));
      for (const g of good) assert.ok(ids.has(g.inquiryNumber), 'the others are stored');
      assert.ok(!ids.has(bad.inquiryNumber));
      assert.ok(!ids.has(badTopic));
      assert.equal(stored.filter((r) => r.mall === 'yahoo').length, h.yahoo.control.topics(SELLER_ID).length - 1);

      const list = (await (await h.request(shop, '/api/v1/malls')).json()) as MallAccountList;
      const r = list.items.find((a) => a.mall === 'rakuten')!;
      const y = list.items.find((a) => a.mall === 'yahoo')!;
      assert.equal(r.health, 'ok');
      assert.equal(r.lastError?.code, 'mall_records_set_aside');
      assert.match(r.lastError!.message, /^1件の問い合わせを取り込めませんでした/);
      assert.ok(r.lastError!.message.includes(bad.inquiryNumber), r.lastError!.message);
      assert.ok(r.notes?.some((n) => n.code === 'mall_records_set_aside'));
      assert.ok(y.lastError!.message.includes(badTopic), y.lastError!.message);

      // still refused: still set aside, and the run still succeeds
      assert.equal((await h.side.syncNow(shop, 'rakuten'))?.ok, true);
      assert.equal((await h.side.syncNow(shop, 'rakuten'))?.setAside.length, 1);
    } finally {
      await acceptRows(h, kind);
    }
    // the next runs try again and store it; the remark goes
    assert.equal((await h.side.syncNow(shop, 'rakuten'))?.ok, true);
    assert.equal((await h.side.syncNow(shop, 'yahoo'))?.ok, true);
    const stored = await h.db.selectFrom('inquiries').select('mall_inquiry_id').where('shop_id', '=', shop).execute();
    const ids = new Set(stored.map((r) => r.mall_inquiry_id));
    assert.ok(ids.has(bad.inquiryNumber) && ids.has(badTopic));
    const list = (await (await h.request(shop, '/api/v1/malls')).json()) as MallAccountList;
    for (const account of list.items) {
      assert.equal(account.lastError, null);
      assert.ok(!account.notes?.some((n) => n.code === 'mall_records_set_aside'));
    }
  });
});
