/**
 * The small things: an inquiry opened by `inquiry-id` is brought into view in its list; templates are
 * in the same order in the template admin and the reply picker; the duplicate-template refusal is said once.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/template-admin/index.ts';
import type { GoqTemplateAdmin } from '../../../widget/template-admin/template-admin.ts';
import { deepText } from '../support/helpers.ts';
import { composerOf, createShop, openInbox, openRow, root, rows } from './inbox-helpers.ts';

describe('small things', () => {
  it('opened by inquiry-id, the selected inquiry is scrolled into view in the list', async () => {
    const shop = await createShop({ demo: false, bulk: 40 });
    const first = await openInbox(shop);
    const target = rows(first)[24]!.dataset.id!;
    first.remove();
    const el = await openInbox(shop, { inquiryId: target });
    const row = () => root(el).querySelector<HTMLElement>(`.row[data-id="${target}"]`);
    await waitUntil(() => row()?.getAttribute('aria-current') === 'true', 'not selected', { timeout: 8000 });
    const pane = root(el).querySelector<HTMLElement>('.list-pane')!;
    await waitUntil(() => {
      const r = row()!.getBoundingClientRect();
      const p = pane.getBoundingClientRect();
      return r.top >= p.top && r.bottom <= p.bottom;
    }, 'the selected row is outside the list');
  });

  it('the reply picker lists templates in the template admin’s order', async () => {
    const shop = await createShop();
    const admin = await fixture<GoqTemplateAdmin>(html`<goq-template-admin api-base=${shop.url} token=${shop.token}></goq-template-admin>`);
    await waitUntil(() => admin.shadowRoot!.querySelector('table') !== null, 'no list', { timeout: 8000 });
    const listed = [...admin.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => {
      const cells = tr.querySelectorAll('td');
      return `${cells[0]!.textContent!.trim()} / ${cells[1]!.textContent!.trim()}`;
    });
    const el = await openInbox(shop);
    await openRow(el, '配送日時の変更について');
    const picker = composerOf(el)!.shadowRoot!;
    const offered = [...picker.querySelectorAll<HTMLOptionElement>('select.name option')].slice(1).map((o) => o.textContent!.trim());
    expect(offered).to.deep.equal(listed);
    const categories = [...picker.querySelectorAll<HTMLOptionElement>('select.category option')].slice(1).map((o) => o.textContent!.trim());
    expect(categories).to.deep.equal([...new Set(listed.map((l) => l.split(' / ')[0]))]);
  });

  it('says the duplicate-template refusal once', async () => {
    const shop = await createShop();
    const admin = await fixture<GoqTemplateAdmin>(html`<goq-template-admin api-base=${shop.url} token=${shop.token}></goq-template-admin>`);
    await waitUntil(() => admin.shadowRoot!.querySelector('table') !== null, 'no list', { timeout: 8000 });
    const [category, name] = admin.shadowRoot!.querySelectorAll('tbody tr td');
    [...admin.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === '新規作成')!.click();
    await admin.updateComplete;
    for (const [id, value] of [['category', category!.textContent!.trim()], ['name', name!.textContent!.trim()], ['body', '二つ目']]) {
      const field = admin.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
      field.value = value!;
      field.dispatchEvent(new Event('input'));
    }
    [...admin.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === '保存')!.click();
    await waitUntil(() => admin.shadowRoot!.querySelector('.form-error') !== null, 'no refusal', { timeout: 8000 });
    const sentence = '同じカテゴリ名とテンプレート名のテンプレートがすでにあります';
    expect(deepText(admin).split(sentence).length - 1).to.equal(1);
    expect(admin.shadowRoot!.querySelector('#name')!.getAttribute('aria-describedby')).to.equal('name-error');
  });
});
