/**
 * The inbox on the server composed as `npm start` composes it: the demo shop synced from the Rakuten and
 * Yahoo! simulators through the real clients, replies pushed by the outbox worker, the mall accounts' health.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { InquiryDetail, MallAccountList } from '../../../shared/api.ts';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';
import { composerOf, openInbox, root, rows, textareaOf, threadMessages, type TestShop } from './inbox-helpers.ts';

// A 1×1 PNG: the simulator takes what the mall takes.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

async function mallServer(): Promise<TestShop> {
  const { url, token } = (await executeServerCommand('inbox:mall-server')) as { url: string; token: string };
  return { url, token, shopId: '', ids: {} };
}

async function api<T>(shop: TestShop, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${shop.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${shop.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as T;
}

const composerRoot = (el: GoqInquiryInbox) => composerOf(el)!.shadowRoot!;

/** The mocha context's one method used here (the project carries no mocha types). */
interface Mocha {
  timeout(ms: number): void;
}

describe('<goq-inquiry-inbox> with the mall simulators', () => {
  it('sends a reply with a template and an attachment to the Rakuten simulator: 送信中, then 送信済み, stored once', async function () {
    (this as Mocha).timeout(60_000); // a sync and an outbox round trip through the simulators
    const shop = await mallServer();
    const el = await openInbox(shop);
    await waitUntil(() => rows(el).some((r) => r.querySelector('.mall.rakuten')), 'nothing synced from the Rakuten simulator', { timeout: 15000 });
    rows(el).find((r) => r.querySelector('.mall.rakuten'))!.click();
    await waitUntil(() => composerOf(el), 'no composer', { timeout: 8000 });
    await composerOf(el)!.updateComplete;
    const inquiryId = el.inquiryId;

    // template by category, then name; placeholders filled from the settings and the token
    const picker = composerRoot(el).querySelector<HTMLElement>('.picker')!;
    const category = picker.querySelector<HTMLSelectElement>('select.category')!;
    category.value = 'ご挨拶';
    category.dispatchEvent(new Event('change'));
    await composerOf(el)!.updateComplete;
    const name = picker.querySelector<HTMLSelectElement>('select.name')!;
    name.value = [...name.options].find((o) => o.textContent!.trim() === '初回返信')!.value;
    name.dispatchEvent(new Event('change'));
    await composerOf(el)!.updateComplete;
    picker.querySelector<HTMLButtonElement>('button.insert')!.click();
    await composerOf(el)!.updateComplete;
    const body = textareaOf(el).value;
    expect(body).to.match(/^.+の山田 花子です。\nこの度はご注文いただきありがとうございます！/);
    expect(body).not.to.contain('[');

    const input = composerRoot(el).querySelector<HTMLInputElement>('input[type=file]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([PNG], 'pixel.png', { type: 'image/png' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await composerOf(el)!.updateComplete;
    composerRoot(el).querySelector<HTMLButtonElement>('button.send')!.click();

    const mine = () => threadMessages(el).filter((m) => m.body === body);
    await waitUntil(() => mine().length === 1 && mine()[0].delivery === '送信中', 'not shown as 送信中', { timeout: 8000 });
    await waitUntil(() => mine().length === 1 && mine()[0].delivery === '送信済み', 'the outbox did not deliver it', { timeout: 20000 });

    const detail = await api<InquiryDetail>(shop, 'GET', `/inquiries/${inquiryId}`);
    const sent = detail.messages.filter((m) => m.body === body);
    expect(sent.length).to.equal(1);
    expect(sent[0].delivery).to.equal('sent');
    expect(sent[0].attachments.map((a) => a.name)).to.deep.equal(['pixel.png']);

    // the mall has it: a fresh sync from the simulator finds the same message, not a second one
    await fetch(`${shop.url}/api/v1/malls/rakuten/sync`, { method: 'POST', headers: { Authorization: `Bearer ${shop.token}` } });
    const again = await api<InquiryDetail>(shop, 'GET', `/inquiries/${inquiryId}`);
    expect(again.messages.filter((m) => m.body === body).length).to.equal(1);
  });

  it('shows the Rakuten setup steps when the mall refuses the keys', async function () {
    (this as Mocha).timeout(60_000);
    const shop = await mallServer();
    const before = await openInbox(shop);
    // (the Yahoo! simulator's rate limit may flag that account for a moment; Rakuten is healthy)
    expect(root(before).querySelector('.health section[aria-label="楽天市場"]'), 'a healthy Rakuten account: no banner').to.equal(null);
    before.remove();

    await fetch(`${shop.url}/api/v1/malls/rakuten`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${shop.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ credentials: { serviceSecret: 'SP000000_wrong', licenseKey: 'SL000000_wrong', shopId: '398765' } }),
    });
    await fetch(`${shop.url}/api/v1/malls/rakuten/sync`, { method: 'POST', headers: { Authorization: `Bearer ${shop.token}` } });
    await waitUntil(
      async () => (await api<MallAccountList>(shop, 'GET', '/malls')).items.some((a) => a.mall === 'rakuten' && a.health !== 'ok'),
      'the refused keys did not change the health',
      { timeout: 10000 },
    );

    const el = await openInbox(shop);
    await waitUntil(() => root(el).querySelector('.health section[aria-label="楽天市場"]'), 'no banner', { timeout: 8000 });
    const banner = root(el).querySelector('.health section[aria-label="楽天市場"]')!;
    expect(banner.textContent).to.match(/楽天市場の(問い合わせ管理APIが利用できません|APIに接続できません)/);
    expect([...banner.querySelectorAll('ol.steps li')].length).to.equal(5);
    expect(banner.querySelector('ol.steps li')!.textContent).to.contain('[WEB APIサービス]');
    expect(banner.querySelector('ul.causes')!.textContent).to.contain('90日');
    await expect(el).to.be.accessible();
  });
});
