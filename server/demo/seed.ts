/**
 * The demo shop, created on first start when the database is empty: inquiries on both malls in all
 * three statuses, an order with a long thread, an order with no inquiry, templates and settings.
 * Inquiries go through `recordMallInquiry`, the same path the mall sync takes.
 */
import { showsCustomerName } from '../../shared/mall-display.ts';
import type { Mall, Sender } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import { hasAnyInquiry } from '../inquiries/inquiries.repository.ts';
import { recordMallInquiry } from '../inquiries/mall-ingest.ts';
import type { MallInquiry } from '../malls/mall-model.ts';
import { saveSettings } from '../settings/settings.service.ts';
import { ensureShop, hasAnyShop } from '../shops/shops.repository.ts';
import { upsertStaff } from '../staff/staff.repository.ts';
import { createTemplate } from '../templates/templates.service.ts';

export const DEMO_SHOP_ID = 'demo-shop';
export const DEMO_STAFF = '山田 花子';
/** The demo's second member: a `staff` (the demo token's 山田 is an admin), opened with `?as=sato`. */
export const DEMO_SECOND_MEMBER = { id: 'sato', name: '佐藤 一郎' } as const;

export interface DemoOrder {
  orderId: string;
  mall: Mall;
  /** the orderer as the back office knows them (Yahoo!'s inquiries still never show a name) */
  customer: string;
  item: string;
  orderedAt: string;
  /** where the order stands (受注ステータス); default 出荷待ち */
  status?: string;
  hasInquiries: boolean;
}

export const DEMO_ORDERS: DemoOrder[] = [
  { orderId: '398765-20261118-0000100001', mall: 'rakuten', customer: '佐藤 美咲', item: '有機ほうじ茶ティーバッグ 30包', orderedAt: '2026-11-18T01:12:00.000Z', status: '出荷済み', hasInquiries: true },
  { orderId: '398765-20261120-0000100002', mall: 'rakuten', customer: '鈴木 一郎', item: '今治タオル フェイスタオル 3枚セット', orderedAt: '2026-11-20T05:40:00.000Z', status: '出荷済み', hasInquiries: true },
  { orderId: '398765-20261122-0000100003', mall: 'rakuten', customer: '高橋 由美', item: '手織り 麻のれん 85×150cm', orderedAt: '2026-11-22T10:05:00.000Z', status: '出荷済み', hasInquiries: true },
  { orderId: '398765-20261124-0000100004', mall: 'rakuten', customer: '田中 健太', item: '信楽焼 マグカップ 2客', orderedAt: '2026-11-24T02:30:00.000Z', status: '出荷待ち', hasInquiries: false },
  { orderId: 'goq-demo-store-10000201', mall: 'yahoo', customer: '伊藤 直子', item: '国産ひのき まな板 Lサイズ', orderedAt: '2026-11-19T03:20:00.000Z', status: '出荷済み', hasInquiries: true },
  { orderId: 'goq-demo-store-10000202', mall: 'yahoo', customer: '渡辺 翔', item: '南部鉄器 急須 0.6L', orderedAt: '2026-11-21T08:45:00.000Z', status: '出荷済み', hasInquiries: true },
  { orderId: 'goq-demo-store-10000203', mall: 'yahoo', customer: '山本 彩', item: '京都 抹茶ラテ 10本入', orderedAt: '2026-11-23T12:10:00.000Z', status: '出荷済み', hasInquiries: true },
];

const HOUR = 3600_000;

function at(base: Date, hoursAfter: number): Date {
  return new Date(base.getTime() + hoursAfter * HOUR);
}

