/**
 * The list's team features: 待ち時間 and 返信遅れ, the sort kept per member, 未読 with `title-count`,
 * 一括操作 (一括完了 with the Yahoo! warning first, each outcome; 担当者を変更), and 送信して完了 when the
 * mall refuses the reply.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { InquiryDetail, MessageView } from '../../../shared/api.ts';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';
import { memberToken, minutesAgo, newShop, recordInquiry, testServer } from '../support/helpers.ts';
import {
  countBadge,
  createShop,
  failMessage,
  listLoading,
  listOf,
  openInbox,
  openRow,
  root,
  rows,
  rowSubjects,
  textareaOf,
  threadMessages,
  typeInto,
  type TestShop,
} from '../inbox/inbox-helpers.ts';
import { api, asMember, checkboxOf, composerRoot, rowOf, rowTeamText, select } from './team-helpers.ts';

const OLD = 'ずっと待っています';
const NEW = 'いま届いたお問い合わせ';

/** A shop of its own with a customer who has waited ten days and one who wrote a minute ago. */
async function waitingShop(): Promise<TestShop> {
  const server = await testServer();
  const { shopId, token } = await newShop();
  const ask = (subject: string, sentAt: string) =>
    recordInquiry(shopId, { mall: 'rakuten', orderId: null, subject, customerName: '青木 陽子', messages: [{ sender: 'customer', body: `${subject}。`, sentAt }] });
  await ask(OLD, minutesAgo(10 * 24 * 60));
  await ask(NEW, minutesAgo(1));
  return { url: server.url, token, shopId, ids: {} };
}

const tick = (el: GoqInquiryInbox, subject: string) => {
  const box = checkboxOf(el, subject);
  box.checked = true;
  box.dispatchEvent(new Event('change'));
};

