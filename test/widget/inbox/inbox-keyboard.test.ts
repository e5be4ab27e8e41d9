/** Keyboard use of the inbox: j/k and the arrows through the list, r to the reply, Ctrl+Enter to send, inquiry-id. */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { composerOf, listLoading, createShop, detailSubject, listOf, openInbox, root, rows, tabs, textareaOf, threadMessages } from './inbox-helpers.ts';

const focusedRow = (el: HTMLElement) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('<goq-inquiry-inbox> keyboard', () => {
  it('moves through the list with j/k and ArrowDown/ArrowUp, outside text fields', async () => {
    const shop = await createShop({ demo: false, bulk: 5 });
    const el = await openInbox(shop);
    tabs(el)[0].focus();
    // Tabs keep their own arrows (left/right); j moves to the list.
    await sendKeys({ press: 'j' });
    await waitUntil(() => detailSubject(el) === '一括テスト 001', undefined, { timeout: 5000 });
    expect(focusedRow(el)?.dataset.id).to.equal(rows(el)[0].dataset.id);
    await sendKeys({ press: 'j' });
    await waitUntil(() => detailSubject(el) === '一括テスト 002', undefined, { timeout: 5000 });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => detailSubject(el) === '一括テスト 003', undefined, { timeout: 5000 });
    expect(focusedRow(el)?.getAttribute('aria-current')).to.equal('true');
    await sendKeys({ press: 'k' });
    await waitUntil(() => detailSubject(el) === '一括テスト 002', undefined, { timeout: 5000 });
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => detailSubject(el) === '一括テスト 001', undefined, { timeout: 5000 });
    await sendKeys({ press: 'k' }); // stays on the first row
    await new Promise((r) => setTimeout(r, 100));
    expect(detailSubject(el)).to.equal('一括テスト 001');
    expect(el.inquiryId).to.equal(rows(el)[0].dataset.id);

    // In the search box, j is a letter, not a move.
    const search = root(el).querySelector<HTMLInputElement>('input.search')!;
    search.focus();
    await sendKeys({ press: 'j' });
    await new Promise((r) => setTimeout(r, 100));
    expect(detailSubject(el)).to.equal('一括テスト 001');
    expect(search.value).to.equal('j');
  });

  it('focuses the reply with r and sends with Ctrl+Enter', async () => {
    const shop = await createShop({ demo: false, bulk: 3 });
    const el = await openInbox(shop);
    rows(el)[1].focus();
    await sendKeys({ press: 'j' });
    await waitUntil(() => detailSubject(el) === '一括テスト 003' && composerOf(el), undefined, { timeout: 5000 });
    await composerOf(el)!.updateComplete;
    await sendKeys({ press: 'r' });
    const area = textareaOf(el);
    expect(composerOf(el)!.shadowRoot!.activeElement).to.equal(area);
    expect(area.value).to.equal('', 'the r is not typed into the reply');
    await sendKeys({ type: 'ご連絡ありがとうございます。' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => threadMessages(el).some((m) => m.body === 'ご連絡ありがとうございます。' && m.delivery === '送信中'), 'not sent', { timeout: 8000 });
    await waitUntil(() => textareaOf(el).value === '', undefined, { timeout: 5000 });
  });

  it('opens straight onto the inquiry named by inquiry-id, on its tab', async () => {
    const shop = await createShop();
    const el = await openInbox(shop, { inquiryId: shop.ids['goq-demo-store-q-5002'] });
    await waitUntil(() => detailSubject(el) === '急須の使い方', 'detail', { timeout: 8000 });
    await waitUntil(() => el.status === 'replied' && !listLoading(el) && rows(el).length === 2, undefined, { timeout: 5000 });
    expect(tabs(el)[1].getAttribute('aria-selected')).to.equal('true');
    const selected = rows(el).find((r) => r.getAttribute('aria-current') === 'true');
    expect(selected?.dataset.id).to.equal(shop.ids['goq-demo-store-q-5002']);
  });
});
