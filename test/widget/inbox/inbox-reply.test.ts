/** Sending: 送信中 at once, 送信済み or 送信失敗 with [再送信], refusals, drafts, completion, the health banner. */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { MessageView } from '../../../shared/api.ts';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';
import type { MallAccountView } from '../../../shared/api.ts';
import { GoqElement } from '../../../widget/core/goq-element.ts';
import { inboxMessages } from '../../../widget/inbox/inbox.messages.ts';
import { healthStyles, renderMallHealth } from '../../../widget/inbox/mall-health-banner.ts';
import { themeStyles } from '../../../widget/core/styles.ts';

/** The banner as the inbox renders it, in an element of its own (same catalogue, same styles). */
class BannerHost extends GoqElement {
  static override messages = inboxMessages;
  static override styles = [themeStyles, healthStyles];
  accounts: MallAccountView[] = [];
  override render() {
    return renderMallHealth(this.accounts, this.t.bind(this), this.currentLang);
  }
}
customElements.define('test-health-banner', BannerHost);
import {
  listLoading,
  composerOf,
  createShop,
  deliverMessage,
  failMessage,
  listOf,
  openInbox,
  openRow,
  root,
  rowSubjects,
  tabs,
  textareaOf,
  threadMessages,
  threadOf,
  typeInto,
} from './inbox-helpers.ts';

const composerRoot = (el: GoqInquiryInbox) => composerOf(el)!.shadowRoot!;

async function send(el: GoqInquiryInbox, text: string, files: File[] = []): Promise<void> {
  typeInto(textareaOf(el), text);
  if (files.length) {
    const input = composerRoot(el).querySelector<HTMLInputElement>('input[type=file]')!;
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(f);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
  }
  await composerOf(el)!.updateComplete;
  composerRoot(el).querySelector<HTMLButtonElement>('button.send')!.click();
}

const lastShopMessage = (el: GoqInquiryInbox) => threadMessages(el).filter((m) => m.body !== '').at(-1)!;