/** 「M月D日」 in Japan time, `days` after `base`: dates in the text move with the inquiry's own date. */
function monthDay(base: Date, days: number): string {
  const d = new Date(base.getTime() + days * 24 * HOUR + 9 * HOUR);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 「yyyy年M月」 in Japan time, `months` after `base`. */
function yearMonth(base: Date, months: number): string {
  const d = new Date(base.getTime() + 9 * HOUR);
  d.setUTCMonth(d.getUTCMonth() + months, 1);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`;
}

interface Line {
  sender: Sender;
  body: string;
  hoursAfter: number;
}

function inquiry(
  mall: Mall,
  mallInquiryId: string,
  orderId: string | null,
  subject: string,
  customerName: string | null,
  itemName: string | null,
  start: Date,
  completed: boolean,
  lines: Line[],
): MallInquiry {
  const messages = lines.map((line, i) => ({
    mallMessageId: mall === 'rakuten' && i === 0 ? 'first' : `${mallInquiryId}-${i}`,
    sender: line.sender,
    body: line.body,
    sentAt: at(start, line.hoursAfter),
    attachments: [],
  }));
  return {
    mall,
    mallInquiryId,
    orderId,
    subject,
    customerName: showsCustomerName(mall) ? customerName : null,
    itemName,
    createdAt: start,
    updatedAt: messages[messages.length - 1]!.sentAt,
    completed,
    messages,
  };
}

/** The demo inquiries, dated relative to `now` so the inbox looks current. */
export function demoInquiries(now = new Date()): MallInquiry[] {
  const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * HOUR);
  const thread = daysAgo(9);
  return [
    // an order with a long thread, back to 返信が必要 after a follow-up
    inquiry('rakuten', '398765-20261118-00001', DEMO_ORDERS[0]!.orderId, '配送日時の変更について', '佐藤 美咲', '有機ほうじ茶ティーバッグ 30包', thread, false, [
      { sender: 'customer', body: `お世話になっております。\n${monthDay(new Date(DEMO_ORDERS[0]!.orderedAt), 0)}に注文した佐藤です。お届け日を${monthDay(thread, 4)}の午前中に変更していただくことは可能でしょうか。`, hoursAfter: 0 },
      { sender: 'shop', body: `佐藤 美咲 様\n\nお問い合わせいただきありがとうございます。\nお届け日を${monthDay(thread, 4)} 午前中に変更いたしました。\n\n和みの茶屋 楽天市場店 山田`, hoursAfter: 3 },
      { sender: 'customer', body: `ご対応ありがとうございます。\n申し訳ありませんが、やはり${monthDay(thread, 5)}の19時〜21時に再変更をお願いできますか。`, hoursAfter: 30 },
      { sender: 'shop', body: `佐藤 美咲 様\n\n承知いたしました。${monthDay(thread, 5)} 19時〜21時のお届けに変更しております。\n引き続きよろしくお願いいたします。`, hoursAfter: 33 },
      { sender: 'customer', body: `何度もすみません。${monthDay(thread, 5)}に届く予定でしたが、まだ届いていません。追跡番号を教えていただけますでしょうか。`, hoursAfter: 24 * 8 },
    ]),
    inquiry('rakuten', '398765-20261120-00002', DEMO_ORDERS[1]!.orderId, '商品の色違いについて', '鈴木 一郎', '今治タオル フェイスタオル 3枚セット', daysAgo(6), false, [
      { sender: 'customer', body: '注文したタオルのうち1枚の色が注文と違っていました（ブルーを注文、グレーが届きました）。交換は可能ですか。', hoursAfter: 0 },
      { sender: 'shop', body: '鈴木 一郎 様\n\nこの度はご迷惑をおかけし大変申し訳ございません。\nブルーの商品を本日発送いたしました。グレーの商品はお手数ですが着払いにてご返送ください。', hoursAfter: 5 },
    ]),
    inquiry('rakuten', '398765-20261122-00003', DEMO_ORDERS[2]!.orderId, '領収書の発行について', '高橋 由美', '手織り 麻のれん 85×150cm', daysAgo(5), true, [
      { sender: 'customer', body: '会社宛の領収書を発行していただけますか。宛名は「株式会社たかはし工房」でお願いします。', hoursAfter: 0 },
      { sender: 'shop', body: '高橋 由美 様\n\n領収書は注文履歴の「領収書発行」ボタンから、ご指定の宛名で発行いただけます。\nご不明な点がございましたらお知らせください。', hoursAfter: 2 },
      { sender: 'customer', body: '発行できました。ありがとうございました。', hoursAfter: 4 },
    ]),
    inquiry('rakuten', '398765-20261126-00004', null, 'ギフト包装はできますか', '中村 さくら', '信楽焼 マグカップ 2客', daysAgo(1), false, [
      { sender: 'customer', body: '購入前の質問です。信楽焼のマグカップをギフト包装していただくことはできますか。のし紙も付けられますか。', hoursAfter: 0 },
    ]),
    inquiry('yahoo', 'goq-demo-store-q-5001', DEMO_ORDERS[4]!.orderId, 'まな板のサイズについて', null, '国産ひのき まな板 Lサイズ', daysAgo(4), false, [
      { sender: 'customer', body: 'Lサイズのまな板の厚みを教えてください。食洗機は使えますか。', hoursAfter: 0 },
    ]),
    inquiry('yahoo', 'goq-demo-store-q-5002', DEMO_ORDERS[5]!.orderId, '急須の使い方', null, '南部鉄器 急須 0.6L', daysAgo(3), false, [
      { sender: 'customer', body: '南部鉄器の急須は使う前に何か準備が必要でしょうか。', hoursAfter: 0 },
      { sender: 'shop', body: 'お問い合わせありがとうございます。\nはじめてお使いになる前に、お湯を入れて捨てる作業を2〜3回行ってください。\n詳しくは同梱の説明書もご覧ください。', hoursAfter: 6 },
    ]),
    inquiry('yahoo', 'goq-demo-store-q-5003', DEMO_ORDERS[6]!.orderId, '賞味期限について', null, '京都 抹茶ラテ 10本入', daysAgo(2), true, [
      { sender: 'customer', body: '抹茶ラテの賞味期限はどのくらいですか。', hoursAfter: 0 },
      { sender: 'shop', body: `お問い合わせありがとうございます。\n製造日から12か月です。現在の出荷分は${yearMonth(now, 10)}までとなっております。`, hoursAfter: 2 },
    ]),
    inquiry('yahoo', 'goq-demo-store-q-5004', null, '在庫の再入荷について', null, '南部鉄器 急須 0.6L', daysAgo(0.2), false, [
      { sender: 'customer', body: '黒の急須は再入荷の予定はありますか。', hoursAfter: 0 },
    ]),
  ];
}

export const DEMO_TEMPLATES = [
  { category: 'ご挨拶', name: '初回返信', body: '[出店モール店舗名]の[担当者名]です。\nこの度はご注文いただきありがとうございます！\n' },
  { category: '配送', name: 'お届け日変更の承諾', body: '[出店モール店舗名]の[担当者名]です。\nお届け日のご変更を承りました。\nご不明な点は[店舗電話番号]までお問い合わせください。' },
  { category: '配送', name: '発送のお知らせ', body: '[出店モール店舗名]の[担当者名]です。\n本日ご注文の商品を発送いたしました。到着まで今しばらくお待ちください。' },
  { category: '返品・交換', name: '交換のご案内', body: '[出店モール店舗名]の[担当者名]です。\nこの度はご迷惑をおかけし申し訳ございません。\n交換品を手配いたします。ご返送先は[店舗メールアドレス]にてご案内いたします。' },
];

/**
 * Seeds the demo shop. Idempotent: what exists is left as it is. `inquiries: false` seeds the settings
 * and templates only (`npm start` lets the demo's inquiries arrive from the mall simulators).
 */
export async function seedDemoShop(db: Db, now = new Date(), options: { inquiries?: boolean } = {}): Promise<void> {
  await ensureShop(db, DEMO_SHOP_ID, '和みの茶屋');
  await saveSettings(db, DEMO_SHOP_ID, {
    storeNames: { rakuten: '和みの茶屋 楽天市場店', yahoo: '和みの茶屋 Yahoo!店' },
    phone: '03-1234-5678',
    email: 'support@nagomi-chaya.example.jp',
  });
  // both demo members, so either can be picked as 担当者 before they have opened a page
  const seen = now.toISOString();
  await upsertStaff(db, DEMO_SHOP_ID, { id: 'yamada', name: DEMO_STAFF, role: 'admin', seenAt: seen });
  await upsertStaff(db, DEMO_SHOP_ID, { id: DEMO_SECOND_MEMBER.id, name: DEMO_SECOND_MEMBER.name, role: 'staff', seenAt: seen });
  if (options.inquiries ?? true) {
    for (const item of demoInquiries(now)) await recordMallInquiry(db, DEMO_SHOP_ID, null, item);
  }
  for (const template of DEMO_TEMPLATES) {
    try {
      await createTemplate(db, DEMO_SHOP_ID, template);
    } catch {
      // already there
    }
  }
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return !(await hasAnyInquiry(db)) && !(await hasAnyShop(db));
}
