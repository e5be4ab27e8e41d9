/**
 * The synthetic shop data behind the inbox benchmark: 10 shops of unequal size (the largest holds a
 * quarter of everything), both malls, all three statuses, 1–6 messages per inquiry (3 on average).
 * Rows come out in creation order, as a live database receives them, as positional arrays in the
 * column order below, so the SQLite and PostgreSQL loaders share one source.
 * Status, last sender, last activity, preview and message count agree with the messages, as the
 * server keeps them (shared/status.ts).
 */
import { pick, seededRandom, seededUuid, type Random } from '../lib/random.ts';

export const DATASET_VERSION = 2;

export interface DatasetSize {
  inquiries: number;
}

export const FULL_SIZE: DatasetSize = { inquiries: 1_000_000 };

/** The share of all inquiries each shop holds. The first is the one the benchmark reads. */
export const SHOP_WEIGHTS = [0.25, 0.15, 0.12, 0.1, 0.09, 0.08, 0.07, 0.06, 0.04, 0.04] as const;
export const SHOP_IDS = SHOP_WEIGHTS.map((_, i) => `bench-shop-${String(i + 1).padStart(2, '0')}`);
export const BENCH_SHOP = SHOP_IDS[0]!;

/** The clock the data is generated against (fixed, so the cached database never changes). */
export const DATASET_NOW = Date.parse('2026-11-01T00:00:00.000Z');
const SPAN_MS = 3 * 365 * 24 * 3600 * 1000;
const RECENT_MS = 60 * 24 * 3600 * 1000;

export const INQUIRY_COLUMNS = [
  'id',
  'shop_id',
  'mall',
  'mall_account_id',
  'mall_inquiry_id',
  'order_id',
  'subject',
  'customer_name',
  'item_name',
  'status',
  'completed',
  'mall_completed',
  'last_sender',
  'last_activity_at',
  'created_at',
  'updated_at',
  'preview',
  'message_count',
  'assignee_id',
  'version',
  'customer_version',
  'waiting_since',
] as const;

export const MESSAGE_COLUMNS = [
  'id',
  'inquiry_id',
  'shop_id',
  'mall_message_id',
  'sender',
  'staff_name',
  'body',
  'sent_at',
  'delivery',
  'failure_reason',
  'created_at',
  'updated_at',
] as const;

export type Row = (string | number | null)[];

export interface Batch {
  inquiries: Row[];
  messages: Row[];
}

const SUBJECTS = [
  '商品の発送について',
  '注文内容の変更について',
  'お届け日の指定について',
  '商品の在庫について',
  '領収書の発行について',
  'キャンセルについて',
  '返品・交換について',
  'サイズについての質問',
  '支払い方法について',
  'ギフト包装について',
  '商品が届きません',
  '商品に不具合がありました',
];
const ITEMS = [
  '国産ひのき まな板 大',
  '有機栽培 緑茶 100g×3袋',
  '今治タオル フェイスタオル 5枚組',
  '南部鉄器 急須 0.6L',
  '信州そば 乾麺 10束',
  '北海道産 ゆめぴりか 5kg',
  '抗菌 ステンレスボトル 500ml',
  '純米吟醸 720ml ギフト箱入り',
  '羽毛 掛け布団 シングル',
  '美濃焼 茶碗 夫婦セット',
];
const CUSTOMER_LINES = [
  '先日注文した商品ですが、いつ頃発送されますか。',
  'お届け日を来週の土曜日に変更できますでしょうか。',
  '注文した数量を2個から3個に変更したいです。',
  '届いた商品の箱が潰れていました。交換は可能でしょうか。',
  '領収書の宛名を会社名でお願いできますか。',
  'ギフト用にのし紙をお願いしたいです。表書きは「御礼」でお願いします。',
  'サイズが合わなかったので交換を希望します。',
  '支払い方法を銀行振込からクレジットカードに変更できますか。',
  '在庫が戻る予定はありますか。',
  'ご確認よろしくお願いいたします。',
  '急ぎで申し訳ありませんが、ご回答お待ちしております。',
  '追跡番号を教えていただけますか。',
];
const SHOP_LINES = [
  'この度はご注文いただきありがとうございます！',
  'ご注文の商品は本日発送いたしました。',
  'お届け日の変更を承りました。',
  '大変申し訳ございません。すぐに代替品を手配いたします。',
  '領収書は商品に同梱してお送りいたします。',
  'のし紙の件、承知いたしました。',
  '在庫は来週入荷予定でございます。',
  '今後ともよろしくお願いいたします。',
  'ご不明な点がございましたらお気軽にお問い合わせください。',
];
const FAMILY = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
const GIVEN = ['太郎', '花子', '健一', '美咲', '大輔', '陽子', '翔太', '由美', '誠', '恵'];
const STAFF = ['山田 花子', '井上 健', '木村 彩', '松本 亮'];
/** The members inquiries are assigned to (their token's `sub`); the benchmark's token is the first. */
export const STAFF_IDS = ['staff-1', 'staff-2', 'staff-3', 'staff-4'] as const;
/** Share of inquiries with an assignee: the rest are 未割り当て. */
const ASSIGNED_SHARE = 0.6;
const STORE = ['ひのき屋', 'お茶の森', 'タオル工房', '鉄器本舗', '信州屋', '米蔵', 'ボトル堂', '酒蔵', 'ふとん館', '器の店'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function sentences(random: Random, lines: readonly string[], count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += pick(random, lines);
  return s;
}

const PREVIEW_CHARS = 80;
function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : flat;
}