/** `size` bytes that start as a PNG does: the server checks a file's bytes against its extension. */
function pngOf(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

describe('<goq-inquiry-inbox> sending a reply', () => {
  it('shows the reply at once as 送信中, fires goq-reply-sent, then 送信済み once the mall has it', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, '配送日時の変更について');
    const sent = oneEvent(el, 'goq-reply-sent') as Promise<CustomEvent<{ inquiryId: string; message: MessageView }>>;
    await send(el, '追跡番号は 1234-5678-9012 です。', [new File([pngOf(2048)], '送り状.png', { type: 'image/png' })]);
    // at once, before the server has answered
    await waitUntil(() => lastShopMessage(el).body === '追跡番号は 1234-5678-9012 です。', undefined, { timeout: 5000 });
    expect(lastShopMessage(el).delivery).to.equal('送信中');
    const event = await sent;
    expect(event.detail.inquiryId).to.equal(shop.ids['398765-20261118-00001']);
    expect(event.detail.message.delivery).to.equal('pending');
    expect(event.detail.message.attachments.map((a) => a.name)).to.deep.equal(['送り状.png']);
    expect(event.composed).to.equal(true);
    await waitUntil(() => textareaOf(el).value === '', 'the composer is cleared once accepted', { timeout: 5000 });
    // the outbox has it: it stays 送信中 until the mall answers
    await waitUntil(() => threadOf(el)!.messages.at(-1)!.id === event.detail.message.id, undefined, { timeout: 5000 });
    expect(lastShopMessage(el).delivery).to.equal('送信中');
    const links = [...threadOf(el)!.shadowRoot!.querySelectorAll('li.shop')].at(-1)!.querySelectorAll('.attachments a');
    expect(links.length).to.equal(1);

    await deliverMessage(shop, event.detail.message.id);
    await waitUntil(() => lastShopMessage(el).delivery === '送信済み', 'delivery did not change to 送信済み', { timeout: 8000 });
    // it moved to 返信済み: out of this tab's list
    await waitUntil(() => !rowSubjects(el).includes('配送日時の変更について'), 'the list did not follow', { timeout: 8000 });
  });

  it('shows 送信失敗 with the mall\'s reason and [再送信], which sends it again', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'ギフト包装はできますか');
    const sent = oneEvent(el, 'goq-reply-sent') as Promise<CustomEvent<{ message: MessageView }>>;
    await send(el, 'ギフト包装・のし紙ともに承ります。');
    const { message } = (await sent).detail;
    await failMessage(shop, message.id, '楽天: 送信先のお問い合わせは締め切られています');
    const thread = threadOf(el)!;
    await waitUntil(() => lastShopMessage(el).delivery === '送信失敗', '送信失敗 not shown', { timeout: 8000 });
    const item = [...thread.shadowRoot!.querySelectorAll('li.shop')].at(-1)!;
    expect(item.querySelector('.delivery')!.textContent).to.contain('楽天: 送信先のお問い合わせは締め切られています');
    const retry = item.querySelector<HTMLButtonElement>('button[part=retry-button]')!;
    expect(retry.textContent!.trim()).to.equal('再送信');
    retry.click();
    await waitUntil(() => lastShopMessage(el).delivery === '送信中', 'retry did not go back to 送信中', { timeout: 8000 });
    expect(thread.messages.at(-1)!.failureReason).to.equal(null);
  });

  it('keeps the text and says why when the server refuses the reply', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'まな板のサイズについて');
    const before = threadMessages(el).length;
    // Three files within Yahoo!'s rules, but together over the server's request size limit.
    const big = (name: string) => new File([new Uint8Array(4.5 * 1024 * 1024)], name, { type: 'image/png' });
    await send(el, '写真をお送りします。', [big('1.png'), big('2.png'), big('3.png')]);
    await waitUntil(() => composerRoot(el).querySelector('.refusal'), 'no refusal shown', { timeout: 15000 });
    expect(composerRoot(el).querySelector('.refusal')!.textContent).to.contain('送信できませんでした');
    expect(composerRoot(el).querySelector('.refusal')!.getAttribute('role')).to.equal('alert');
    expect(textareaOf(el).value).to.equal('写真をお送りします。');
    expect(threadMessages(el).length).to.equal(before);
  });

  it('saves the draft per inquiry as the user types; it survives a reload and is cleared once sent', async () => {
    const shop = await createShop();
    const id = shop.ids['goq-demo-store-q-5001'];
    const first = await openInbox(shop, { inquiryId: id });
    await waitUntil(() => composerOf(first), 'composer', { timeout: 8000 });
    await composerOf(first)!.updateComplete;
    typeInto(textareaOf(first), '厚みは2.5cmです。\n食洗機は');
    const keys = Object.keys(localStorage).filter((k) => k.includes(shop.shopId) && k.endsWith(id));
    expect(keys.length).to.equal(1);
    expect(keys[0]).to.contain(shop.url);
    first.remove();

    const second = await openInbox(shop, { inquiryId: id });
    await waitUntil(() => composerOf(second) && textareaOf(second).value === '厚みは2.5cmです。\n食洗機は', 'draft not restored', { timeout: 8000 });

    // another inquiry has its own (empty) draft
    await openRow(second, '在庫の再入荷について');
    expect(textareaOf(second).value).to.equal('');
    await openRow(second, 'まな板のサイズについて');
    expect(textareaOf(second).value).to.equal('厚みは2.5cmです。\n食洗機は');

    typeInto(textareaOf(second), '厚みは2.5cmです。食洗機はお使いいただけません。');
    composerRoot(second).querySelector<HTMLButtonElement>('button.send')!.click();
    await waitUntil(() => textareaOf(second).value === '', 'not sent', { timeout: 8000 });
    expect(localStorage.getItem(keys[0])).to.equal(null);
  });

  it('[完了する] completes: the button then reads [対応完了] and the inquiry moves to 対応完了', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, '配送日時の変更について');
    const button = root(el).querySelector<HTMLButtonElement>('button.complete')!;
    expect(button.textContent!.trim()).to.equal('完了する');
    expect(root(el).querySelector('button.reopen')).to.equal(null);
    setTimeout(() => button.click());
    const event = (await oneEvent(el, 'goq-completed')) as CustomEvent<{ inquiryId: string }>;
    expect(event.detail.inquiryId).to.equal(shop.ids['398765-20261118-00001']);
    await waitUntil(() => root(el).querySelector('button.complete')!.textContent!.trim() === '対応完了', undefined, { timeout: 5000 });
    expect(root(el).querySelector('button.complete')!.getAttribute('aria-disabled')).to.equal('true');
    await waitUntil(() => !rowSubjects(el).includes('配送日時の変更について'), 'still listed under 返信が必要', { timeout: 8000 });
    tabs(el)[2].click();
    await waitUntil(() => !listLoading(el) && rowSubjects(el).includes('配送日時の変更について'), 'not under 対応完了', { timeout: 8000 });

    // Rakuten may be reopened
    const reopen = root(el).querySelector<HTMLButtonElement>('button.reopen')!;
    expect(reopen).to.exist;
    setTimeout(() => reopen.click());
    await oneEvent(el, 'goq-reopened');
    await waitUntil(() => root(el).querySelector('button.complete')!.textContent!.trim() === '完了する', undefined, { timeout: 5000 });
  });

  it('offers no reopening for a completed Yahoo! inquiry', async () => {
    const shop = await createShop();
    const el = await openInbox(shop, { status: 'completed' });
    await openRow(el, '賞味期限について');
    expect(root(el).querySelector('button.complete')!.textContent!.trim()).to.equal('対応完了');
    expect(root(el).querySelector('button.reopen')).to.equal(null);
  });
});

