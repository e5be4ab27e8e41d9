/** The template admin for a member who is not an admin (read-only), and the placeholders [注文者名] / [受注番号] with [コピー]. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/template-admin/index.ts';
import type { GoqTemplateAdmin } from '../../../widget/template-admin/template-admin.ts';
import { memberToken, newShop, testServer } from '../support/helpers.ts';

async function admin(url: string, token: string): Promise<GoqTemplateAdmin> {
  const el = await fixture<GoqTemplateAdmin>(html`<goq-template-admin api-base=${url} token=${token}></goq-template-admin>`);
  await waitUntil(() => el.shadowRoot!.querySelector('table, p.empty') !== null, 'list not loaded', { timeout: 8000 });
  return el;
}

const buttons = (el: GoqTemplateAdmin) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].map((b) => b.textContent!.trim());

describe('<goq-template-admin> and roles', () => {
  it('shows a staff member the templates read-only, with a note that only admins change them; the server refuses them too', async () => {
    const { url } = await testServer();
    const { shopId, token } = await newShop();
    await fetch(`${url}/api/v1/templates`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: 'ご挨拶', name: '初回返信', body: '[注文者名]様\nお問い合わせありがとうございます。' }),
    });
    const staff = await memberToken(shopId, { staff: '佐藤', role: 'staff' });
    const el = await admin(url, staff);
    await waitUntil(() => el.shadowRoot!.querySelector('tbody tr'), 'no rows', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('tbody tr')!.textContent).to.contain('初回返信');
    expect(buttons(el)).not.to.include('新規作成');
    expect(buttons(el)).not.to.include('編集');
    expect(buttons(el)).not.to.include('削除');
    expect(el.shadowRoot!.querySelector('.read-only')!.textContent).to.equal('テンプレートの作成・編集・削除は管理者のみ行えます。');
    await expect(el).to.be.accessible();

    const refused = await fetch(`${url}/api/v1/templates`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: 'ご挨拶', name: '別の返信', body: 'x' }),
    });
    expect(refused.status).to.equal(403);
    expect(((await refused.json()) as { code: string }).code).to.equal('forbidden_role');
  });

  it('lists [注文者名] and [受注番号] with [コピー] and what they read as', async () => {
    const { url } = await testServer();
    const { token } = await newShop();
    const el = await admin(url, token);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="create-button"]')!.click();
    await el.updateComplete;
    for (const p of ['[注文者名]', '[受注番号]']) {
      const item = [...el.shadowRoot!.querySelectorAll('.placeholders li')].find((li) => li.querySelector('.token')!.textContent!.trim() === p);
      expect(item, p).to.exist;
      expect(item!.querySelector('.copy')!.textContent!.trim()).to.equal('コピー');
    }
    const hints = [...el.shadowRoot!.querySelectorAll('.placeholders .hint')].map((h) => h.textContent);
    expect(hints).to.deep.equal(['注文者のお名前（Yahoo!ショッピングでは「お客様」）', '受注番号（注文がない場合は空欄）']);
    const copy = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.placeholders .copy')].find((b) => b.getAttribute('aria-label')!.startsWith('[注文者名]'))!;
    copy.click();
    await waitUntil(async () => (await navigator.clipboard.readText()) === '[注文者名]', 'not copied', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });
});
