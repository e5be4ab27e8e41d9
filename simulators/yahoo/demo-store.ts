/**
 * The Yahoo! demo store: twenty-three realistic threads (more than one list page of 20) on goq-demo's orders and items, in every status,
 * with attachments, multi-message threads, completed ones and some older than 30 days. Used by
 * `npm run sim:yahoo` and by `npm start` (the server syncs it through the real client).
 * Customer identity is a masked id only, as on the real mall.
 */
import { demoPdf, encodePng } from '../support/demo-files.ts';
import type { AddTopicInput, YahooSimulatorControl, YahooStoreCredentials } from './control.ts';

export const DEMO_YAHOO_SELLER_ID = 'goq-demo';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface DemoYahooItem {
  /** the store's item code, as Yahoo! inquiries carry it */
  code: string;
  /** the product's name, as the shop's own catalogue shows it */
  name: string;
}

const ITEMS = {
  tumbler: { code: 'tumbler-350-wh', name: '真空断熱タンブラー 350ml ホワイト' },
  towel: { code: 'towel-imabari-set', name: '今治タオル フェイスタオル3枚セット' },
  rice: { code: 'rice-koshihikari-5kg', name: '新潟県産コシヒカリ 5kg' },
  drip: { code: 'coffee-drip-20p', name: 'スペシャルティコーヒー ドリップバッグ 20袋' },
  beans: { code: 'coffee-beans-500g', name: 'スペシャルティコーヒー 豆 500g' },
  sneaker: { code: 'sneaker-cl-245', name: 'キャンバススニーカー 24.5cm' },
  mugNavy: { code: 'mug-hasami-navy', name: '波佐見焼 マグカップ ネイビー' },
  mugWhite: { code: 'mug-hasami-white', name: '波佐見焼 マグカップ ホワイト' },
  pillow: { code: 'pillow-lowrebound', name: '低反発まくら 標準サイズ' },
  sencha: { code: 'tea-sencha-100g', name: '静岡 深蒸し煎茶 100g' },
  teaGift: { code: 'tea-gift-set-3', name: '静岡 深蒸し煎茶 ギフト3袋セット' },
} as const satisfies Record<string, DemoYahooItem>;

/**
 * The demo store's orders, oldest first (the numbers rise with the date): when each was placed (before
 * anyone wrote about it), who ordered (the shop's order system knows; Yahoo!'s inquiries never show it)
 * and the product.
 */
const ORDERS = {
  receipt: { orderId: 'goq-demo-10000021', daysAgo: 47, orderer: '本田 拓也', item: ITEMS.rice, status: '出荷済み' },
  payment: { orderId: 'goq-demo-10000034', daysAgo: 35, orderer: '力石 理恵', item: ITEMS.sencha, status: '入金待ち' },
  defect: { orderId: 'goq-demo-10000047', daysAgo: 16, orderer: '千葉 直人', item: ITEMS.pillow, status: '出荷済み' },
  cancel: { orderId: 'goq-demo-10000052', daysAgo: 13, orderer: '西田 真理', item: ITEMS.rice, status: 'キャンセル' },
  exchange: { orderId: 'goq-demo-10000068', daysAgo: 7, orderer: '久保 翔太', item: ITEMS.sneaker, status: '出荷済み' },
  delivery: { orderId: 'goq-demo-10000073', daysAgo: 6.5, orderer: '田村 彩', item: ITEMS.drip, status: '出荷待ち' },
  late: { orderId: 'goq-demo-10000085', daysAgo: 5.5, orderer: '加藤 大輔', item: ITEMS.tumbler, status: '出荷済み' },
  colour: { orderId: 'goq-demo-10000091', daysAgo: 4.5, orderer: '青山 優子', item: ITEMS.mugWhite, status: '出荷待ち' },
  damaged: { orderId: 'goq-demo-10000104', daysAgo: 2.5, orderer: '三浦 恵', item: ITEMS.mugNavy, status: '出荷済み' },
  rush: { orderId: 'goq-demo-10000112', daysAgo: 2, orderer: '森本 健一', item: ITEMS.towel, status: '出荷済み' },
  quiet: { orderId: 'goq-demo-10000126', daysAgo: 1, orderer: '池田 里奈', item: ITEMS.drip, status: '出荷待ち' },
} as const;

