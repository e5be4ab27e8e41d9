/**
 * Two members on the server composed as `npm start` composes it (the simulated malls, the outbox worker):
 * 二重返信防止 end to end, and 送信して完了 with a mall that accepts the reply.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { InquiryDetail, MessageView } from '../../../shared/api.ts';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';
import { composerOf, openInbox, root, rows, textareaOf, typeInto, type TestShop } from '../inbox/inbox-helpers.ts';
import { api, composerRoot, detailShown, presenceLine } from './team-helpers.ts';

interface Mocha {
  timeout(ms: number): void;
}

async function member(staff: string, role: 'admin' | 'staff'): Promise<TestShop> {
  const { url, shopId } = (await executeServerCommand('inbox:team-mall-server')) as { url: string; shopId: string };
  const token = (await executeServerCommand('inbox:team-mall-member', { staff, role })) as string;
  return { url, token, shopId, ids: {} };
}

/** Opens a Rakuten inquiry that needs a reply and no other test has used; returns its id. */
async function openUnusedRakuten(el: GoqInquiryInbox, used: Set<string>): Promise<string> {
  const free = () => rows(el).find((r) => r.querySelector('.mall.rakuten') && !used.has(r.dataset.id!));
  await waitUntil(free, 'nothing synced from the Rakuten simulator', { timeout: 20000 });
  const row = free()!;
  used.add(row.dataset.id!);
  row.click();
  await detailShown(el, row.dataset.id!);
  return row.dataset.id!;
}

const used = new Set<string>();

async function delivered(shop: TestShop, id: string, bodies: string[]): Promise<InquiryDetail> {
  let detail: InquiryDetail | null = null;
  await waitUntil(
    async () => {
      detail = await api<InquiryDetail>(shop, 'GET', `/inquiries/${id}`);
      return bodies.every((b) => detail!.messages.some((m) => m.body === b && m.delivery === 'sent'));
    },
    'the outbox did not deliver the replies',
    { timeout: 30000, interval: 250 },
  );
  return detail!;
}

describe('two members on the simulated malls', () => {
  it('refuses the stale reply with 409: B sees A\'s reply above the kept draft, confirms, and the mall holds both replies once', async function () {
    (this as Mocha).timeout(90_000);
    const yamada = await member('山田', 'admin');
    const sato = await member('佐藤', 'staff');
    const a = await openInbox(yamada);
    const id = await openUnusedRakuten(a, used);
    const b = await openInbox(sato, { inquiryId: id });
    await detailShown(b, id);
    // presence's one-second promise is timed in team-thread.test.ts; here it sets the scene for the 409
    await waitUntil(() => presenceLine(a) === '佐藤さんが閲覧中', `A sees "${presenceLine(a)}"`, { timeout: 3000 });

    const draftB = '佐藤です。在庫を確認のうえ、明日ご連絡いたします。';
    typeInto(textareaOf(b), draftB);
    await waitUntil(() => presenceLine(a) === '佐藤さんが返信を作成中', `A sees "${presenceLine(a)}"`, { timeout: 3000 });

    // A answers first
    const replyA = '山田です。ご注文の商品は本日発送いたしました。';
    typeInto(textareaOf(a), replyA);
    const sentA = oneEvent(a, 'goq-reply-sent') as Promise<CustomEvent<{ message: MessageView }>>;
    composerRoot(a).querySelector<HTMLButtonElement>('button.send')!.click();
    await sentA;

    // B sends the draft written before A's reply: refused, nothing lost
    composerRoot(b).querySelector<HTMLButtonElement>('button.send')!.click();
    await waitUntil(() => composerRoot(b).querySelector('.thread-changed'), 'B was not told the thread changed', { timeout: 8000 });
    const changed = composerRoot(b).querySelector('.thread-changed')!;
    expect([...changed.querySelectorAll('.new-body')].map((p) => p.textContent)).to.include(replyA);
    expect(changed.querySelector('.confirm-send')!.textContent!.trim()).to.equal('内容を確認して送信');
    expect(changed.querySelector('.back-to-edit')!.textContent!.trim()).to.equal('編集に戻る');
    // above the kept draft
    expect(changed.compareDocumentPosition(composerRoot(b).querySelector('textarea')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    expect(textareaOf(b).value).to.equal(draftB);
    expect((await api<InquiryDetail>(sato, 'GET', `/inquiries/${id}`)).messages.some((m) => m.body === draftB)).to.equal(false);
    await expect(b).to.be.accessible();

    const sentB = oneEvent(b, 'goq-reply-sent') as Promise<CustomEvent<{ message: MessageView }>>;
    (changed.querySelector('.confirm-send') as HTMLButtonElement).click();
    await sentB;
    await waitUntil(() => textareaOf(b).value === '', 'B\'s composer kept the sent text', { timeout: 5000 });

    const detail = await delivered(yamada, id, [replyA, draftB]);
    expect(detail.messages.filter((m) => m.body === replyA).length).to.equal(1);
    expect(detail.messages.filter((m) => m.body === draftB).length).to.equal(1);
    const atMall = (await executeServerCommand('inbox:team-mall-replies', { mallInquiryId: detail.mallInquiryId })) as string[];
    expect(atMall.filter((body) => body === replyA).length).to.equal(1);
    expect(atMall.filter((body) => body === draftB).length).to.equal(1);
  });

  it('送信して完了 completes the inquiry once the mall has the reply', async function () {
    (this as Mocha).timeout(90_000);
    const yamada = await member('山田', 'admin');
    const el = await openInbox(yamada);
    const id = await openUnusedRakuten(el, used);
    const body = 'ご確認ありがとうございます。これにて対応を完了いたします。';
    typeInto(textareaOf(el), body);
    await composerOf(el)!.updateComplete;
    const button = composerRoot(el).querySelector<HTMLButtonElement>('button.send-complete')!;
    expect(button.textContent!.trim()).to.equal('送信して完了');
    button.click();
    await delivered(yamada, id, [body]);
    await waitUntil(async () => (await api<InquiryDetail>(yamada, 'GET', `/inquiries/${id}`)).completed, 'not completed after delivery', { timeout: 15000 });
    await waitUntil(() => root(el).querySelector('button.complete')?.textContent?.trim() === '対応完了', 'the thread does not show 対応完了', { timeout: 8000 });
  });
});
