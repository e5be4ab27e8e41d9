/** The inbox's tabs, counts, list paging, filters and the Yahoo! name rule, against the real server. */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  listLoading,
  countBadge,
  createShop,
  customerWrites,
  detailSubject,
  listOf,
  openInbox,
  openRow,
  root,
  rows,
  rowSubjects,
  tabs,
  threadOf,
} from './inbox-helpers.ts';

describe('<goq-inquiry-inbox> tabs and list', () => {
  it('follows the WAI-ARIA tabs pattern: roles, selection, roving tabindex, arrows, Home/End', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    const tablist = root(el).querySelector('[role=tablist]')!;
    expect(tablist).to.exist;
    const [needs, replied, completed] = tabs(el);
    expect(needs.textContent!.replace('4件', '').trim()).to.equal('返信が必要');
    expect(needs.querySelector('.count')!.textContent).to.equal('4件');
    expect(replied.textContent!.trim()).to.equal('返信済み');
    expect(completed.textContent!.trim()).to.equal('対応完了');
    expect(needs.getAttribute('aria-selected')).to.equal('true');
    expect(replied.getAttribute('aria-selected')).to.equal('false');
    expect(needs.tabIndex).to.equal(0);
    expect(replied.tabIndex).to.equal(-1);
    for (const tab of tabs(el)) {
      const panel = root(el).getElementById(tab.getAttribute('aria-controls')!);
      expect(panel, 'aria-controls names a tabpanel').to.exist;
      expect(panel!.getAttribute('role')).to.equal('tabpanel');
      expect(panel!.getAttribute('aria-labelledby')).to.equal(tab.id);
    }

    needs.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => el.status === 'replied' && !listLoading(el) && rows(el).length === 2, undefined, { timeout: 5000 });
    expect(el.getAttribute('status')).to.equal('replied');
    expect(root(el).activeElement).to.equal(tabs(el)[1]);
    expect(tabs(el)[1].tabIndex).to.equal(0);
    expect(tabs(el)[0].tabIndex).to.equal(-1);
    expect(rowSubjects(el).sort()).to.deep.equal(['商品の色違いについて', '急須の使い方'].sort());

    await sendKeys({ press: 'End' });
    await waitUntil(() => el.status === 'completed' && !listLoading(el) && rows(el).length === 2, undefined, { timeout: 5000 });
    expect(rowSubjects(el).sort()).to.deep.equal(['賞味期限について', '領収書の発行について'].sort());
    await sendKeys({ press: 'ArrowRight' }); // wraps to the first tab
    await waitUntil(() => el.status === 'needs-reply', undefined, { timeout: 5000 });
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => el.status === 'completed', undefined, { timeout: 5000 });
    await sendKeys({ press: 'Home' });
    await waitUntil(() => el.status === 'needs-reply' && !listLoading(el) && rows(el).length === 4, undefined, { timeout: 5000 });
    expect(root(el).querySelectorAll('[role=tabpanel]:not([hidden])').length).to.equal(1);
  });

  it('shows a count on 返信が必要 only, and announces a change once in one live region', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    expect(countBadge(el)!.textContent!.trim()).to.equal('4件');
    expect(tabs(el)[1].querySelector('.count')).to.equal(null);
    expect(tabs(el)[2].querySelector('.count')).to.equal(null);
    const live = root(el).querySelectorAll('[aria-live]');
    expect(live.length).to.equal(1);
    expect(live[0].textContent!.trim()).to.equal('');

    await openRow(el, '在庫の再入荷について');
    root(el).querySelector<HTMLButtonElement>('button.complete')!.click();
    // a Yahoo! inquiry: completing it is confirmed first (it cannot be reopened)
    await el.updateComplete;
    root(el).querySelector<HTMLButtonElement>('.confirm-complete button.confirm')!.click();
    await waitUntil(() => countBadge(el)?.textContent?.trim() === '3件', 'the count did not follow', { timeout: 8000 });
    await waitUntil(() => live[0].textContent!.trim() === '返信が必要 3件', undefined, { timeout: 5000 });
    expect(root(el).querySelectorAll('[aria-live]').length).to.equal(1);
  });

  it('opens on the tab its status attribute names, and reflects a change', async () => {
    const shop = await createShop();
    const el = await openInbox(shop, { status: 'completed' });
    expect(tabs(el)[2].getAttribute('aria-selected')).to.equal('true');
    expect(rowSubjects(el).sort()).to.deep.equal(['賞味期限について', '領収書の発行について'].sort());
    el.status = 'replied';
    await waitUntil(() => !listLoading(el) && rowSubjects(el).includes('急須の使い方'), undefined, { timeout: 5000 });
    expect(el.getAttribute('status')).to.equal('replied');
    tabs(el)[0].click();
    await waitUntil(() => el.getAttribute('status') === 'needs-reply', undefined, { timeout: 5000 });
  });

  it('lists newest activity first and pages by cursor as the list scrolls, then by [もっと見る]', async () => {
    const shop = await createShop({ demo: false, bulk: 75 });
    const el = await openInbox(shop);
    const expected = Array.from({ length: 75 }, (_, i) => `一括テスト ${String(i + 1).padStart(3, '0')}`);
    expect(rowSubjects(el)).to.deep.equal(expected.slice(0, 30));
    expect(countBadge(el)!.textContent!.trim()).to.equal('75件');

    // Scrolling the list to its end brings the next page (IntersectionObserver on the sentinel).
    const pane = listOf(el)!;
    pane.scrollTop = pane.scrollHeight;
    await waitUntil(() => rows(el).length === 60, 'the second page did not load on scroll', { timeout: 8000 });
    expect(rowSubjects(el)).to.deep.equal(expected.slice(0, 60));

    const more = pane.querySelector<HTMLButtonElement>('button.more');
    expect(more!.textContent!.trim()).to.equal('もっと見る');
    more!.click();
    await waitUntil(() => rows(el).length === 75, 'the last page did not load', { timeout: 8000 });
    expect(rowSubjects(el)).to.deep.equal(expected);
    await waitUntil(() => !listLoading(el), undefined, { timeout: 5000 });
    expect(pane.querySelector('button.more')).to.equal(null);
  });

  it('filters by mall and searches', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    const select = root(el).querySelector<HTMLSelectElement>('select.mall-filter')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['すべて', '楽天市場', 'Yahoo!ショッピング']);
    select.value = 'yahoo';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => !listLoading(el) && rows(el).length === 2, undefined, { timeout: 5000 });
    expect(rows(el).every((r) => r.querySelector('.mall')!.textContent!.trim() === 'Yahoo!ショッピング')).to.equal(true);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => !listLoading(el) && rows(el).length === 4, undefined, { timeout: 5000 });

    const search = root(el).querySelector<HTMLInputElement>('input.search')!;
    search.value = 'まな板';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => !listLoading(el) && rowSubjects(el).join() === 'まな板のサイズについて', 'search', { timeout: 5000 });
  });

  it('shows row facts: mall, subject, Rakuten customer name, preview, JST time, order id', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    const row = rows(el).find((r) => r.textContent!.includes('配送日時の変更について'))!;
    expect(row.querySelector('.mall')!.textContent!.trim()).to.equal('楽天市場');
    expect(row.querySelector('.customer')!.textContent!.trim()).to.equal('お客様: 佐藤 美咲');
    expect(row.querySelector('.preview')!.textContent).to.contain('追跡番号');
    expect(row.querySelector('.order')!.textContent).to.contain('398765-20261118-0000100001');
    const time = row.querySelector('time')!;
    const jst = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(time.getAttribute('datetime')!));
    expect(time.textContent!.trim()).to.equal(jst);
  });

  it('never shows a Yahoo! customer name, in the list, the detail or the thread', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    for (const row of rows(el).filter((r) => r.querySelector('.mall.yahoo'))) {
      expect(row.querySelector('.customer')!.textContent!.trim()).to.equal('お客様');
    }
    await openRow(el, 'まな板のサイズについて');
    expect(root(el).querySelector('.facts .customer')!.textContent!.trim()).to.equal('お客様');
    const thread = threadOf(el)!;
    await thread.updateComplete;
    expect(thread.customerName).to.equal(null);
    expect(thread.shadowRoot!.querySelector('.who')!.textContent!.trim()).to.equal('お客様');
    // the orderer's name from the back office never leaks into the inbox
    expect(el.shadowRoot!.innerHTML).not.to.contain('伊藤');
  });

  it('fires a cancelable goq-open-order with the order id and the host URL', async () => {
    const shop = await createShop();
    const el = await openInbox(shop, { orderUrl: '/orders/{orderId}/detail' });
    await openRow(el, 'まな板のサイズについて');
    const button = root(el).querySelector<HTMLButtonElement>('button.open-order')!;
    expect(button.textContent!.trim()).to.equal('注文詳細を開く');
    setTimeout(() => button.click());
    const before = location.href;
    el.addEventListener('goq-open-order', (e) => e.preventDefault(), { once: true });
    const event = (await oneEvent(el, 'goq-open-order')) as CustomEvent<{ orderId: string; url: string }>;
    expect(event.detail).to.deep.equal({ orderId: 'goq-demo-store-10000201', url: '/orders/goq-demo-store-10000201/detail' });
    expect(event.cancelable).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(location.href).to.equal(before);
  });

  it('follows the server: a new customer inquiry appears, with the count and one announcement', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'まな板のサイズについて');
    await customerWrites(shop, '名入れはできますか');
    await waitUntil(() => rowSubjects(el)[0] === '名入れはできますか', 'the new inquiry did not appear', { timeout: 8000 });
    await waitUntil(() => countBadge(el)?.textContent?.trim() === '5件', 'the count did not follow', { timeout: 8000 });
    expect(root(el).querySelector('[aria-live]')!.textContent!.trim()).to.equal('返信が必要 5件');
    // the open inquiry stays open
    expect(detailSubject(el)).to.equal('まな板のサイズについて');
  });

  it('speaks English with lang="en"', async () => {
    const shop = await createShop();
    const el = await openInbox(shop, { lang: 'en' });
    expect(tabs(el).map((t) => t.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Needs reply4', 'Replied', 'Completed']);
    await openRow(el, 'まな板のサイズについて');
    expect(root(el).querySelector('button.complete')!.textContent!.trim()).to.equal('Complete');
    expect(root(el).querySelector('button.open-order')!.textContent!.trim()).to.equal('Open order');
  });

  it('is accessible (axe) with an inquiry open', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, '配送日時の変更について');
    expect(detailSubject(el)).to.equal('配送日時の変更について');
    await expect(el).to.be.accessible();
  });
});
