/**
 * Inbox search against the index gives the same inquiries, in the same order and pages, as checking
 * every inquiry's fields one by one (the reference scan below), on a generated dataset, for a few
 * hundred words of 1–6 characters taken from the data and for order numbers, names, inquiry numbers,
 * mixed kana/kanji, full-width/half-width digits and Latin letters, and words found nowhere.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { InquiryStatus, Mall } from '../../../shared/api.ts';
import { backfillSearchDocuments } from '../../../server/db/migrations/2026_11_30_0006_inquiry_search.ts';
import { listInquiries, type InboxFilter } from '../../../server/inquiries/inquiries.repository.ts';
import { listInquiryPage } from '../../../server/inquiries/inquiries.service.ts';
import { normaliseSearchText, sqliteMatchQuery } from '../../../server/inquiries/search/normalise.ts';
import { indexPendingSearchDocuments, searchTuning } from '../../../server/inquiries/search/search.repository.ts';
import { mulberry32 } from '../../../simulators/support/random.ts';
import { createTestDatabase, type TestDatabase } from '../support/context.ts';
import type { Db } from '../../../server/db/database.ts';

const SHOP = 'search-shop';
const OTHER = 'search-other';
const COUNT = 3000;

const SUBJECTS = ['商品の発送について', '返品・交換について', '領収書の発行について', 'サイズについての質問', 'ｷｬﾝｾﾙについて', 'Gift包装 (ＧＩＦＴ)'];
const LINES = [
  '先日注文した商品ですが、いつ頃発送されますか。',
  '追跡番号を教えていただけますか。',
  '領収書の宛名を会社名でお願いできますか。',
  '注文番号は１２３４５６です。',
  'サイズＭをＬに交換したいです。',
  'ＡＢＣ-100 の在庫はありますか？',
  'ﾃﾞﾆﾑｼﾞｬｹｯﾄの色違いはありますか。',
  '配送業者はヤマト運輸でお願いします。',
  '50%offクーポンは使えますか_確認',
];
const RARE = ['鬱蒼とした森の写真', '薔薇の花束', 'iPhone 15 Pro Max', '㈱山田商店', 'Ⅲ型の部品'];
const FAMILY = ['佐藤', '鈴木', '高橋', '田中', '渡邊', 'スミス'];
const GIVEN = ['太郎', '花子', 'ｹﾝｲﾁ', 'John', 'Ｍａｒｙ'];

interface Doc {
  id: string;
  shop_id: string;
  mall: Mall;
  status: InquiryStatus;
  last_activity_at: string;
  fields: string[];
}

describe('inbox search: the index gives what a full scan gives', () => {
  let tdb: TestDatabase;
  let db: Db;
  const docs: Doc[] = [];
  const words = new Set<string>();

  before(async () => {
    tdb = await createTestDatabase();
    db = tdb.db;
    const random = mulberry32(1201);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const base = Date.parse('2026-01-01T00:00:00Z');
    const inquiries = [];
    const messages = [];
    for (let i = 0; i < COUNT; i++) {
      const shop = random() < 0.8 ? SHOP : OTHER;
      const mall: Mall = random() < 0.6 ? 'rakuten' : 'yahoo';
      const id = `inq-${String(i).padStart(5, '0')}-${Math.floor(random() * 1e6)}`;
      const at = new Date(base + Math.floor(random() * 300 * 86400_000)).toISOString();
      const status = pick<InquiryStatus>(['needs-reply', 'replied', 'completed']);
      const orderId = random() < 0.9 ? (mall === 'rakuten' ? `${200100 + (i % 7)}-20260${1 + (i % 9)}15-${String(i * 37).padStart(10, '0')}` : `store-${10000000 + i}`) : null;
      const name = `${pick(FAMILY)} ${pick(GIVEN)}`;
      const mallInquiryId = mall === 'rakuten' ? `R${100000000 + i}` : `Y${5000000 + i}`;
      const subject = pick(SUBJECTS);
      const bodies: string[] = [];
      const n = 1 + Math.floor(random() * 4);
      for (let j = 0; j < n; j++) {
        let body = pick(LINES) + (random() < 0.5 ? pick(LINES) : '');
        if (random() < 0.01) body += pick(RARE);
        if (random() < 0.3) body += `\n連絡先: 0${Math.floor(random() * 1e9)}`;
        bodies.push(body);
        messages.push({
          id: `${id}-m${j}`,
          inquiry_id: id,
          shop_id: shop,
          mall_message_id: `${mallInquiryId}-${j}`,
          sender: j % 2 === 0 ? 'customer' : 'shop',
          staff_name: null,
          body,
          sent_at: at,
          delivery: 'sent',
          failure_reason: null,
          created_at: at,
          updated_at: at,
        } as const);
      }
      inquiries.push({
        id,
        shop_id: shop,
        mall,
        mall_account_id: null,
        mall_inquiry_id: mallInquiryId,
        order_id: orderId,
        subject,
        customer_name: mall === 'rakuten' ? name : random() < 0.1 ? name : null,
        item_name: null,
        status,
        completed: status === 'completed' ? 1 : 0,
        mall_completed: 0,
        last_sender: 'customer',
        last_activity_at: at,
        created_at: at,
        updated_at: at,
        preview: bodies[bodies.length - 1]!.slice(0, 80),
        message_count: n,
      } as const);
      // Yahoo! has no customer names: never searched even if one were stored
      docs.push({ id, shop_id: shop, mall, status, last_activity_at: at, fields: [subject, mall === 'yahoo' ? '' : name, orderId ?? '', mallInquiryId, ...bodies] });
    }
    for (let i = 0; i < inquiries.length; i += 100) await db.insertInto('inquiries').values(inquiries.slice(i, i + 100)).execute();
    for (let i = 0; i < messages.length; i += 100) await db.insertInto('messages').values(messages.slice(i, i + 100)).execute();
    // as every writer does before it commits (the documents' own test below leaves some unindexed)
    await indexPendingSearchDocuments(db);

    // words of 1–6 characters taken from the data
    const all = docs.filter((d) => d.shop_id === SHOP);
    while (words.size < 300) {
      const doc = pick(all);
      const text = pick(doc.fields.filter((f) => f.length > 0));
      const chars = [...text];
      const len = 1 + Math.floor(random() * 6);
      const start = Math.floor(random() * Math.max(1, chars.length - len));
      const word = chars.slice(start, start + len).join('');
      if (word.trim()) words.add(word);
    }
    for (const d of all.slice(0, 15)) {
      if (d.fields[2]) words.add(d.fields[2]);
      words.add(d.fields[3]!);
    }
    for (const w of [
      ...FAMILY, ...GIVEN, '佐藤 太郎', 'けんいち', 'ｹﾝｲﾁ', 'ケンイチ', 'john', 'JOHN', 'ｊｏｈｎ', 'mary', 'MARY',
      '返品', '配送', '領収書', '追跡番号', '発送', '鬱蒼', '薔薇', 'iphone', 'ＩＰＨＯＮＥ', '15 pro', '株', '(株)山田', 'iii型',
      '123456', '１２３４５６', '12345', 'abc-100', 'ＡＢＣ－１００', 'ｻｲｽﾞm', 'サイズｍ', 'gift', 'ｇｉｆｔ', 'キャンセル', 'ｷｬﾝｾﾙ',
      'デニム', 'ﾃﾞﾆﾑ', 'ジャケット', '50%', '%off', '_確認', '\\', '%', '_', '該当なし語', '配達', 'zz', 'ß', '鬱',
      '0000000037', 'R100000042', 'r100000042', 'store-10000', 'ヤマト運輸', '連絡先', ': 0',
    ]) {
      words.add(w);
    }
  });
  after(async () => tdb.close());

  function scan(q: string, filter: { status?: InquiryStatus; mall?: Mall } = {}): string[] {
    const needle = normaliseSearchText(q);
    return docs
      .filter((d) => d.shop_id === SHOP && (!filter.status || d.status === filter.status) && (!filter.mall || d.mall === filter.mall))
      .filter((d) => d.fields.some((f) => normaliseSearchText(f).includes(needle)))
      .sort((a, b) => (a.last_activity_at === b.last_activity_at ? (a.id < b.id ? 1 : -1) : a.last_activity_at < b.last_activity_at ? 1 : -1))
      .map((d) => d.id);
  }

  async function search(q: string, filter: Omit<InboxFilter, 'q' | 'limit' | 'cursor'> = {}, limit = 50, pages = 1): Promise<string[]> {
    const ids: string[] = [];
    let cursor: InboxFilter['cursor'] = null;
    for (let p = 0; p < pages; p++) {
      const rows = await listInquiries(db, SHOP, { ...filter, q, limit, cursor });
      const page = rows.slice(0, limit);
      ids.push(...page.map((r) => r.id));
      if (rows.length <= limit) break;
      const last = page[page.length - 1]!;
      cursor = { kind: 'activity', lastActivityAt: last.last_activity_at, id: last.id };
    }
    return ids;
  }

  test('the dataset is larger than the part of the list checked without the index', () => {
    assert.ok(docs.filter((d) => d.shop_id === SHOP).length > searchTuning.walk);
  });

  test('every word: the first page is the scan\'s first 50', async () => {
    let rare = 0;
    for (const w of words) {
      const expected = scan(w);
      if (expected.length > 0 && expected.length < 50) rare++;
      assert.deepEqual(await search(w), expected.slice(0, 50), `q=${JSON.stringify(w)}`);
    }
    assert.ok(rare >= 20, `words found in fewer than a page: ${rare}`);
  });

  test('every word, with the newest inquiries read first (as a common word is at scale)', async () => {
    const saved = { ...searchTuning };
    Object.assign(searchTuning, { probe: 1, walk: 300 });
    try {
      for (const w of words) assert.deepEqual(await search(w), scan(w).slice(0, 50), `q=${JSON.stringify(w)}`);
    } finally {
      Object.assign(searchTuning, saved);
    }
  });

  test('every word, through the other ways to the page (the list walked with the candidates; a shorter first walk)', async () => {
    const saved = { ...searchTuning };
    for (const tuning of [{ lookup: 0 }, { lookup: 0, probe: 200, walk: 100 }, { pgWalk: 40, pgDense: 1 }, { pgWalk: 1 }]) {
      Object.assign(searchTuning, saved, tuning);
      try {
        for (const w of words) assert.deepEqual(await search(w), scan(w).slice(0, 50), `q=${JSON.stringify(w)} ${JSON.stringify(tuning)}`);
        for (const w of [...words].filter((_, i) => i % 40 === 0)) {
          assert.deepEqual(await search(w, { status: 'replied' }, 30, 100), scan(w, { status: 'replied' }), `q=${JSON.stringify(w)} paged ${JSON.stringify(tuning)}`);
        }
      } finally {
        Object.assign(searchTuning, saved);
      }
    }
  });

  test('status and mall filters and cursor paging through all results', async () => {
    const sample = [...words].filter((_, i) => i % 20 === 0);
    for (const w of sample) {
      for (const filter of [{}, { status: 'needs-reply' as const }, { mall: 'yahoo' as const }, { status: 'completed' as const, mall: 'rakuten' as const }]) {
        assert.deepEqual(await search(w, filter, 200, 100), scan(w, filter), `q=${JSON.stringify(w)} ${JSON.stringify(filter)}`);
      }
    }
  });

  test('another shop\'s inquiries are never found', async () => {
    const other = docs.find((d) => d.shop_id === OTHER)!;
    assert.deepEqual(await search(other.fields[3]!), []);
  });

  test('documents written but not indexed yet (a hand-written statement) are found by every way to the page', async () => {
    const pendingCount = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from inquiry_search_docs where indexed = 0`.execute(db)).rows[0]!.n);
    const mine = docs.filter((d) => d.shop_id === SHOP);
    const touched = mine.filter((_, i) => i % 37 === 0);
    for (const [k, doc] of touched.entries()) {
      const body = k % 2 === 0 ? '未索引の語ぽこぽこ 返品' : '未索引の語ぽこぽこ';
      await db.insertInto('messages').values({
        id: `unindexed-${k}`, inquiry_id: doc.id, shop_id: SHOP, mall_message_id: null, sender: 'customer', staff_name: null,
        body, sent_at: doc.last_activity_at, delivery: 'sent', failure_reason: null, created_at: doc.last_activity_at, updated_at: doc.last_activity_at,
      }).execute();
      doc.fields.push(body);
    }
    if (tdb.kind === 'sqlite') assert.equal(await pendingCount(), touched.length, 'the triggers marked the documents, not indexed them');
    const sample = ['未索引の語ぽこぽこ', 'ぽこ', 'ぽ', '返品', '未索引', ...[...words].filter((_, i) => i % 15 === 0)];
    const saved = { ...searchTuning };
    for (const tuning of [{}, { probe: 1, walk: 300 }, { lookup: 0 }, { lookup: 0, probe: 200, walk: 100 }]) {
      Object.assign(searchTuning, saved, tuning);
      try {
        for (const w of sample) assert.deepEqual(await search(w), scan(w).slice(0, 50), `q=${JSON.stringify(w)} ${JSON.stringify(tuning)}`);
        assert.deepEqual(await search('ぽこぽこ', { status: 'replied' }, 5, 100), scan('ぽこぽこ', { status: 'replied' }), JSON.stringify(tuning));
      } finally {
        Object.assign(searchTuning, saved);
      }
    }
    assert.equal((await search('ぽこぽこ', {}, 200)).length, touched.length);
    await indexPendingSearchDocuments(db);
    if (tdb.kind === 'sqlite') {
      assert.equal(await pendingCount(), 0);
      // now in the index itself: each document once, found by its rowid
      const indexed = await sql<{ n: number }>`select count(*) as n from inquiry_search_fts where inquiry_search_fts match ${sqliteMatchQuery('ぽこぽこ')}`.execute(db);
      assert.equal(Number(indexed.rows[0]!.n), touched.length);
    }
    for (const w of ['未索引の語ぽこぽこ', 'ぽこ', '返品']) assert.deepEqual(await search(w), scan(w).slice(0, 50), w);
  });

  test('the index follows writes: new messages, edited subjects and bodies, deletions', async () => {
    const doc = docs.find((d) => d.shop_id === SHOP)!;
    await db.insertInto('messages').values({
      id: 'added-message', inquiry_id: doc.id, shop_id: SHOP, mall_message_id: null, sender: 'shop', staff_name: null,
      body: '新しい語ぴよぴよ', sent_at: doc.last_activity_at, delivery: 'sent', failure_reason: null, created_at: doc.last_activity_at, updated_at: doc.last_activity_at,
    }).execute();
    assert.deepEqual(await search('ぴよぴよ'), [doc.id]);
    assert.deepEqual(await search('ぴよ'), [doc.id]);
    await db.updateTable('messages').set({ body: 'ふがふが' }).where('id', '=', 'added-message').execute();
    assert.deepEqual(await search('ぴよ'), []);
    assert.deepEqual(await search('ふが'), [doc.id]);
    await db.deleteFrom('messages').where('id', '=', 'added-message').execute();
    assert.deepEqual(await search('ふが'), []);
    await db.updateTable('inquiries').set({ subject: '件名ＸＹＺを変更' }).where('id', '=', doc.id).execute();
    assert.deepEqual(await search('xyz'), [doc.id]);
    assert.deepEqual(await search(doc.fields[4]!.slice(0, 6)), scan(doc.fields[4]!.slice(0, 6)).slice(0, 50), 'the bodies are still indexed');
    await db.deleteFrom('messages').where('inquiry_id', '=', doc.id).execute();
    await db.deleteFrom('inquiries').where('id', '=', doc.id).execute();
    assert.deepEqual(await search('xyz'), []);
    docs.splice(docs.indexOf(doc), 1);
  });

  test('the migration indexes inquiries that existed before it', async () => {
    await db.deleteFrom('inquiry_search_docs' as never).execute();
    assert.deepEqual(await search('返品'), []);
    const lines: string[] = [];
    await backfillSearchDocuments(db, (line) => lines.push(line));
    assert.match(lines.at(-1)!, /search index: [\d,]+ \/ [\d,]+ inquiries/);
    for (const w of ['返品', '追跡番号', '１２３４５６', 'john', '薔薇']) assert.deepEqual(await search(w), scan(w).slice(0, 50), w);
  });

  test('the API answers where the word is, for highlighting', async () => {
    const page = await listInquiryPage(db, SHOP, { q: 'ＪＯＨＮ' });
    assert.ok(page.items.length > 0);
    for (const item of page.items) {
      assert.equal(item.match?.field, 'customerName');
      assert.equal(item.match.text.slice(item.match.start, item.match.start + item.match.length), 'John');
    }
    const inBody = await listInquiryPage(db, SHOP, { q: '鬱蒼' });
    assert.ok(inBody.items.length > 0);
    for (const item of inBody.items) {
      assert.ok(item.match, item.id);
      assert.equal(item.match.text.slice(item.match.start, item.match.start + item.match.length), '鬱蒼');
    }
    const kana = await listInquiryPage(db, SHOP, { q: 'デニム' });
    const m = kana.items[0]!.match!;
    assert.equal(m.text.slice(m.start, m.start + m.length), 'ﾃﾞﾆﾑ');
    assert.equal((await listInquiryPage(db, SHOP, {})).items[0]!.match, undefined);
  });
});