/** Order ids the demo threads reference (sellerId-number), for demo pages to list. */
export const DEMO_YAHOO_ORDERS = [
  'goq-demo-10000021',
  'goq-demo-10000034',
  'goq-demo-10000047',
  'goq-demo-10000052',
  'goq-demo-10000068',
  'goq-demo-10000073',
  'goq-demo-10000085',
  'goq-demo-10000091',
  'goq-demo-10000104',
  'goq-demo-10000112',
] as const;

/** An order of the demo store that nobody wrote about: its panel shows 「注文者からのメッセージはありません」. */
export const DEMO_YAHOO_ORDER_WITHOUT_INQUIRY = ORDERS.quiet.orderId;

export interface DemoYahooOrder {
  orderId: string;
  orderedAt: Date;
  orderer: string;
  item: DemoYahooItem;
  /** where the order stands in the shop's order system, matching what its topics say */
  status: '出荷待ち' | '出荷済み' | '入金待ち' | 'キャンセル';
  hasInquiries: boolean;
}

/**
 * The demo store's orders as the shop's order system knows them, dated relative to `now` (the same `now`
 * the store was loaded with): DEMO_YAHOO_ORDERS, then the one without inquiries. With another `sellerId`
 * the ids carry it instead of goq-demo's.
 */
export function demoYahooOrders(now: Date, sellerId: string = DEMO_YAHOO_SELLER_ID): DemoYahooOrder[] {
  return Object.values(ORDERS).map((order) => ({
    orderId: sellerOrderId(order.orderId, sellerId),
    orderedAt: new Date(now.getTime() - order.daysAgo * DAY),
    orderer: order.orderer,
    item: { ...order.item },
    status: order.status,
    hasInquiries: order.orderId !== DEMO_YAHOO_ORDER_WITHOUT_INQUIRY,
  }));
}

function sellerOrderId(orderId: string, sellerId: string): string {
  return sellerId === DEMO_YAHOO_SELLER_ID ? orderId : orderId.replace(DEMO_YAHOO_SELLER_ID, sellerId);
}

/** 「M月D日」 in Japan time. */
function monthDay(at: number): string {
  const d = new Date(at + 9 * HOUR);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

type Thread = Omit<AddTopicInput, 'messages'> & {
  /** each message's age relative to now */
  messages: Array<{ from: 'customer' | 'shop'; body: string; ago: number; files?: AddTopicInput['messages'][number]['files'] }>;
  /** customer posts after the store completed the topic */
  afterCompletion?: Array<{ body: string; ago: number }>;
};

/** A width×height PNG: a coloured field with a darker diagonal band, like a photo's placeholder. */
function demoPng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  return encodePng(width, height, (x, y) => {
    const band = Math.abs(x - y) < width / 8 ? 0.6 : 1;
    return [Math.round(rgb[0] * band), Math.round(rgb[1] * band), Math.round(rgb[2] * band)];
  });
}

