/**
 * The demo Rakuten store: about 25 realistic inquiries on orders, items and the shop, in every status
 * (the customer wrote last, the shop wrote last, completed), some with several messages, some older than
 * 30 days (hidden from the list until the user-action notification is approved), a few with a photo or
 * a PDF. Used by `npm run sim:rakuten` and by `npm start`.
 */
import type { InquiryInput, ReplyInput } from './state.ts';
import type { RakutenSimControl, StoreSummary } from './control.ts';
import { demoPdf, encodePng } from '../support/demo-files.ts';

/** A photo-like picture of a parcel with a dented corner (brown box, darker dent). */
function demoParcelPng(): Uint8Array {
  return encodePng(96, 72, (x, y) => {
    const inBox = x > 14 && x < 82 && y > 16 && y < 62;
    const dent = inBox && x > 60 && y < 32 && x - 60 > y - 16;
    if (dent) return [120, 80, 40];
    if (inBox) return y < 22 ? [200, 150, 90] : [180, 128, 70];
    return [235, 238, 242];
  });
}

export const DEMO_RAKUTEN_SHOP = Object.freeze({
  shopId: 373343,
  shopUrl: 'goq-demo',
  storeName: '和みの茶屋 楽天市場店',
  serviceSecret: 'SP373343_DemoServiceSecret01',
  licenseKey: 'SL373343_DemoLicenseKey0001',
  /** authKey of the system-event notifications */
  authKey: 'demo-notify-authkey-373343',
});

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const ITEMS = {
  towel: { itemNumber: 'towel-set-01', itemName: '今治タオル フェイスタオル 3枚セット' },
  tea: { itemNumber: 'tea-gift-12', itemName: '静岡県産 深蒸し煎茶 100g×3袋 ギフト箱入り' },
  rice: { itemNumber: 'rice-5kg', itemName: '新米 令和8年産 コシヒカリ 5kg' },
  mug: { itemNumber: 'mug-kutani', itemName: '九谷焼 マグカップ 花柄' },
  apple: { itemNumber: 'apple-aomori', itemName: '青森県産 サンふじ 家庭用 5kg' },
} as const;

/** One of the demo store's orders, as the shop's order system knows it. */
export interface DemoRakutenOrder {
  /** shopId-yyyyMMdd-7 digits, the date being the order's (JST) */
  orderNumber: string;
  orderedAt: Date;
  orderer: string;
  /** who receives a social gift, when it is one */
  recipient: string | null;
  itemNumber: string;
  itemName: string;
  /** where the order stands in the shop's order system, matching what its inquiries say */
  status: DemoOrderStatus;
  hasInquiries: boolean;
}

export type DemoOrderStatus = '出荷待ち' | '出荷済み' | '入金待ち' | 'キャンセル';

interface DemoOrderSpec {
  serial: string;
  /** placed this many days before now: before the first inquiry on it */
  daysAgo: number;
  orderer: string;
  item: keyof typeof ITEMS;
  status: DemoOrderStatus;
  recipient?: string;
}

/** Newest first; the serials rise with the date. Every one but 0000120 has inquiries. */
const ORDERS: readonly DemoOrderSpec[] = [
  { serial: '0000123', daysAgo: 4, orderer: '青木 美穂', item: 'towel', status: '出荷待ち' },
  { serial: '0000117', daysAgo: 5, orderer: '佐藤 健一', item: 'mug', status: '出荷済み' },
  { serial: '0000102', daysAgo: 8, orderer: '鈴木 美咲', item: 'tea', status: '出荷待ち' },
  { serial: '0000098', daysAgo: 9, orderer: '岡田 和也', item: 'towel', status: '入金待ち' },
  { serial: '0000091', daysAgo: 11, orderer: '中村 直樹', item: 'rice', status: '出荷済み' },
  { serial: '0000084', daysAgo: 13, orderer: '加藤 拓也', item: 'apple', status: '出荷済み' },
  // a social gift: the recipient is the one who writes
  { serial: '0000077', daysAgo: 16, orderer: '西村 健二', item: 'tea', status: '出荷待ち', recipient: '吉田 優子' },
  { serial: '0000069', daysAgo: 18, orderer: '松本 愛', item: 'mug', status: '出荷済み' },
  { serial: '0000055', daysAgo: 38, orderer: '清水 香織', item: 'rice', status: '出荷済み' },
  { serial: '0000041', daysAgo: 53, orderer: '池田 明美', item: 'towel', status: '出荷済み' },
  { serial: '0000030', daysAgo: 60, orderer: '石川 真由美', item: 'apple', status: '出荷済み' },
  { serial: '0000120', daysAgo: 4.5, orderer: '中村 由紀', item: 'apple', status: '出荷待ち' },
];