/** How many messages an inquiry has: 1–6, mean 3.0. */
function messageCount(random: Random): number {
  const r = random();
  if (r < 0.2) return 1;
  if (r < 0.45) return 2;
  if (r < 0.65) return 3;
  if (r < 0.8) return 4;
  if (r < 0.9) return 5;
  return 6;
}

export function mallAccountId(shopId: string, mall: string): string {
  return `${shopId}-${mall}`;
}

/** Every row of the dataset, `batchInquiries` inquiries (with their messages) at a time. */
export function* generateDataset(size: DatasetSize, batchInquiries: number): Generator<Batch> {
  const random = seededRandom(20261101);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of SHOP_WEIGHTS) cumulative.push((acc += w));
  const serial = new Map<string, number>();
  const start = DATASET_NOW - SPAN_MS;
  let batch: Batch = { inquiries: [], messages: [] };
  for (let i = 0; i < size.inquiries; i++) {
    const r = random();
    let shopIndex = cumulative.findIndex((c) => r < c);
    if (shopIndex < 0) shopIndex = SHOP_IDS.length - 1;
    const shopId = SHOP_IDS[shopIndex]!;
    const mall = random() < 0.55 ? 'rakuten' : 'yahoo';
    const key = `${shopId}/${mall}`;
    const n = (serial.get(key) ?? 0) + 1;
    serial.set(key, n);
    const createdMs = Math.floor(start + (i / size.inquiries) * SPAN_MS + random() * 60_000);
    const recent = DATASET_NOW - createdMs < RECENT_MS;
    const completed = random() < (recent ? 0.3 : 0.85);
    const count = messageCount(random);
    // not completed: the last word is the customer's (needs reply) 40% of the time
    const lastSender = completed ? (count % 2 === 1 ? 'customer' : 'shop') : random() < 0.4 ? 'customer' : 'shop';
    const status = completed ? 'completed' : lastSender === 'customer' ? 'needs-reply' : 'replied';
    const id = seededUuid(random);
    const mallInquiryId = mall === 'rakuten' ? `R${String(100000000 + n)}` : `Y${String(5000000 + n)}`;
    const orderId =
      random() < 0.92
        ? mall === 'rakuten'
          ? `${String(200000 + shopIndex)}-${iso(createdMs).slice(0, 10).replaceAll('-', '')}-${String(n).padStart(10, '0')}`
          : `store${shopIndex + 1}-${String(10000000 + n)}`
        : null;
    const subject = pick(random, SUBJECTS);
    const customerName = mall === 'rakuten' ? `${pick(random, FAMILY)} ${pick(random, GIVEN)}` : null;
    const staff = pick(random, STAFF);
    const assignee = random() < ASSIGNED_SHARE ? pick(random, STAFF_IDS) : null;
    let at = createdMs;
    let lastBody = '';
    // the customer's oldest unanswered message, and the version at the newest customer message
    let waitingSince: string | null = null;
    let customerVersion = 0;
    for (let j = 0; j < count; j++) {
      const sender = j === count - 1 ? lastSender : j % 2 === 0 ? 'customer' : 'shop';
      const body =
        sender === 'customer'
          ? sentences(random, CUSTOMER_LINES, 1 + Math.floor(random() * 3))
          : `${STORE[shopIndex]}の${staff}です。\n${sentences(random, SHOP_LINES, 1 + Math.floor(random() * 3))}`;
      const sentAt = iso(at);
      if (sender === 'shop') waitingSince = null;
      else {
        waitingSince ??= sentAt;
        customerVersion = j + 1;
      }
      batch.messages.push([
        seededUuid(random),
        id,
        shopId,
        `${mallInquiryId}-${j + 1}`,
        sender,
        sender === 'shop' ? staff : null,
        body,
        sentAt,
        'sent',
        null,
        sentAt,
        sentAt,
      ]);
      lastBody = body;
      if (j < count - 1) at += 600_000 + Math.floor(random() * 2 * 24 * 3600 * 1000);
    }
    const lastActivity = iso(at);
    batch.inquiries.push([
      id,
      shopId,
      mall,
      mallAccountId(shopId, mall),
      mallInquiryId,
      orderId,
      subject,
      customerName,
      pick(random, ITEMS),
      status,
      completed ? 1 : 0,
      completed ? 1 : 0,
      lastSender,
      lastActivity,
      iso(createdMs),
      lastActivity,
      previewOf(lastBody),
      count,
      assignee,
      count,
      customerVersion,
      status === 'needs-reply' ? waitingSince : null,
    ]);
    if (batch.inquiries.length >= batchInquiries) {
      yield batch;
      batch = { inquiries: [], messages: [] };
    }
  }
  if (batch.inquiries.length > 0) yield batch;
}
