/**
 * New customer inquiries and follow-ups with realistic Japanese text, so a demo inbox keeps living and
 * tests have plausible data. Deterministic when given a seeded random.
 */
import type { RmsInquiryType } from '../../server/malls/rakuten/wire.ts';
import type { InquiryInput, SimInquiry, SimStore } from './state.ts';

const FAMILY_NAMES = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山本', '松本', '井上', '木村'];
// no 花子: with 山田 that is the demo shop's staff member, and a customer must not share the name
const GIVEN_NAMES = ['春香', '太郎', '美咲', '健一', '陽子', '翔太', '由美', '大輔', 'さくら', '直樹', '恵', '拓也', '優子', '誠', '愛'];

export const DEMO_ITEMS: readonly { itemNumber: string; itemName: string }[] = [
  { itemNumber: 'towel-set-01', itemName: '今治タオル フェイスタオル 3枚セット' },
  { itemNumber: 'tea-gift-12', itemName: '静岡県産 深蒸し煎茶 100g×3袋 ギフト箱入り' },
  { itemNumber: 'rice-5kg', itemName: '新米 令和8年産 コシヒカリ 5kg' },
  { itemNumber: 'mug-kutani', itemName: '九谷焼 マグカップ 花柄' },
  { itemNumber: 'apple-aomori', itemName: '青森県産 サンふじ 家庭用 5kg' },
];

interface Topic {
  type: RmsInquiryType;
  category: string;
  texts: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    type: '受注問い合わせ',
    category: '送料・商品配送',
    texts: [
      '先日注文した商品はいつ頃発送されますか？\n週末に使いたいので、到着日の目安を教えてください。',
      '配送先を実家に変更したいのですが、まだ間に合いますか？',
      'お届け日時を土曜日の午前中に指定し直すことはできますか？',
    ],
  },
  {
    type: '受注問い合わせ',
    category: '返品交換・キャンセル',
    texts: [
      '誤って同じ商品を2つ注文してしまいました。1つキャンセルをお願いできますでしょうか。',
      '届いた商品の箱が潰れていて、中身に傷がありました。交換していただけますか？',
    ],
  },
  {
    type: '受注問い合わせ',
    category: '注文情報の追加連絡',
    texts: ['ギフト用に熨斗（のし）をお願いしたいです。表書きは「御歳暮」、名入れは「山田」でお願いします。'],
  },
  {
    type: '受注問い合わせ',
    category: '決済方法・購入金額',
    texts: ['支払い方法を銀行振込からクレジットカードに変更できますか？'],
  },
  {
    type: '商品問い合わせ',
    category: '商品詳細',
    texts: ['こちらの商品のサイズ（縦×横）を教えてください。', '原材料に小麦は含まれていますか？アレルギーがあるため確認したいです。'],
  },
  {
    type: '商品問い合わせ',
    category: '再入荷・在庫',
    texts: ['売り切れになっていますが、次回の入荷予定はありますか？'],
  },
  {
    type: '店舗問い合わせ',
    category: '店舗サービス',
    texts: ['領収書の発行はお願いできますか？宛名は会社名でお願いしたいです。', '法人でまとめて購入したいのですが、見積もりをお願いできますか？'],
  },
];

const FOLLOW_UPS: readonly string[] = [
  'ご回答ありがとうございます。追加でもう一点質問させてください。\n発送後に追跡番号は教えていただけますか？',
  'お返事ありがとうございました。その内容でお願いいたします。',
  'まだ商品が届いていないのですが、状況を確認していただけますか？',
  '確認しました。よろしくお願いいたします。',
  '念のため確認ですが、支払いは代金引換でも大丈夫でしょうか？',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length) % items.length]!;
}

export function randomCustomerName(random: () => number): string {
  return `${pick(random, FAMILY_NAMES)} ${pick(random, GIVEN_NAMES)}`;
}

/** A new customer inquiry for `store`, created at `at`. */
export function generateInquiryInput(store: SimStore, at: Date, random: () => number = Math.random): InquiryInput {
  const topic = pick(random, TOPICS);
  const userName = randomCustomerName(random);
  const input: InquiryInput = {
    userName,
    userMaskEmail: `${Math.floor(random() * 1e8).toString(36)}@pc.fw.rakuten.ne.jp`,
    message: pick(random, topic.texts),
    regDate: at,
    type: topic.type,
    category: topic.category,
  };
  if (topic.type === '受注問い合わせ') {
    input.orderNumber = store.orders.length > 0 ? pick(random, store.orders) : null;
  }
  if (topic.type === '商品問い合わせ' || (topic.type === '受注問い合わせ' && random() < 0.5)) {
    const item = pick(random, DEMO_ITEMS);
    input.itemName = item.itemName;
    input.itemNumber = item.itemNumber;
    input.itemUrl = `/${store.shopUrl}/${item.itemNumber}/`;
  }
  // An order someone already wrote about: the same person writes again, about the order's own item.
  const onOrder = input.orderNumber ? [...store.inquiries.values()].filter((i) => i.orderNumber === input.orderNumber) : [];
  const known = onOrder[0];
  if (known) {
    input.userName = known.userName;
    if (known.socialGiftUserType) input.socialGiftUserType = known.socialGiftUserType;
    const withItem = onOrder.find((i) => i.itemNumber);
    if (withItem) {
      input.itemName = withItem.itemName;
      input.itemNumber = withItem.itemNumber;
      input.itemUrl = withItem.itemUrl;
    } else if (input.itemNumber) {
      input.itemName = input.itemNumber = input.itemUrl = null;
    }
  }
  // the name on the のし is the customer's own
  input.message = input.message.replace('「山田」', `「${input.userName.split(' ')[0]}」`);
  return input;
}

/** An open inquiry a customer would write again on: preferably one the shop has answered. */
export function pickFollowUpTarget(inquiries: SimInquiry[], random: () => number = Math.random): SimInquiry | null {
  const open = inquiries.filter((i) => !i.isCompleted);
  if (open.length === 0) return null;
  const answered = open.filter((i) => i.replies.at(-1)?.replyFrom === 'merchant');
  return pick(random, answered.length > 0 ? answered : open);
}

export function followUpText(random: () => number = Math.random): string {
  return pick(random, FOLLOW_UPS);
}
