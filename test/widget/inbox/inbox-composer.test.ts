/** The reply composer inside the inbox: mall limits, templates with placeholders, attachments, refusals. */
import { expect, waitUntil } from '@open-wc/testing';
import { composerOf, createShop, openInbox, openRow, textareaOf, threadMessages, typeInto } from './inbox-helpers.ts';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';

const composerRoot = (el: GoqInquiryInbox) => composerOf(el)!.shadowRoot!;
const pickerRoot = (el: GoqInquiryInbox) => composerRoot(el);
const templateRoot = (el: GoqInquiryInbox) => composerRoot(el).querySelector<HTMLElement>('.picker')!;
const problems = (el: GoqInquiryInbox) => [...composerRoot(el).querySelectorAll('ul.problems li')].map((li) => li.textContent!.trim());
const codes = (el: GoqInquiryInbox) => [...composerRoot(el).querySelectorAll('ul.problems li')].map((li) => li.getAttribute('data-code'));
const attachmentProblems = (el: GoqInquiryInbox) => [...pickerRoot(el).querySelectorAll('.file-problems li')].map((li) => li.textContent!.trim());
const chosenFiles = (el: GoqInquiryInbox) => [...pickerRoot(el).querySelectorAll('ul[part=file-list] .name')].map((n) => n.textContent!.trim());

function sendButton(el: GoqInquiryInbox): HTMLButtonElement {
  return composerRoot(el).querySelector<HTMLButtonElement>('button.send')!;
}

async function update(el: GoqInquiryInbox): Promise<void> {
  await composerOf(el)!.updateComplete;
}

function file(name: string, size: number, type = 'image/png'): File {
  return new File([new Uint8Array(size)], name, { type });
}

/** Puts files into the picker as the file dialog does. */
async function pick(el: GoqInquiryInbox, files: File[]): Promise<void> {
  const input = pickerRoot(el).querySelector<HTMLInputElement>('input[type=file]')!;
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(f);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await update(el);
}

async function chooseTemplate(el: GoqInquiryInbox, category: string, name: string): Promise<void> {
  const tr = templateRoot(el);
  const categorySelect = tr.querySelector<HTMLSelectElement>('select.category')!;
  categorySelect.value = category;
  categorySelect.dispatchEvent(new Event('change'));
  await composerOf(el)!.updateComplete;
  const nameSelect = tr.querySelector<HTMLSelectElement>('select.name')!;
  const option = [...nameSelect.options].find((o) => o.textContent!.trim() === name)!;
  expect(option, `template ${name}`).to.exist;
  nameSelect.value = option.value;
  nameSelect.dispatchEvent(new Event('change'));
  await composerOf(el)!.updateComplete;
  tr.querySelector<HTMLButtonElement>('button.insert')!.click();
  await update(el);
}

