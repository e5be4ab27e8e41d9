/**
 * Two members of one shop in two inboxes on the same inquiry: presence (閲覧中 / 返信を作成中 within a
 * second), 社内メモ (added, seen by the other, deleted by its author only), 担当者 ([自分が担当する], the
 * member picker, the list filter and its counts), and the panel's assignee.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { InquiryDetail, NoteView, TeamFields } from '../../../shared/api.ts';
import '../../../widget/panel/index.ts';
import type { GoqInquiryPanel } from '../../../widget/panel/panel.ts';
import { countBadge, createShop, listLoading, openInbox, root, rowSubjects, textareaOf, threadMessages, typeInto } from '../inbox/inbox-helpers.ts';
import { api, asMember, detailShown, presenceLine, rowTeamText, select } from './team-helpers.ts';

const GIFT = 'ギフト包装はできますか';

describe('team work in the thread', () => {
  it('shows the other member as 閲覧中, then 返信を作成中 while they type, within a second; never oneself', async () => {
    const shop = await createShop();
    const id = shop.ids['398765-20261126-00004'];
    const a = await openInbox(shop, { inquiryId: id });
    await detailShown(a, id);
    expect(presenceLine(a)).to.equal('');

    const sato = await asMember(shop, '佐藤');
    const b = await openInbox(sato, { inquiryId: id });
    await detailShown(b, id);
    // within a second, with half a second more for a loaded two-core test machine
    await waitUntil(() => presenceLine(b) === '山田 花子さんが閲覧中', `B sees ${presenceLine(b)}`, { timeout: 1500 });
    await waitUntil(() => presenceLine(a) === '佐藤さんが閲覧中', `A sees ${presenceLine(a)}`, { timeout: 1500 });

    typeInto(textareaOf(b), 'ただいま確認しております。');
    await waitUntil(() => presenceLine(a) === '佐藤さんが返信を作成中', `A sees ${presenceLine(a)}`, { timeout: 1500 });
    expect(presenceLine(b)).not.to.contain('佐藤');
    await expect(a).to.be.accessible();

    b.remove();
    await waitUntil(() => presenceLine(a) === '', 'B left, A still sees them', { timeout: 15000 });
  });

  it('shows who is on the inquiry at once when the event stream opens after their heartbeat', async () => {
    const shop = await createShop();
    const id = shop.ids['398765-20261126-00004'];
    const sato = await asMember(shop, '佐藤');
    // B's event stream is held until A is on the inquiry: A's `presence.updated` goes out while B cannot hear it
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstBeat = () => {};
    const beaten = new Promise<void>((resolve) => (firstBeat = resolve));
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const fromB = (new Headers(init?.headers).get('Authorization') ?? '').endsWith(sato.token);
      const url = String(input);
      if (fromB && url.endsWith('/events')) await held;
      const response = await realFetch(input, init);
      if (fromB && url.endsWith('/presence')) firstBeat();
      return response;
    };
    try {
      const b = await openInbox(sato, { inquiryId: id });
      await detailShown(b, id);
      await beaten;
      expect(presenceLine(b)).to.equal('');
      await api(shop, 'POST', `/inquiries/${id}/presence`, { state: 'viewing' });
      release();
      // B's next heartbeat is seconds away (and A's): B learns of A as its stream opens
      await waitUntil(() => presenceLine(b) === '山田 花子さんが閲覧中', `B sees ${presenceLine(b)}`, { timeout: 1500 });
    } finally {
      window.fetch = realFetch;
    }
  });

  it('keeps who is on the inquiry when a re-read of it, sent before they came, answers after', async () => {
    const shop = await createShop();
    const id = shop.ids['398765-20261126-00004'];
    const a = await openInbox(shop, { inquiryId: id });
    await detailShown(a, id);
    // A's next read of the inquiry is taken now (nobody else here) and handed over only when released
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken = () => {};
    const read = new Promise<void>((resolve) => (taken = resolve));
    const realFetch = window.fetch;
    let holding = false;
    window.fetch = async (input, init) => {
      const fromA = (new Headers(init?.headers).get('Authorization') ?? '').endsWith(shop.token);
      const response = await realFetch(input, init);
      if (!holding && fromA && (init?.method ?? 'GET') === 'GET' && new URL(String(input)).pathname.endsWith(`/inquiries/${id}`)) {
        holding = true;
        taken();
        await held;
      }
      return response;
    };
    try {
      // a 社内メモ announces the inquiry as changed: A reads it again
      await api(shop, 'POST', `/inquiries/${id}/notes`, { body: '在庫を確認中' });
      await read;
      // B comes (a heartbeat of their page, which reads nothing else here)
      await api(await asMember(shop, '佐藤'), 'POST', `/inquiries/${id}/presence`, { state: 'viewing' });
      await waitUntil(() => presenceLine(a) === '佐藤さんが閲覧中', `A sees ${presenceLine(a)}`, { timeout: 1500 });
      release();
      await new Promise((r) => setTimeout(r, 500));
      expect(presenceLine(a)).to.equal('佐藤さんが閲覧中');
    } finally {
      window.fetch = realFetch;
      release();
    }
  });

  it('adds a 社内メモ that the other member sees at once and only its author may delete; it is no message', async () => {
    const shop = await createShop();
    const id = shop.ids['398765-20261126-00004'];
    const sato = await asMember(shop, '佐藤');
    const a = await openInbox(shop, { inquiryId: id });
    const b = await openInbox(sato, { inquiryId: id });
    await detailShown(a, id);
    await detailShown(b, id);
    const messagesBefore = threadMessages(a).length;

    const form = root(a).querySelector<HTMLFormElement>('form.note-form')!;
    form.querySelector('textarea')!.value = '包装紙の在庫を倉庫に確認中。\n明日回答予定。';
    form.querySelector<HTMLButtonElement>('button.add-note')!.click();
    await waitUntil(() => root(a).querySelector('.note'), 'the note is not shown', { timeout: 5000 });
    const note = root(a).querySelector('.note')!;
    expect(note.querySelector('.note-label')!.textContent).to.equal('社内メモ');
    expect(note.querySelector('.note-author')!.textContent).to.equal('山田 花子');
    expect(note.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-/);
    expect(note.querySelector('.note-body')!.textContent).to.equal('包装紙の在庫を倉庫に確認中。\n明日回答予定。');
    expect(getComputedStyle(note).backgroundColor).to.equal('rgb(255, 248, 197)');
    expect(threadMessages(a).length).to.equal(messagesBefore);
    expect(form.querySelector('textarea')!.value).to.equal('');

    // the other member sees it, without a delete button (not theirs)
    await waitUntil(() => root(b).querySelector('.note'), 'B does not see the note', { timeout: 5000 });
    expect(root(b).querySelector('.note .delete-note')).to.equal(null);
    const [stored] = (await api<{ items: NoteView[] }>(sato, 'GET', `/inquiries/${id}/notes`)).items;
    const refused = await fetch(`${shop.url}/api/v1/notes/${stored.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${sato.token}` } });
    expect(refused.status).to.equal(403);
    await expect(a).to.be.accessible();

    root(a).querySelector<HTMLButtonElement>('.note .delete-note')!.click();
    await waitUntil(() => !root(a).querySelector('.note'), 'the note stays', { timeout: 5000 });
    await waitUntil(() => !root(b).querySelector('.note'), 'B still sees the deleted note', { timeout: 5000 });
  });

  it('assigns with [自分が担当する] and the member picker; the list, the filter with its counts, the other page and the panel follow', async () => {
    const shop = await createShop();
    const id = shop.ids['398765-20261126-00004'];
    const sato = await asMember(shop, '佐藤');
    // B opens the inbox: the server knows 佐藤 from now on
    const b = await openInbox(sato);
    const a = await openInbox(shop, { inquiryId: id });
    await detailShown(a, id);
    await waitUntil(() => rowTeamText(a, GIFT).includes('未割り当て'), rowTeamText(a, GIFT), { timeout: 5000 });

    root(a).querySelector<HTMLButtonElement>('button.assign-me')!.click();
    await waitUntil(() => root(a).querySelector<HTMLSelectElement>('select.assignee-picker')!.selectedOptions[0]?.textContent === '山田 花子', 'picker', { timeout: 5000 });
    await waitUntil(() => !root(a).querySelector('button.assign-me'), 'still offers 自分が担当する', { timeout: 5000 });
    await waitUntil(() => rowTeamText(a, GIFT).includes('担当: 山田 花子'), rowTeamText(a, GIFT), { timeout: 5000 });
    await waitUntil(() => rowTeamText(b, GIFT).includes('担当: 山田 花子'), `B: ${rowTeamText(b, GIFT)}`, { timeout: 5000 });

    // 自分が担当する list: only this one; its count follows
    await select(root(a).querySelector<HTMLSelectElement>('select.assignee-filter')!, 'me');
    await waitUntil(() => !listLoading(a) && rowSubjects(a).join() === GIFT, `mine: ${rowSubjects(a)}`, { timeout: 5000 });
    await waitUntil(() => countBadge(a)?.textContent?.trim() === '1件', 'the count did not follow the filter', { timeout: 5000 });

    // hand it to 佐藤 with the picker: gone from 自分の担当, in B's
    await select(root(a).querySelector<HTMLSelectElement>('select.assignee-picker')!, (await api<{ items: { id: string; name: string }[] }>(shop, 'GET', '/staff')).items.find((m) => m.name === '佐藤')!.id);
    await waitUntil(() => !listLoading(a) && rowSubjects(a).length === 0, `mine after handing over: ${rowSubjects(a)}`, { timeout: 5000 });
    await waitUntil(() => countBadge(a)?.textContent?.trim() === '0件', 'the count did not follow', { timeout: 5000 });
    await select(root(b).querySelector<HTMLSelectElement>('select.assignee-filter')!, 'me');
    await waitUntil(() => !listLoading(b) && rowSubjects(b).join() === GIFT, `B's: ${rowSubjects(b)}`, { timeout: 5000 });

    // 未割り当て: the others
    await select(root(a).querySelector<HTMLSelectElement>('select.assignee-filter')!, 'unassigned');
    await waitUntil(() => !listLoading(a) && rowSubjects(a).length === 3 && !rowSubjects(a).includes(GIFT), `unassigned: ${rowSubjects(a)}`, { timeout: 5000 });

    const detail = await api<InquiryDetail & TeamFields>(shop, 'GET', `/inquiries/${id}`);
    expect(detail.assignee?.name).to.equal('佐藤');
  });

  it('shows the assignee in the order panel', async () => {
    const shop = await createShop();
    const id = shop.ids['398765-20261118-00001'];
    const me = (await api<{ id: string }>(shop, 'GET', '/staff/me')).id;
    await api(shop, 'PUT', `/inquiries/${id}/assignee`, { staffId: me });
    const panel = await fixture<GoqInquiryPanel>(html`<goq-inquiry-panel api-base=${shop.url} token=${shop.token} order-id="398765-20261118-0000100001"></goq-inquiry-panel>`);
    await waitUntil(() => panel.shadowRoot!.querySelector('.assignee'), 'no assignee in the panel', { timeout: 8000 });
    expect(panel.shadowRoot!.querySelector('.assignee')!.textContent).to.equal('担当: 山田 花子');
  });
});
