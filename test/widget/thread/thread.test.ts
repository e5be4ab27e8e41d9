import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/thread/index.ts';
import type { MessageView } from '../../../shared/api.ts';
import type { GoqThread } from '../../../widget/thread/thread.ts';

function message(partial: Partial<MessageView> & Pick<MessageView, 'id' | 'sender' | 'body'>): MessageView {
  return { staffName: null, sentAt: '2026-11-28T03:04:00.000Z', delivery: 'sent', failureReason: null, attachments: [], ...partial };
}

describe('<goq-thread>', () => {
  it('labels senders and shows each shop message\'s delivery: 送信中, 送信済み, 送信失敗 with the reason and [再送信]', async () => {
    const messages = [
      message({ id: 'm1', sender: 'customer', body: '質問です' }),
      message({ id: 'm2', sender: 'shop', staffName: '山田 花子', body: '回答です', delivery: 'sent' }),
      message({ id: 'm3', sender: 'shop', staffName: '山田 花子', body: '追加です', delivery: 'pending' }),
      message({ id: 'm4', sender: 'shop', staffName: '山田 花子', body: 'もう一度', delivery: 'failed', failureReason: '本文にURLが含まれています' }),
    ];
    const el = await fixture<GoqThread>(html`<goq-thread .messages=${messages} mall="rakuten" customer-name="佐藤 美咲"></goq-thread>`);
    const items = [...el.shadowRoot!.querySelectorAll('li[part~="message"]')];
    expect(items).to.have.length(4);
    expect(items[0]!.textContent).to.include('佐藤 美咲 様');
    expect(items[0]!.textContent).to.include('2026/11/28 12:04');
    expect(items[0]!.querySelector('[part="delivery"]')).to.equal(null);
    expect(items[1]!.textContent).to.include('山田 花子');
    expect(items[1]!.querySelector('[part="delivery"]')!.textContent).to.include('送信済み');
    expect(items[2]!.querySelector('[part="delivery"]')!.textContent).to.include('送信中');
    const failed = items[3]!.querySelector('[part="delivery"]')!;
    expect(failed.textContent).to.include('送信失敗');
    expect(failed.textContent).to.include('本文にURLが含まれています');
    expect(items[1]!.querySelector('button')).to.equal(null);
    const resend = failed.querySelector('button')!;
    expect(resend.textContent!.trim()).to.equal('再送信');
    setTimeout(() => resend.click());
    const event = (await oneEvent(el, 'goq-retry')) as CustomEvent<{ messageId: string }>;
    expect(event.detail.messageId).to.equal('m4');
    expect(event.composed).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('never shows a Yahoo! customer name, even when one is given', async () => {
    const el = await fixture<GoqThread>(
      html`<goq-thread .messages=${[message({ id: 'y1', sender: 'customer', body: 'こんにちは' })]} mall="yahoo" customer-name="伊藤 直子"></goq-thread>`,
    );
    expect(el.shadowRoot!.textContent).not.to.include('伊藤');
    expect(el.shadowRoot!.textContent).to.include('お客様');
  });

  it('renders a 500-message thread', async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      message({ id: `m${i}`, sender: i % 2 ? 'shop' : 'customer', body: `メッセージ ${i}\n二行目` }),
    );
    const el = await fixture<GoqThread>(html`<goq-thread .messages=${many}></goq-thread>`);
    expect(el.shadowRoot!.querySelectorAll('li[part~="message"]')).to.have.length(500);
  });
});