describe('team work in the list', () => {
  it('shows 待ち時間 in business time and 返信遅れ past the threshold; 待ち時間順 is kept for the member', async () => {
    const shop = await waitingShop();
    const el = await openInbox(shop);
    await waitUntil(() => rowTeamText(el, OLD).includes('返信遅れ'), `old row: ${rowTeamText(el, OLD)}`, { timeout: 5000 });
    expect(rowTeamText(el, OLD)).to.match(/待ち時間 \d+日/);
    expect(rowTeamText(el, NEW)).to.match(/待ち時間 [01]分/);
    expect(rowTeamText(el, NEW)).not.to.contain('返信遅れ');
    expect(rowSubjects(el)).to.deep.equal([NEW, OLD]);
    await expect(el).to.be.accessible();

    await select(root(el).querySelector<HTMLSelectElement>('select.sort')!, 'waiting');
    await waitUntil(() => !listLoading(el) && rowSubjects(el).join() === [OLD, NEW].join(), `waiting order: ${rowSubjects(el)}`, { timeout: 5000 });
    // saved through the preferences: the next inbox opens sorted the same way
    await waitUntil(async () => (await api<{ preferences: { inboxSort: string } }>(shop, 'GET', '/staff/me')).preferences.inboxSort === 'waiting', 'not saved', { timeout: 5000 });
    el.remove();
    const again = await openInbox(shop);
    await waitUntil(() => root(again).querySelector<HTMLSelectElement>('select.sort')!.value === 'waiting' && rowSubjects(again)[0] === OLD, 'the sort was not kept', { timeout: 5000 });
  });

  it('marks 未読 rows, puts their count in the page title with title-count, and opening one reads it', async () => {
    const shop = await waitingShop();
    const before = document.title;
    document.title = 'お問い合わせ管理';
    try {
      const el = await fixture<GoqInquiryInbox>(html`<goq-inquiry-inbox api-base=${shop.url} token=${shop.token} title-count></goq-inquiry-inbox>`);
      await waitUntil(() => rowOf(el, NEW) && rowOf(el, OLD), 'rows', { timeout: 8000 });
      await waitUntil(() => document.title === '(2) お問い合わせ管理', `title: ${document.title}`, { timeout: 5000 });
      expect(rowTeamText(el, NEW)).to.contain('未読');
      expect(rowOf(el, NEW)!.classList.contains('unread')).to.equal(true);
      await openRow(el, NEW);
      await waitUntil(() => !rowTeamText(el, NEW).includes('未読'), 'still 未読 after opening', { timeout: 5000 });
      await waitUntil(() => document.title === '(1) お問い合わせ管理', `title: ${document.title}`, { timeout: 5000 });
      expect(rowTeamText(el, OLD)).to.contain('未読');
      // per member: another member has read nothing
      const theirs = await openInbox({ ...shop, token: await memberToken(shop.shopId, { staff: '佐藤' }) });
      await waitUntil(() => rowTeamText(theirs, NEW).includes('未読'), 'read for another member too', { timeout: 5000 });
    } finally {
      document.title = before;
    }
  });

  it('completes a mixed selection: the Yahoo! warning and Yahoo! rows first, then each outcome; the counts match the rows', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    for (const subject of ['配送日時の変更について', 'まな板のサイズについて', 'ギフト包装はできますか']) tick(el, subject);
    // 一括操作 arrives with the first tick
    await waitUntil(() => root(el).querySelector('.bulk-count')?.textContent === '3件選択中', 'no bulk bar', { timeout: 5000 });
    // meanwhile a colleague completes one of them
    await api(shop, 'POST', `/inquiries/${shop.ids['398765-20261126-00004']}/complete`);

    root(el).querySelector<HTMLButtonElement>('button.bulk-complete')!.click();
    await el.updateComplete;
    const confirm = root(el).querySelector('.bulk-confirm')!;
    expect(confirm.querySelector('.yahoo-warning')!.textContent).to.equal('Yahoo!の仕様上、対応完了にすると返信が必要に戻すことはできません');
    const order = [...confirm.children].map((c) => c.className);
    expect(order.indexOf('warning yahoo-warning')).to.be.lessThan(order.indexOf('bulk-list'));
    expect([...confirm.querySelectorAll('.bulk-list li')].map((li) => li.className)).to.deep.equal(['yahoo', 'rakuten', 'rakuten']);
    expect(confirm.querySelector('.bulk-list li')!.textContent).to.contain('まな板のサイズについて');
    await expect(el).to.be.accessible();

    confirm.querySelector<HTMLButtonElement>('button.bulk-confirm-button')!.click();
    await waitUntil(() => root(el).querySelector('.bulk-results'), 'no outcome shown', { timeout: 8000 });
    const results = root(el).querySelector('.bulk-results')!;
    expect(results.querySelector('p')!.textContent).to.equal('結果: 2件成功、1件失敗');
    const failed = results.querySelector('li.failed')!;
    expect(failed.textContent).to.contain('ギフト包装はできますか');
    expect(failed.textContent).to.contain('すでに対応完了');
    expect(results.querySelectorAll('li.ok').length).to.equal(2);

    await waitUntil(() => !listLoading(el) && rowSubjects(el).join() === '在庫の再入荷について', `rows: ${rowSubjects(el)}`, { timeout: 8000 });
    await waitUntil(() => countBadge(el)?.textContent?.trim() === `${rows(el).length}件`, 'the count does not match the rows', { timeout: 8000 });
  });

  it('changes the assignee of the selected rows', async () => {
    const shop = await createShop();
    const sato = await asMember(shop, '佐藤');
    await api(sato, 'GET', '/staff/me'); // the server has seen 佐藤
    const el = await openInbox(shop);
    await waitUntil(() => root(el).querySelector('select.assignee-filter'), 'no filter', { timeout: 5000 });
    tick(el, '配送日時の変更について');
    tick(el, '在庫の再入荷について');
    await waitUntil(() => root(el).querySelector('select.bulk-assignee'), 'no bulk bar', { timeout: 5000 });
    const staff = await api<{ items: { id: string; name: string }[] }>(shop, 'GET', '/staff');
    await select(root(el).querySelector<HTMLSelectElement>('select.bulk-assignee')!, staff.items.find((m) => m.name === '佐藤')!.id);
    root(el).querySelector<HTMLButtonElement>('button.bulk-assign')!.click();
    await waitUntil(() => root(el).querySelector('.bulk-results p')?.textContent === '結果: 2件成功、0件失敗', 'no outcome', { timeout: 8000 });
    await waitUntil(() => rowTeamText(el, '配送日時の変更について').includes('担当: 佐藤') && rowTeamText(el, '在庫の再入荷について').includes('担当: 佐藤'), 'rows not reassigned', { timeout: 8000 });
    expect(rowTeamText(el, 'まな板のサイズについて')).to.contain('未割り当て');
  });

  it('送信して完了: when the mall refuses the reply the inquiry stays open and the reply is 送信失敗 with [再送信]', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'ギフト包装はできますか');
    typeInto(textareaOf(el), 'ギフト包装を承ります。');
    const sent = oneEvent(el, 'goq-reply-sent') as Promise<CustomEvent<{ message: MessageView }>>;
    composerRoot(el).querySelector<HTMLButtonElement>('button.send-complete')!.click();
    const { message } = (await sent).detail;
    await failMessage(shop, message.id, '楽天: 送信先のお問い合わせは締め切られています');
    await waitUntil(() => threadMessages(el).at(-1)?.delivery === '送信失敗', '送信失敗 not shown', { timeout: 8000 });
    expect(root(el).querySelector('button.complete')!.textContent!.trim()).to.equal('完了する');
    const detail = await api<InquiryDetail>(shop, 'GET', `/inquiries/${shop.ids['398765-20261126-00004']}`);
    expect(detail.completed).to.equal(false);
    expect(root(el).querySelector('goq-thread')!.shadowRoot!.querySelector('button[part=retry-button]')).to.exist;
    expect(listOf(el)).to.exist;
  });
});