const WITHOUT_INQUIRY = '0000120';

/** yyyyMMdd of `at` in Japan time. */
function jstYmd(at: number): string {
  return new Date(at + 9 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * The demo store's orders, dated relative to `now` (the same `now` the store was seeded with) so that
 * every order comes before the inquiries on it. The one without inquiries is for the order page's
 * 「注文者からのメッセージはありません」.
 */
export function demoRakutenOrders(now: Date): DemoRakutenOrder[] {
  return ORDERS.map((spec) => {
    const orderedAt = now.getTime() - spec.daysAgo * DAY;
    const item = ITEMS[spec.item];
    return {
      orderNumber: `${DEMO_RAKUTEN_SHOP.shopId}-${jstYmd(orderedAt)}-${spec.serial}`,
      orderedAt: new Date(orderedAt),
      orderer: spec.orderer,
      recipient: spec.recipient ?? null,
      itemNumber: item.itemNumber,
      itemName: item.itemName,
      status: spec.status,
      hasInquiries: spec.serial !== WITHOUT_INQUIRY,
    };
  });
}

type DemoAttachment = 'parcel-photo' | 'colour-photo' | 'receipt-pdf';

interface DemoReply {
  from: 'merchant' | 'user';
  /** hours after the inquiry was created */
  afterHours: number;
  message: string;
  attachment?: DemoAttachment;
}

interface DemoInquiry {
  daysAgo: number;
  /** only for an inquiry without an order: on an order, the orderer (or the gift's recipient) writes */
  userName?: string;
  type: InquiryInput['type'];
  category: string;
  /** index into ORDERS */
  order?: number;
  /** on an order, the order's own item */
  item?: keyof typeof ITEMS;
  message: string;
  attachment?: DemoAttachment;
  replies?: DemoReply[];
  completed?: boolean;
  socialGiftUserType?: '注文者' | '受取人';
}

const o = (i: number) => i;

const DEMO_INQUIRIES: readonly DemoInquiry[] = [
  {
    daysAgo: 0.2,
    type: '受注問い合わせ',
    category: '送料・商品配送',
    order: o(0),
    item: 'towel',
    message: '先日注文した今治タオルはいつ頃発送されますか？\n週末の贈り物に使いたいので、到着日の目安を教えてください。',
  },
  {
    daysAgo: 3,
    type: '受注問い合わせ',
    category: '注文情報の追加連絡',
    order: o(0),
    message: '配送先の住所に部屋番号が抜けていました。\n「301号室」を追加していただけますでしょうか。',
    replies: [
      { from: 'merchant', afterHours: 2, message: '青木様\n\nご連絡ありがとうございます。\n配送先に「301号室」を追加いたしました。\n引き続きよろしくお願いいたします。' },
      { from: 'user', afterHours: 5, message: 'ご対応ありがとうございます。\nもう一点、ギフト包装もお願いできますか？' },
    ],
  },
  {
    daysAgo: 2,
    type: '受注問い合わせ',
    category: '返品交換・キャンセル',
    order: o(1),
    item: 'mug',
    message: '届いた箱の角が潰れていて、マグカップの取っ手が欠けていました。\n写真を添付します。交換をお願いできますか。',
    attachment: 'parcel-photo',
    replies: [
      {
        from: 'merchant',
        afterHours: 3,
        message: '佐藤様\n\nこのたびはご迷惑をおかけし、誠に申し訳ございません。\n交換品を本日発送いたします。お届けまで今しばらくお待ちください。',
      },
      { from: 'user', afterHours: 20, message: 'ありがとうございます。\n欠けてしまった商品はどうすればよいでしょうか？' },
    ],
  },
  {
    daysAgo: 6,
    type: '受注問い合わせ',
    category: '注文情報の追加連絡',
    order: o(2),
    item: 'tea',
    message: 'ギフト用に熨斗（のし）をお願いしたいです。\n表書きは「御歳暮」、名入れは「鈴木」でお願いします。',
    replies: [{ from: 'merchant', afterHours: 4, message: '鈴木様\n\n承知いたしました。表書き「御歳暮」、名入れ「鈴木」にて熨斗をお付けいたします。' }],
  },
  {
    daysAgo: 5,
    type: '受注問い合わせ',
    category: '送料・商品配送',
    order: o(2),
    message: 'お届け日時を土曜日の午前中に変更することはできますか？',
    replies: [{ from: 'merchant', afterHours: 1, message: '鈴木様\n\nお届け日時を土曜日午前中に変更いたしました。' }],
  },
  {
    daysAgo: 9,
    userName: '高橋 翔太',
    type: '商品問い合わせ',
    category: '商品詳細',
    item: 'rice',
    message: '精米日はいつになりますか？なるべく新しいものが欲しいです。',
    replies: [
      { from: 'merchant', afterHours: 2, message: '高橋様\n\nご注文をいただいてから精米し、翌営業日に発送しております。' },
      { from: 'user', afterHours: 6, message: 'ありがとうございます。では2袋注文します。' },
      { from: 'merchant', afterHours: 7, message: 'ご注文をお待ちしております。今後ともよろしくお願いいたします。' },
    ],
    completed: true,
  },
  {
    daysAgo: 4,
    userName: '田中 由美',
    type: '店舗問い合わせ',
    category: '店舗サービス',
    message: '領収書の発行をお願いできますか？\n宛名は「株式会社タナカ商事」でお願いします。',
    replies: [{ from: 'merchant', afterHours: 3, message: '田中様\n\n領収書を添付いたしました。ご確認ください。', attachment: 'receipt-pdf' }],
  },
  {
    daysAgo: 1,
    type: '受注問い合わせ',
    category: '決済方法・購入金額',
    order: o(3),
    message: '支払い方法を銀行振込からクレジットカードに変更できますか？',
  },
  {
    daysAgo: 3.5,
    type: '受注問い合わせ',
    category: '商品詳細',
    order: o(3),
    item: 'towel',
    message: 'セットの色の組み合わせを教えてください。',
    replies: [{ from: 'merchant', afterHours: 5, message: '岡田様\n\n白・水色・グレーの3色セットとなっております。' }],
  },
  {
    daysAgo: 3,
    userName: '渡辺 さくら',
    type: '商品問い合わせ',
    category: '再入荷・在庫',
    item: 'tea',
    message: '売り切れになっていますが、次回の入荷予定はありますか？',
    replies: [{ from: 'merchant', afterHours: 6, message: '渡辺様\n\n来月上旬に再入荷の予定です。入荷次第、商品ページでお知らせいたします。' }],
  },
  {
    daysAgo: 8,
    type: '受注問い合わせ',
    category: '送料・商品配送',
    order: o(4),
    message: 'まだ商品が届いていません。追跡番号を教えていただけますか？',
    replies: [
      { from: 'merchant', afterHours: 1, message: '中村様\n\n追跡番号は 1234-5678-9012 です。お手数ですがご確認ください。' },
      { from: 'user', afterHours: 30, message: '無事に届きました。ありがとうございました。' },
    ],
    completed: true,
  },
  {
    daysAgo: 0.1,
    userName: '小林 恵',
    type: '商品問い合わせ',
    category: '商品詳細',
    item: 'tea',
    message: '原材料に小麦は含まれていますか？\nアレルギーがあるため確認したいです。',
  },
  {
    daysAgo: 10,
    type: '受注問い合わせ',
    category: 'その他',
    order: o(5),
    message: '注文時にクーポンが適用されていないようです。確認していただけますか？',
    replies: [
      { from: 'merchant', afterHours: 2, message: '加藤様\n\n確認いたします。少々お待ちください。' },
      { from: 'user', afterHours: 4, message: 'よろしくお願いします。クーポンは「WINTER500」です。' },
      { from: 'merchant', afterHours: 6, message: '加藤様\n\nクーポン分の500円を差し引いた金額に修正いたしました。' },
    ],
  },
  {
    daysAgo: 1.5,
    type: '受注問い合わせ',
    category: 'ソーシャルギフト受取',
    order: o(6),
    message: 'ギフトの受け取り日を来週の土曜日に指定したいです。',
    socialGiftUserType: '受取人',
  },
  {
    daysAgo: 14,
    userName: '山本 誠',
    type: '店舗問い合わせ',
    category: '店舗サービス',
    message: '法人でまとめて50個購入したいのですが、お見積もりをお願いできますか？',
    replies: [
      { from: 'merchant', afterHours: 3, message: '山本様\n\nお見積もりをお送りいたします。ご検討のほどよろしくお願いいたします。' },
      { from: 'user', afterHours: 48, message: '確認しました。社内で検討します。' },
    ],
    completed: true,
  },
  {
    daysAgo: 12,
    type: '受注問い合わせ',
    category: '返品交換・キャンセル',
    order: o(7),
    message: '誤って同じ商品を2つ注文してしまいました。1つキャンセルをお願いできますでしょうか。',
    replies: [{ from: 'merchant', afterHours: 1, message: '松本様\n\nご注文のうち1点をキャンセルいたしました。' }],
    completed: true,
  },
  {
    daysAgo: 6,
    userName: '井上 陽子',
    type: '商品問い合わせ',
    category: '商品詳細',
    item: 'apple',
    message: '家庭用と贈答用の違いは何ですか？',
    replies: [{ from: 'merchant', afterHours: 2, message: '井上様\n\n家庭用は見た目に多少の傷がございますが、味は贈答用と変わりません。' }],
  },
  {
    daysAgo: 0.5,
    userName: '前田 亮',
    type: '商品問い合わせ',
    category: '再入荷・在庫',
    item: 'towel',
    message: 'ピンクの入荷予定はありますか？',
  },
  {
    daysAgo: 1.2,
    userName: '村上 舞',
    type: '商品問い合わせ',
    category: '商品詳細',
    item: 'mug',
    message: 'この商品の色味は、添付した写真のような感じでしょうか？',
    attachment: 'colour-photo',
  },
  {
    daysAgo: 8,
    userName: '後藤 千尋',
    type: '店舗問い合わせ',
    // shop inquiries before 2024-09-17 have no category; kept to show the empty case
    category: '',
    message: '年末年始の休業期間を教えてください。',
    replies: [{ from: 'merchant', afterHours: 4, message: '後藤様\n\n12月30日から1月3日まで休業いたします。' }],
    completed: true,
  },
  // older than 30 days: hidden from the list until 問い合わせユーザアクション通知 is approved
  {
    daysAgo: 35,
    type: '受注問い合わせ',
    category: '送料・商品配送',
    order: o(8),
    message: '発送予定日を過ぎていますが、まだ発送されていないようです。',
    replies: [{ from: 'merchant', afterHours: 2, message: '清水様\n\n大変お待たせいたしました。本日発送いたしました。' }],
    completed: true,
  },
  {
    daysAgo: 40,
    userName: '森 健太',
    type: '商品問い合わせ',
    category: '商品詳細',
    item: 'mug',
    message: 'このマグカップは食洗機に対応していますか？',
    replies: [{ from: 'merchant', afterHours: 5, message: '森様\n\n手描きの絵付けのため、食洗機には対応しておりません。' }],
  },
  {
    daysAgo: 50,
    type: '受注問い合わせ',
    category: '返品交換・キャンセル',
    order: o(9),
    item: 'towel',
    message: '届いたタオルの色が商品ページの写真と違うようです。写真を添付します。',
    attachment: 'parcel-photo',
    replies: [
      { from: 'merchant', afterHours: 3, message: '池田様\n\nご連絡ありがとうございます。モニターにより色味が異なって見える場合がございます。' },
      // a follow-up on an old inquiry: the list (by creation date) cannot see it once it is past 30 days
      { from: 'user', afterHours: 48 * 24, message: 'やはり色が違うので、返品をお願いできますか？' },
    ],
  },
  {
    daysAgo: 60,
    userName: '橋本 大樹',
    type: '店舗問い合わせ',
    category: '店舗サービス',
    message: 'ラッピングの対応はしていますか？',
    replies: [{ from: 'merchant', afterHours: 2, message: '橋本様\n\n有料（300円）にてラッピングを承っております。' }],
    completed: true,
  },
  {
    daysAgo: 45,
    type: '受注問い合わせ',
    category: '決済方法・購入金額',
    order: o(10),
    message: '請求金額が注文確認メールの金額と異なります。確認をお願いします。',
    replies: [{ from: 'merchant', afterHours: 2, message: '石川様\n\n送料の計算に誤りがございました。差額を返金いたします。' }],
    completed: true,
  },
];

export interface DemoSeedOptions {
  /** time the demo is relative to; default the simulator's clock */
  now?: Date;
  /** where the store's notifications go (e.g. the server's webhook) */
  notificationUrl?: string | null;
  /** default false: the 30-day rule applies until the server approves it */
  userActionNotificationApproved?: boolean;
}

/** Adds the demo store with its inquiries and files to a simulator. */
export function seedRakutenDemoStore(control: RakutenSimControl, options: DemoSeedOptions = {}): StoreSummary {
  const now = (options.now ?? control.clock.now()).getTime();
  const shop = DEMO_RAKUTEN_SHOP;
  const orders = demoRakutenOrders(new Date(now));
  control.addStore({
    shopId: shop.shopId,
    shopUrl: shop.shopUrl,
    serviceSecret: shop.serviceSecret,
    licenseKey: shop.licenseKey,
    licenseExpiresAt: new Date(now + 80 * DAY),
    userActionNotificationApproved: options.userActionNotificationApproved ?? false,
    notification: { url: options.notificationUrl ?? null, authKey: shop.authKey },
    orders: orders.filter((order) => order.hasInquiries).map((order) => order.orderNumber),
  });
  const file = (kind: DemoAttachment, at: Date) => {
    switch (kind) {
      case 'parcel-photo':
        return control.addFile(shop.shopId, { label: '破損状況.png', contentType: 'image/png', bytes: demoParcelPng(), at });
      case 'colour-photo':
        return control.addFile(shop.shopId, { label: '色見本.png', contentType: 'image/png', bytes: demoParcelPng(), at });
      case 'receipt-pdf':
        return control.addFile(shop.shopId, {
          label: '領収書.pdf',
          contentType: 'application/pdf',
          bytes: demoPdf(['Receipt / GoQ Rakuten demo store', 'Addressee: Tanaka Shoji Co., Ltd.', 'Amount: JPY 4,980']),
          at,
        });
    }
  };
  for (const [i, demo] of DEMO_INQUIRIES.entries()) {
    const regDate = new Date(now - demo.daysAgo * DAY);
    const replies: ReplyInput[] = (demo.replies ?? []).map((r) => {
      const at = new Date(Math.min(regDate.getTime() + r.afterHours * HOUR, now - 60_000));
      return {
        from: r.from,
        at,
        message: r.message,
        isRead: r.from === 'user',
        ...(r.attachment ? { attachments: [file(r.attachment, at)] } : {}),
      };
    });
    const item = demo.item ? ITEMS[demo.item] : null;
    const order = demo.order !== undefined ? orders[demo.order]! : null;
    const userName = order ? (demo.socialGiftUserType === '受取人' ? order.recipient : order.orderer) : demo.userName;
    if (!userName) throw new Error(`demo inquiry ${i + 1} has nobody writing it`);
    const lastFrom = replies.at(-1)?.from;
    control.addInquiry(shop.shopId, {
      userName,
      userMaskEmail: `demo${String(i + 1).padStart(3, '0')}@pc.fw.rakuten.ne.jp`,
      message: demo.message,
      regDate,
      type: demo.type,
      category: demo.category,
      orderNumber: order?.orderNumber ?? null,
      itemName: item?.itemName ?? null,
      itemNumber: item?.itemNumber ?? null,
      itemUrl: item ? `/${shop.shopUrl}/${item.itemNumber}/` : null,
      isCompleted: demo.completed ?? false,
      completedDate: demo.completed ? new Date(Math.min((replies.at(-1)?.at ?? regDate).getTime() + HOUR, now)) : null,
      readByMerchant: lastFrom === 'merchant' || demo.completed === true,
      attachments: demo.attachment ? [file(demo.attachment, regDate)] : [],
      replies,
      socialGiftUserType: demo.socialGiftUserType ?? null,
    });
  }
  return control.store(shop.shopId);
}