describe('<goq-inquiry-inbox> mall health', () => {
  it('shows a banner exactly when GET /malls reports an account needing attention (none when the route is absent)', async () => {
    const shop = await createShop({
      accounts: [
        { mall: 'rakuten', health: 'api_not_enabled', error: { code: 'rakuten_api_not_enabled', message: 'GA0001 Un-Authorised' } },
        { mall: 'yahoo', apiOption: false },
      ],
    });
    const response = await fetch(`${shop.url}/api/v1/malls`, { headers: { Authorization: `Bearer ${shop.token}` } });
    const el = await openInbox(shop);
    const banner = root(el).querySelector('.health')!;
    if (response.status === 404) {
      await new Promise((r) => setTimeout(r, 300));
      expect(banner.querySelectorAll('section').length).to.equal(0);
    } else {
      await waitUntil(() => banner.querySelectorAll('section').length === 2, 'no banner', { timeout: 8000 });
      expect(banner.querySelectorAll('ol.steps li').length).to.equal(5);
    }
  });

  it('gives Rakuten\'s five RMS setup steps and the other causes, and a notice without the API option', async () => {
    const banner = await fixture<BannerHost>(html`<test-health-banner
      .accounts=${[
        { mall: 'rakuten', configured: true, apiOption: true, health: 'auth_failed', lastSyncAt: null, lastError: { code: 'rakuten_auth_failed', message: 'GA0001 Un-Authorised' }, credentialExpiresAt: null },
        { mall: 'yahoo', configured: true, apiOption: false, health: 'ok', lastSyncAt: null, lastError: null, credentialExpiresAt: null },
        { mall: 'yahoo', configured: true, apiOption: true, health: 'ok', lastSyncAt: null, lastError: null, credentialExpiresAt: null },
      ]}
    ></test-health-banner>`);
    const sections = banner.shadowRoot!.querySelectorAll('section');
    expect(sections.length).to.equal(2);
    const steps = [...sections[0].querySelectorAll('ol.steps li')].map((li) => li.textContent!.trim());
    expect(steps).to.deep.equal([
      'RMSトップのサイドバー[店舗向け情報・サービス]から[WEB APIサービス]をクリックします。',
      '利用設定の[WEB API]をクリックします。',
      '利用機能一覧の[利用機能編集]ボタンをクリックします。',
      '「問い合わせ管理API(InquiryManagementAPI)」の全項目すべてに利用中のチェックを入れ、最下部にある[確認する]のボタンをクリックします。',
      '次のページで[登録する]をクリックします。',
    ]);
    expect(sections[0].querySelector('ul.causes')!.textContent).to.contain('90日');
    expect(sections[0].textContent).to.contain('GA0001 Un-Authorised');
    expect(sections[1].textContent).to.contain('APIオプションを契約している店舗様が対象となります');
    await expect(banner).to.be.accessible();
  });
});