function threads(now: number): Thread[] {
  // an order topic carries the order and its item
  const on = (key: keyof typeof ORDERS) => ({ orderId: ORDERS[key].orderId, itemCode: ORDERS[key].item.code });
  const photo = (name: string, rgb: [number, number, number]) => ({ name, contentType: 'image/png', bytes: demoPng(96, 72, rgb) });
  const pdf = (name: string, lines: string[]) => ({ name, contentType: 'application/pdf', bytes: demoPdf(lines, { left: 72, lineHeight: 24 }) });
  return [
    // ── 返信が必要 (unanswered) ──
    {
      title: '商品が届きません',
      ...on('late'),
      categoryId: 3,
      userMaskedId: 'ka***',
      messages: [
        {
          from: 'customer',
          ago: 5 * HOUR,
          body: `${monthDay(now - ORDERS.late.daysAgo * DAY)}に注文した真空断熱タンブラーがまだ届きません。\n発送メールには追跡番号の記載がなかったのですが、配送状況を教えていただけますか。`,
        },
      ],
    },
    {
      title: '商品の破損について',
      ...on('damaged'),
      categoryId: 5,
      userMaskedId: 'mi***',
      messages: [
        {
          from: 'customer',
          ago: 26 * HOUR,
          body: '本日届いた波佐見焼のマグカップですが、箱を開けたところ縁が欠けていました。\n写真を添付します。交換をお願いできますでしょうか。',
          files: [photo('破損箇所.png', [70, 90, 160])],
        },
      ],
    },
    {
      title: 'お届け日の変更について',
      ...on('delivery'),
      categoryId: 3,
      userMaskedId: 'ta***',
      messages: [
        { from: 'customer', ago: 3 * DAY, body: `お届け日を${monthDay(now + DAY)}の午前中に変更していただくことは可能でしょうか。` },
        { from: 'shop', ago: 3 * DAY - 2 * HOUR, body: `お問い合わせありがとうございます。\n${monthDay(now + DAY)}午前中のお届けに変更いたしました。` },
        {
          from: 'customer',
          ago: 40 * 60 * 1000,
          body: `度々すみません。やはり${monthDay(now + 2 * DAY)}の夜（19時〜21時）に再変更していただけますか。`,
        },
      ],
    },
    {
      title: '在庫・入荷予定について',
      itemCode: ITEMS.rice.code,
      categoryId: 1,
      userMaskedId: 'yu***',
      messages: [
        {
          from: 'customer',
          ago: 9 * HOUR,
          body: '新潟県産コシヒカリ5kgが在庫切れになっていますが、次回の入荷はいつ頃の予定でしょうか。\n年内に届くのであれば予約したいです。',
        },
      ],
    },
    {
      title: 'ギフト包装について',
      itemCode: ITEMS.towel.code,
      categoryId: 1,
      userMaskedId: 'sa***',
      messages: [
        {
          from: 'customer',
          ago: 2 * HOUR,
          body: '今治タオルのセットを出産内祝いで贈りたいです。\nのし（内祝・名入れ）とギフト包装をお願いできますか。',
        },
      ],
    },
    {
      title: '領収書の発行について',
      ...on('receipt'),
      categoryId: 2,
      userMaskedId: 'ho***',
      messages: [
        { from: 'customer', ago: 6 * DAY, body: '会社の経費で購入しました。宛名「株式会社サンプル商事」で領収書を発行していただけますか。' },
        {
          from: 'shop',
          ago: 6 * DAY - 3 * HOUR,
          body: 'ご注文ありがとうございます。\n領収書は注文履歴の「領収書を発行」から宛名を入力して発行いただけます。',
        },
        { from: 'customer', ago: 20 * HOUR, body: '注文履歴を見たのですが、「領収書を発行」のボタンが見当たりません。スマートフォンからだと表示されないのでしょうか。' },
      ],
    },
    {
      // older than 30 days and still waiting
      title: '支払い方法の変更について',
      ...on('payment'),
      categoryId: 4,
      userMaskedId: 'ri***',
      messages: [{ from: 'customer', ago: 34 * DAY, body: '銀行振込を選んでしまいましたが、クレジットカード払いに変更できますか。' }],
    },
    // ── 返信済み (answered) ──
    {
      title: 'サイズ・仕様について',
      itemCode: ITEMS.tumbler.code,
      categoryId: 1,
      userMaskedId: 'na***',
      messages: [
        { from: 'customer', ago: 2 * DAY, body: '真空断熱タンブラー350mlは食洗機に対応していますか。また蓋は付属しますか。' },
        {
          from: 'shop',
          ago: 2 * DAY - 90 * 60 * 1000,
          body: 'お問い合わせありがとうございます。\n本体は食洗機非対応のため、手洗いをお願いしております。\n蓋は付属しておりませんが、専用蓋（別売）もございます。',
        },
      ],
    },
    {
      title: '注文内容の変更について',
      ...on('colour'),
      categoryId: 2,
      userMaskedId: 'ao***',
      messages: [
        { from: 'customer', ago: 4 * DAY, body: '色をネイビーで注文しましたが、ホワイトに変更できますか。まだ発送前だと思います。' },
        { from: 'shop', ago: 4 * DAY - HOUR, body: 'ご連絡ありがとうございます。\n発送前でしたので、ホワイトに変更いたしました。お届け予定日に変更はございません。' },
      ],
    },
    {
      title: '交換手順について',
      ...on('exchange'),
      categoryId: 5,
      userMaskedId: 'ku***',
      messages: [
        {
          from: 'customer',
          ago: 5 * DAY,
          body: 'サイズが合わなかったので24.5cmから25.0cmに交換したいです。手順を教えてください。',
        },
        {
          from: 'shop',
          ago: 5 * DAY - 2 * HOUR,
          body: 'お問い合わせありがとうございます。\n交換の手順書を添付いたしましたのでご確認ください。\n返送の送料は当店が負担いたします。',
          files: [pdf('交換手順書.pdf', ['GoQ Demo Store', 'Exchange procedure', '1. Pack the item', '2. Attach the prepaid label'])],
        },
      ],
    },
    {
      title: 'まとめ買いについて',
      itemCode: ITEMS.drip.code,
      categoryId: 1,
      userMaskedId: 'fu***',
      messages: [
        { from: 'customer', ago: 8 * DAY, body: 'ドリップバッグ20袋入りを30セット購入したいのですが、まとめ買いの割引はありますか。' },
        { from: 'shop', ago: 7 * DAY, body: 'お問い合わせありがとうございます。\n30セット以上のご注文で10%お値引きいたします。ご注文後に金額を修正してご連絡いたします。' },
      ],
    },
    {
      // answered more than 30 days ago
      title: '賞味期限について',
      itemCode: ITEMS.sencha.code,
      categoryId: 1,
      userMaskedId: 'ha***',
      messages: [
        { from: 'customer', ago: 41 * DAY, body: '深蒸し煎茶の賞味期限はお届けからどのくらいありますか。' },
        { from: 'shop', ago: 40 * DAY, body: 'お問い合わせありがとうございます。\nお届け時点で6か月以上の賞味期限がございます。' },
      ],
    },
    {
      title: '発送予定日について',
      ...on('rush'),
      categoryId: 3,
      userMaskedId: 'mo***',
      messages: [
        { from: 'customer', ago: 30 * HOUR, body: '急ぎで必要なのですが、今日発送していただくことはできますか。' },
        { from: 'shop', ago: 29 * HOUR, body: 'ご連絡ありがとうございます。\n本日15時の集荷で発送いたします。追跡番号は発送後にお知らせいたします。' },
        { from: 'customer', ago: 28 * HOUR, body: 'ありがとうございます。助かります。' },
        { from: 'shop', ago: 22 * HOUR, body: '本日発送いたしました。追跡番号は 4321-0987-6543 です。' },
      ],
    },
    // ── 対応完了 (completed) ──
    {
      title: 'キャンセルのお願い',
      ...on('cancel'),
      categoryId: 2,
      userMaskedId: 'ni***',
      completedWith: 1,
      readByStore: true,
      messages: [
        { from: 'customer', ago: 12 * DAY, body: '誤って同じ商品を2回注文してしまいました。後の注文をキャンセルしてください。' },
        { from: 'shop', ago: 12 * DAY - HOUR, body: 'ご連絡ありがとうございます。\n後からのご注文をキャンセルいたしました。返金処理は3営業日ほどで完了いたします。' },
      ],
    },
    {
      title: '初期不良について',
      ...on('defect'),
      categoryId: 5,
      userMaskedId: 'ch***',
      completedWith: 1,
      readByStore: true,
      messages: [
        {
          from: 'customer',
          ago: 15 * DAY,
          body: '低反発まくらのカバーのファスナーが最初から壊れていました。',
          files: [photo('ファスナー.png', [160, 120, 80])],
        },
        { from: 'shop', ago: 15 * DAY - 2 * HOUR, body: '大変申し訳ございません。新しいカバーを本日発送いたします。' },
        { from: 'customer', ago: 13 * DAY, body: '新しいカバーが届きました。ありがとうございました。' },
        { from: 'shop', ago: 13 * DAY - HOUR, body: 'ご確認ありがとうございます。今後ともよろしくお願いいたします。' },
      ],
    },
    {
      title: '配送業者について',
      ...on('late'),
      categoryId: 3,
      userMaskedId: 'ka***',
      completedWith: 1,
      readByStore: true,
      messages: [
        { from: 'customer', ago: 5 * DAY, body: '配送業者はどちらになりますか。宅配ボックスへの配達は可能でしょうか。' },
        { from: 'shop', ago: 5 * DAY - HOUR, body: 'ヤマト運輸でお届けいたします。宅配ボックスへの配達も可能です。' },
      ],
    },
    {
      // completed by phone, without a written answer
      title: 'お電話での対応について',
      ...on('delivery'),
      categoryId: 6,
      userMaskedId: 'ta***',
      completedWith: 2,
      readByStore: true,
      messages: [{ from: 'customer', ago: 6 * DAY, body: '詳しく相談したいので、お電話をいただけますか。平日の18時以降ですとつながります。' }],
    },
    {
      title: '同じ質問です',
      itemCode: ITEMS.mugNavy.code,
      categoryId: 1,
      userMaskedId: 'ro***',
      completedWith: 4,
      readByStore: true,
      messages: [{ from: 'customer', ago: 20 * DAY, body: '先ほどの問い合わせと同じ内容です。電子レンジで使えますか。' }],
    },
    {
      // completed long ago, then the customer wrote again: it stays completed (Yahoo! has no reopen)
      title: 'ラッピングについて',
      ...on('receipt'),
      categoryId: 2,
      userMaskedId: 'ho***',
      completedWith: 1,
      messages: [
        { from: 'customer', ago: 45 * DAY, body: 'ラッピングの色は選べますか。' },
        { from: 'shop', ago: 44 * DAY, body: 'お問い合わせありがとうございます。赤・緑・白の3色からお選びいただけます。' },
      ],
      afterCompletion: [{ ago: 3 * DAY, body: '先日はありがとうございました。赤のラッピングで届き、とても喜ばれました。' }],
    },
    // ── three more pre-purchase questions: more than one list page (20), so paging is exercised ──
    {
      title: 'ギフト包装について',
      itemCode: ITEMS.teaGift.code,
      categoryId: 1,
      userMaskedId: 'mi***',
      messages: [{ from: 'customer', ago: 9 * HOUR, body: 'のし紙(御歳暮)を付けていただくことはできますか。' }],
    },
    {
      title: '賞味期限について',
      itemCode: ITEMS.beans.code,
      categoryId: 1,
      userMaskedId: 'ta***',
      readByStore: true,
      messages: [
        { from: 'customer', ago: 4 * DAY, body: '今注文した場合、賞味期限はいつ頃のものが届きますか。' },
        { from: 'shop', ago: 4 * DAY - 2 * HOUR, body: 'お問い合わせありがとうございます。焙煎日から90日の商品をお届けしております。' },
      ],
    },
    {
      title: 'まとめ買いの割引について',
      itemCode: ITEMS.drip.code,
      categoryId: 1,
      userMaskedId: 'yu***',
      readByStore: true,
      messages: [
        { from: 'customer', ago: 12 * DAY, body: '10個まとめて購入した場合、割引はありますか。' },
        { from: 'shop', ago: 11 * DAY, body: '10個以上のご注文で5%引きとなります。カートで自動的に適用されます。' },
      ],
    },
    {
      title: '商品の使い方について',
      itemCode: ITEMS.drip.code,
      categoryId: 1,
      userMaskedId: 'sh***',
      completedWith: 1,
      readByStore: true,
      messages: [
        { from: 'customer', ago: 33 * DAY, body: 'ドリップバッグ1袋で何mlのお湯を注げばよいですか。' },
        {
          from: 'shop',
          ago: 33 * DAY - 3 * HOUR,
          body: '1袋あたり140〜160mlがおすすめです。\n淹れ方のご案内を添付いたします。',
          files: [pdf('淹れ方ガイド.pdf', ['GoQ Demo Store', 'How to brew', '140-160 ml per bag'])],
        },
      ],
    },
  ];
}

export interface YahooDemoStore {
  credentials: YahooStoreCredentials;
  topicIds: string[];
}

/** Creates the demo store (its own key pair) and its threads, dated relative to `now`. */
export function loadYahooDemoStore(
  control: YahooSimulatorControl,
  options: { now?: Date; sellerId?: string } = {},
): YahooDemoStore {
  const sellerId = options.sellerId ?? DEMO_YAHOO_SELLER_ID;
  const now = (options.now ?? new Date()).getTime();
  const credentials = control.addStore({ sellerId });
  const topicIds: string[] = [];
  for (const thread of threads(now)) {
    const { messages, afterCompletion, ...rest } = thread;
    const orderId = rest.orderId ? sellerOrderId(rest.orderId, sellerId) : rest.orderId;
    const topicId = control.addTopic(sellerId, {
      ...rest,
      orderId,
      messages: messages.map((m) => ({ from: m.from, body: m.body, at: new Date(now - m.ago), files: m.files })),
    });
    for (const m of afterCompletion ?? []) control.addCustomerMessage(sellerId, topicId, { body: m.body, at: new Date(now - m.ago) });
    topicIds.push(topicId);
  }
  return { credentials, topicIds };
}
