/**
 * Realistic customer writing for the simulator: new questions before a purchase (about an item) and after
 * one (about an order), and follow-ups on an existing thread. Seeded, so a test sees the same text twice.
 */
import type { Random } from '../support/random.ts';

export interface GeneratedTopic {
  title: string;
  qaType: 'item' | 'order';
  categoryId: number;
  itemCode: string | null;
  orderId: string | null;
  body: string;
}

const ITEMS = [
  { code: 'tumbler-350-wh', name: '真空断熱タンブラー 350ml ホワイト' },
  { code: 'towel-imabari-set', name: '今治タオル フェイスタオル3枚セット' },
  { code: 'rice-koshihikari-5kg', name: '新潟県産コシヒカリ 5kg' },
  { code: 'coffee-drip-20p', name: 'スペシャルティコーヒー ドリップバッグ 20袋' },
  { code: 'sneaker-cl-245', name: 'キャンバススニーカー 24.5cm' },
  { code: 'mug-hasami-navy', name: '波佐見焼 マグカップ ネイビー' },
  { code: 'pillow-lowrebound', name: '低反発まくら 標準サイズ' },
  { code: 'tea-sencha-100g', name: '静岡 深蒸し煎茶 100g' },
];

const ITEM_QUESTIONS: Array<{ title: string; body: (item: string) => string }> = [
  {
    title: '在庫・入荷予定について',
    body: (item) =>
      `「${item}」を購入したいのですが、現在在庫切れの表示になっています。\n次回の入荷予定はいつ頃でしょうか。`,
  },
  {
    title: 'サイズ・仕様について',
    body: (item) => `「${item}」について質問です。\n外寸と重さを教えていただけますか。食洗機に対応しているかも知りたいです。`,
  },
  {
    title: 'ギフト包装について',
    body: (item) => `「${item}」を贈り物にしたいと考えています。\nのし紙とギフト包装はお願いできますか。料金がかかる場合は金額も教えてください。`,
  },
  {
    title: 'まとめ買いについて',
    body: (item) => `「${item}」を10個まとめて購入したいのですが、まとめ買いの割引や法人向けの見積もりは可能でしょうか。`,
  },
  {
    title: '賞味期限について',
    body: (item) => `「${item}」の賞味期限はお届けからどのくらいありますか。お中元用に少し先の日付で送りたいと思っています。`,
  },
];

const ORDER_QUESTIONS: Array<{ title: string; categoryId: number; body: string }> = [
  {
    title: 'お届け日の変更について',
    categoryId: 3,
    body: '先日注文した商品のお届け日を変更したいです。\n今週末は不在にするため、来週火曜日の午前中に変更できますでしょうか。',
  },
  {
    title: '商品がまだ届きません',
    categoryId: 3,
    body: '発送完了のメールをいただいてから5日経ちますが、まだ商品が届いていません。\n配送状況を確認していただけますか。',
  },
  {
    title: '領収書の発行について',
    categoryId: 2,
    body: '会社の経費で購入したため、宛名を「株式会社サンプル商事」として領収書を発行していただけますでしょうか。',
  },
  {
    title: '注文内容の変更について',
    categoryId: 2,
    body: '注文した商品の色を間違えてしまいました。\n発送前でしたらネイビーからホワイトに変更していただくことは可能でしょうか。',
  },
  {
    title: '商品の破損について',
    categoryId: 5,
    body: '本日商品が届きましたが、箱を開けたところ縁が欠けていました。\n写真を添付しますので、交換の手続きを教えてください。',
  },
  {
    title: '支払い方法の変更について',
    categoryId: 4,
    body: '注文時に銀行振込を選びましたが、クレジットカード払いに変更することはできますか。',
  },
  {
    title: 'キャンセルのお願い',
    categoryId: 2,
    body: '誤って同じ商品を2回注文してしまいました。\n後から注文した方をキャンセルしていただけますでしょうか。',
  },
];

const FOLLOW_UPS = [
  'ご回答ありがとうございます。承知いたしました。よろしくお願いいたします。',
  'ご連絡ありがとうございます。追加で質問なのですが、配送業者はどちらになりますか。',
  'お返事ありがとうございます。その内容でお願いします。',
  '確認ありがとうございます。まだ届いていないのですが、追跡番号を教えていただけますか。',
  'すみません、先ほどの件ですが、やはり日時指定は不要です。できるだけ早く送っていただけると助かります。',
  '対応していただきありがとうございました。無事に受け取りました。',
];

/** A new inquiry; `orders` are the order ids a post-purchase question may reference. */
export function generateTopic(random: Random, sellerId: string, orders: readonly string[]): GeneratedTopic {
  if (random.next() < 0.4) {
    const item = random.pick(ITEMS);
    const question = random.pick(ITEM_QUESTIONS);
    return { title: question.title, qaType: 'item', categoryId: 1, itemCode: item.code, orderId: null, body: question.body(item.name) };
  }
  const question = random.pick(ORDER_QUESTIONS);
  const orderId = orders.length > 0 ? random.pick(orders) : `${sellerId}-${10000000 + random.int(1, 89999999)}`;
  return { title: question.title, qaType: 'order', categoryId: question.categoryId, itemCode: null, orderId, body: question.body };
}

export function generateFollowUp(random: Random): string {
  return random.pick(FOLLOW_UPS);
}