describe('<goq-inquiry-inbox> reply composer', () => {
  it('shows the characters used out of 2,000 and Rakuten\'s per-line and link rules as the user types', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, '配送日時の変更について');
    const area = textareaOf(el);
    typeInto(area, 'お待たせしました。');
    await update(el);
    expect(composerRoot(el).querySelector('.count')!.textContent!.trim()).to.equal('9 / 2,000文字');
    expect(composerRoot(el).querySelector('.line-limit')!.textContent!.trim()).to.equal('1行300文字まで');
    expect(problems(el)).to.deep.equal([]);

    typeInto(area, `一行目\n${'あ'.repeat(301)}`);
    await update(el);
    expect(codes(el)).to.deep.equal(['line_too_long']);
    expect(problems(el)[0]).to.equal('2行目: 1行は300文字以内で入力してください（楽天市場の制限）。');
    expect(area.getAttribute('aria-invalid')).to.equal('true');

    typeInto(area, '詳しくは http://example.com/track をご覧ください。');
    await update(el);
    expect(codes(el)).to.deep.equal(['link_not_allowed']);
    expect(problems(el)[0]).to.contain('http://example.com/track');
    // the mall would refuse it: nothing is sent, the text stays
    const before = threadMessages(el).length;
    sendButton(el).click();
    await update(el);
    await new Promise((r) => setTimeout(r, 200));
    expect(threadMessages(el).length).to.equal(before);
    expect(area.value).to.contain('http://example.com/track');
    expect(composerRoot(el).querySelector('ul.problems')!.getAttribute('role')).to.equal('alert');

    typeInto(area, 'https://item.rakuten.co.jp/shop/item/ をご覧ください。');
    await update(el);
    expect(problems(el)).to.deep.equal([]);

    typeInto(area, 'い'.repeat(2001).replace(/(.{200})/g, '$1\n'));
    await update(el);
    expect(codes(el)).to.include('body_too_long');
    expect(composerRoot(el).querySelector('.count')!.classList.contains('over')).to.equal(true);
  });

  it('says an empty reply is empty only when the user tries to send it', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'まな板のサイズについて');
    expect(problems(el)).to.deep.equal([]);
    sendButton(el).click();
    await update(el);
    expect(problems(el)).to.deep.equal(['本文を入力してください。']);
    expect(composerRoot(el).querySelector('.line-limit'), 'Yahoo! has no per-line limit').to.equal(null);
  });

  it('inserts a template at the cursor with the placeholders filled, per the inquiry\'s mall', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, '配送日時の変更について');
    const area = textareaOf(el);
    typeInto(area, '佐藤 美咲 様\n\nよろしくお願いいたします。');
    const caret = '佐藤 美咲 様\n\n'.length;
    area.setSelectionRange(caret, caret);
    await chooseTemplate(el, '配送', 'お届け日変更の承諾');
    expect(area.value).to.equal(
      '佐藤 美咲 様\n\n和みの茶屋 楽天市場店の山田 花子です。\nお届け日のご変更を承りました。\nご不明な点は03-1234-5678までお問い合わせください。よろしくお願いいたします。',
    );
    expect(composerRoot(el).activeElement).to.equal(area);
    expect(composerRoot(el).querySelector('.placeholders')).to.equal(null);

    // A Yahoo! inquiry gets the Yahoo! store's name.
    await openRow(el, 'まな板のサイズについて');
    await chooseTemplate(el, 'ご挨拶', '初回返信');
    expect(textareaOf(el).value).to.equal('和みの茶屋 Yahoo!店の山田 花子です。\nこの度はご注文いただきありがとうございます！');
  });

  it('filters template names by category', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, '配送日時の変更について');
    const tr = templateRoot(el);
    const names = () => [...tr.querySelectorAll<HTMLOptionElement>('select.name option')].slice(1).map((o) => o.textContent!.trim());
    expect(names().length).to.equal(5);
    const category = tr.querySelector<HTMLSelectElement>('select.category')!;
    expect([...category.options].map((o) => o.textContent!.trim())).to.include.members(['ご挨拶', '配送', '返品・交換', 'テスト']);
    category.value = '配送';
    category.dispatchEvent(new Event('change'));
    await composerOf(el)!.updateComplete;
    expect(names().sort()).to.deep.equal(['お届け日変更の承諾', '発送のお知らせ'].sort());
  });

  it('flags an unknown placeholder, and one left unfilled, before sending', async () => {
    const shop = await createShop({ noPhone: true });
    const el = await openInbox(shop);
    await openRow(el, 'ギフト包装はできますか');
    await chooseTemplate(el, 'テスト', '不明な差し込み');
    const warning = composerRoot(el).querySelector('.placeholders')!;
    expect(warning.textContent).to.contain('[ポイント残高]');
    expect(textareaOf(el).value).to.equal('和みの茶屋 楽天市場店です。[ポイント残高]をご確認ください。');
    // the first [送信] does not send: it asks to confirm
    const before = threadMessages(el).length;
    sendButton(el).click();
    await update(el);
    expect(composerRoot(el).querySelector('.placeholders')!.getAttribute('role')).to.equal('alert');
    expect(composerRoot(el).querySelector('.confirm')!.textContent).to.contain('もう一度[送信]');
    await new Promise((r) => setTimeout(r, 200));
    expect(threadMessages(el).length).to.equal(before);

    typeInto(textareaOf(el), '');
    await chooseTemplate(el, '配送', 'お届け日変更の承諾');
    expect(textareaOf(el).value).to.contain('[店舗電話番号]');
    expect(composerRoot(el).querySelector('.placeholders')!.textContent).to.contain('[店舗電話番号]');
  });

  it('checks attachments against the mall\'s rules before upload, and lets them be removed', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, '配送日時の変更について');
    expect(pickerRoot(el).querySelector('.rules')!.textContent!.trim()).to.equal('1件まで・5MBまで・png / jpg / gif / pdf');

    await pick(el, [file('setup.exe', 10)]);
    expect(attachmentProblems(el)).to.deep.equal(['setup.exe: 添付できるのは png / jpg / gif / pdf のファイルのみです。']);
    expect(chosenFiles(el)).to.deep.equal([]);

    await pick(el, [file('big.png', 5 * 1024 * 1024 + 1)]);
    expect(attachmentProblems(el)).to.deep.equal(['big.png: ファイルサイズが上限（5MB）を超えています。']);

    const longName = `${'a'.repeat(97)}.png`;
    await pick(el, [file(longName, 10)]);
    expect(attachmentProblems(el)[0]).to.contain('ファイル名は100文字以内');

    await pick(el, [file('photo.png', 1000), file('second.png', 1000)]);
    expect(chosenFiles(el)).to.deep.equal(['photo.png']);
    expect(attachmentProblems(el)).to.deep.equal(['添付できるファイル数を超えています。']);

    pickerRoot(el).querySelector<HTMLButtonElement>('button.remove')!.click();
    await update(el);
    expect(chosenFiles(el)).to.deep.equal([]);

    // drag and drop onto the composer
    const transfer = new DataTransfer();
    transfer.items.add(file('receipt.pdf', 2000, 'application/pdf'));
    const form = composerRoot(el).querySelector('form')!;
    form.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await update(el);
    expect(chosenFiles(el)).to.deep.equal(['receipt.pdf']);
  });

  it('allows Yahoo!\'s larger attachment count', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'まな板のサイズについて');
    await pick(el, [file('a.png', 10), file('b.jpg', 10, 'image/jpeg'), file('c.gif', 10, 'image/gif'), file('d.png', 10)]);
    expect(chosenFiles(el)).to.deep.equal(['a.png', 'b.jpg', 'c.gif']);
    expect(attachmentProblems(el)).to.deep.equal(['添付できるファイル数を超えています。']);
  });

  it('is themed from the page: --goq-* custom properties and ::part through the nested elements', async () => {
    const style = document.createElement('style');
    style.textContent = `
      goq-inquiry-inbox { --goq-color-accent: rgb(10, 20, 30); }
      goq-inquiry-inbox::part(dropzone) { border-color: rgb(200, 0, 0); }
      goq-inquiry-inbox::part(row-selected) { color: rgb(0, 120, 0); }
    `;
    document.head.append(style);
    try {
      const shop = await createShop();
      const el = await openInbox(shop);
      await openRow(el, '配送日時の変更について');
      expect(getComputedStyle(sendButton(el)).backgroundColor).to.equal('rgb(10, 20, 30)');
      expect(getComputedStyle(pickerRoot(el).querySelector('.dropzone')!).borderTopColor).to.equal('rgb(200, 0, 0)');
      const selected = el.shadowRoot!.querySelector('.row[aria-current=true]')!;
      expect(getComputedStyle(selected).color).to.equal('rgb(0, 120, 0)');
    } finally {
      style.remove();
    }
  });
});
