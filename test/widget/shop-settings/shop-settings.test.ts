/**
 * <goq-shop-settings> end to end against the real server, composed with the simulated malls: the
 * profile saved and validated, credentials write-only, [接続テスト] against the simulated Rakuten, the
 * licence key's expiry warning, the RMS setup steps when the API is not enabled, the 30-day rule's
 * notification status, the notice for a store without the API option, [今すぐ同期], and read-only for
 * a member who is not an admin.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../widget/shop-settings/index.ts';
import type { MallAccountList, ShopSettings } from '../../../shared/api.ts';
import type { GoqShopSettings } from '../../../widget/shop-settings/shop-settings.ts';
import { deepText } from '../support/helpers.ts';

interface Shop {
  url: string;
  shopId: string;
  adminToken: string;
  staffToken: string;
  rakuten: Record<string, string>;
}

function shop(options: Record<string, unknown> = {}): Promise<Shop> {
  return executeServerCommand('settings:shop', options);
}

async function mount(s: Shop, token = s.adminToken): Promise<GoqShopSettings> {
  const el = await fixture<GoqShopSettings>(html`<goq-shop-settings api-base=${s.url} token=${token}></goq-shop-settings>`);
  await waitUntil(() => el.shadowRoot!.querySelector('form[part="profile"]') !== null, 'settings not loaded', { timeout: 10000 });
  return el;
}

async function api<T>(s: Shop, path: string): Promise<T> {
  const res = await fetch(`${s.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${s.adminToken}` } });
  return (await res.json()) as T;
}

const $ = <T extends Element = HTMLElement>(el: GoqShopSettings, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const account = (el: GoqShopSettings, mall: string) => $(el, `section.account[data-mall="${mall}"]`)!;
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label);

function type(el: GoqShopSettings, id: string, value: string): void {
  const field = $<HTMLInputElement>(el, `#${id}`)!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

describe('<goq-shop-settings>', () => {
  it('validates the profile, then saves it with [保存]', async () => {
    const s = await shop();
    const el = await mount(s);
    type(el, 'store-rakuten', '和みの茶屋 楽天市場店');
    type(el, 'phone', 'お電話はこちら');
    type(el, 'email', 'not-an-address');
    type(el, 'start', '18:00');
    type(el, 'end', '09:00');
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await el.updateComplete;
    const text = deepText(el);
    expect(text).to.contain('電話番号は数字とハイフンで入力してください。');
    expect(text).to.contain('メールアドレスの形式が正しくありません。');
    expect(text).to.contain('終了は開始より後にしてください。');
    expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect((await api<ShopSettings>(s, '/settings')).storeNames.rakuten).to.not.equal('和みの茶屋 楽天市場店');

    type(el, 'phone', '03-1234-5678');
    type(el, 'email', 'shop@example.jp');
    type(el, 'start', '09:00');
    type(el, 'end', '18:00');
    const saved = new Promise((resolve) => el.addEventListener('goq-settings-saved', resolve, { once: true }));
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await saved;
    await waitUntil(() => deepText(el).includes('保存しました。'));
    const stored = await api<ShopSettings>(s, '/settings');
    expect(stored.storeNames.rakuten).to.equal('和みの茶屋 楽天市場店');
    expect(stored.phone).to.equal('03-1234-5678');
    expect(stored.email).to.equal('shop@example.jp');
  });

  it('never shows credentials back; [接続テスト] tries typed keys against the mall and answers in Japanese', async () => {
    const s = await shop({ licenceDays: 60 });
    const el = await mount(s);
    const rakuten = account(el, 'rakuten');
    const secret = rakuten.querySelector<HTMLInputElement>('#rakuten-serviceSecret')!;
    expect(secret.type).to.equal('password');
    expect(secret.value).to.equal('');
    expect(secret.placeholder).to.contain('登録済み');
    expect(deepText(el)).to.not.contain(s.rakuten.serviceSecret);
    expect(deepText(el)).to.not.contain(s.rakuten.licenseKey);
    expect(el.shadowRoot!.innerHTML).to.not.contain(s.rakuten.licenseKey);

    // wrong keys: refused, in the shop's words, the raw answer folded away
    type(el, 'rakuten-serviceSecret', s.rakuten.serviceSecret);
    type(el, 'rakuten-licenseKey', 'SL_wrong_key_000');
    type(el, 'rakuten-shopId', s.rakuten.shopId);
    await el.updateComplete;
    button(rakuten, '接続テスト')!.click();
    await waitUntil(() => deepText(el).includes('接続できませんでした。'), 'no answer to the test', { timeout: 8000 });
    await waitUntil(() => deepText(account(el, 'rakuten')).includes('楽天RMSが認証を拒否しました'), 'the refusal was not explained', { timeout: 5000 });
    const details = account(el, 'rakuten').querySelector<HTMLDetailsElement>('#rakuten-note details')!;
    expect(details.open).to.equal(false);
    expect(details.textContent).to.contain('rakuten_api_not_enabled');

    // the right keys: connected, with the licence's expiry; saved, then forgotten by the form
    type(el, 'rakuten-licenseKey', s.rakuten.licenseKey);
    await el.updateComplete;
    button(account(el, 'rakuten'), '接続テスト')!.click();
    await waitUntil(() => deepText(account(el, 'rakuten')).includes('接続できました。'), 'the right keys did not connect', { timeout: 8000 });
    const accountSaved = new Promise((resolve) => el.addEventListener('goq-mall-account-saved', resolve, { once: true }));
    button(account(el, 'rakuten'), '認証情報を保存')!.click();
    await accountSaved;
    await el.updateComplete;
    expect(account(el, 'rakuten').querySelector<HTMLInputElement>('#rakuten-licenseKey')!.value).to.equal('');
    expect(deepText(account(el, 'rakuten'))).to.contain('認証情報を保存しました。');
    expect(JSON.stringify(await api<MallAccountList>(s, '/malls'))).to.not.contain(s.rakuten.licenseKey);
  });

  it('warns from 14 days before the licence key expires, and not before', async () => {
    const soon = await mount(await shop({ licenceDays: 10 }));
    const text = deepText(account(soon, 'rakuten'));
    expect(text).to.contain('あと10日');
    expect(text).to.contain('ライセンスキーの有効期限まであと10日です。');
    expect(text).to.contain('有効期間は90日');
    expect(account(soon, 'rakuten').querySelector('.notice.warn[role="alert"]')).to.not.equal(null);

    const later = await mount(await shop({ licenceDays: 40 }));
    expect(deepText(account(later, 'rakuten'))).to.contain('あと40日');
    expect(account(later, 'rakuten').querySelector('.notice.warn')).to.equal(null);
  });

  it('shows the RMS setup steps when the API is not enabled', async () => {
    const el = await mount(await shop({ apiNotEnabled: true }));
    const section = account(el, 'rakuten');
    expect(deepText(section)).to.contain('APIが利用設定されていません');
    const steps = [...section.querySelectorAll('.setup ol li')].map((li) => li.textContent!.trim());
    expect(steps).to.have.length(5);
    expect(steps[3]).to.contain('「問い合わせ管理API(InquiryManagementAPI)」の全項目すべてに利用中のチェックを入れ');
    expect(steps[4]).to.contain('[登録する]');
    // the last error in Japanese; the server's text only under 詳細
    expect(section.querySelector('.last-error p')!.textContent).to.contain('楽天RMSが認証を拒否しました');
    expect(section.querySelector<HTMLDetailsElement>('.last-error details')!.open).to.equal(false);
  });

  it('tells whether 問い合わせユーザアクション通知 arrives, and the 30-day rule when it does not', async () => {
    const none = await mount(await shop());
    const text = deepText(account(none, 'rakuten'));
    expect(text).to.contain('まだ受信していません');
    expect(text).to.contain('30日以上経過したお問い合わせは');
    expect(text).to.contain('約7営業日');

    const arriving = await mount(await shop({ notifiedMinutesAgo: 30 }));
    const ok = deepText(account(arriving, 'rakuten'));
    expect(ok).to.contain('承認済み・受信しています');
    expect(ok).to.not.contain('30日以上経過したお問い合わせは');
  });

  it("a store without the API option sees the manual's notice, not an error", async () => {
    const el = await mount(await shop({ apiOption: false }));
    const section = account(el, 'rakuten');
    expect(deepText(section)).to.contain('お問い合わせ管理はAPIオプションを契約している店舗様が対象となります。');
    expect(section.querySelector('[role="alert"]')).to.equal(null);
    expect(section.querySelector('.last-error')).to.equal(null);
    expect(button(section, '今すぐ同期')).to.equal(undefined);
  });

  it('[今すぐ同期] syncs the account and says what came in', async () => {
    const el = await mount(await shop({ licenceDays: 60 }));
    button(account(el, 'rakuten'), '今すぐ同期')!.click();
    await waitUntil(() => /同期しました|同期を開始しました/.test(deepText(account(el, 'rakuten'))), 'no sync answer', { timeout: 15000 });
    expect(deepText(account(el, 'rakuten'))).to.not.contain('まだ同期していません');
  });

  it('is read-only for a member who is not an admin', async () => {
    const s = await shop();
    const el = await mount(s, s.staffToken);
    expect(deepText(el)).to.contain('設定の変更は管理者のみ行えます');
    expect($<HTMLInputElement>(el, '#phone')!.disabled).to.equal(true);
    expect($<HTMLInputElement>(el, '#rakuten-serviceSecret')!.disabled).to.equal(true);
    expect(button(el.shadowRoot!, '保存')).to.equal(undefined);
    expect(button(el.shadowRoot!, '接続テスト')).to.equal(undefined);
    expect(button(el.shadowRoot!, '認証情報を保存')).to.equal(undefined);
  });
});
