import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../widget/template-admin/index.ts';
import type { Template } from '../../../shared/api.ts';
import type { GoqTemplateAdmin } from '../../../widget/template-admin/template-admin.ts';
import { deepText, newShop, testServer } from '../support/helpers.ts';

interface Ctx {
  url: string;
  token: string;
  el: GoqTemplateAdmin;
}

async function api<T>(ctx: Pick<Ctx, 'url' | 'token'>, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${ctx.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${ctx.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

async function setUp(templates: Array<{ category: string; name: string; body: string }> = []): Promise<Ctx> {
  const { url } = await testServer();
  const { token } = await newShop();
  for (const t of templates) await api(ctx0(url, token), 'POST', '/templates', t);
  const el = await fixture<GoqTemplateAdmin>(html`<goq-template-admin api-base=${url} token=${token}></goq-template-admin>`);
  await waitUntil(() => el.shadowRoot!.querySelector('table, p.empty') !== null, 'list not loaded', { timeout: 8000 });
  return { url, token, el };
}

function ctx0(url: string, token: string) {
  return { url, token };
}

const $ = <T extends Element = HTMLElement>(el: GoqTemplateAdmin, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const buttons = (el: GoqTemplateAdmin) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')];
const button = (el: GoqTemplateAdmin, label: string) => buttons(el).find((b) => b.textContent!.trim() === label);

async function openNewForm(el: GoqTemplateAdmin): Promise<void> {
  button(el, '新規作成')!.click();
  await el.updateComplete;
  await waitUntil(() => $(el, 'form') !== null, 'form did not open');
}

function type(el: GoqTemplateAdmin, id: string, value: string): void {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, `#${id}`)!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

async function listed(ctx: Ctx): Promise<Template[]> {
  return (await api<{ items: Template[] }>(ctx, 'GET', '/templates')).items;
}

describe('<goq-template-admin>', () => {
  it('lists templates with カテゴリ名, テンプレート名, [編集] [削除] and offers [新規作成]', async () => {
    const { el } = await setUp([
      { category: 'お礼', name: 'ご注文ありがとうございます', body: '[出店モール店舗名]の[担当者名]です。' },
      { category: '配送', name: '発送のご連絡', body: '本日発送いたしました。' },
    ]);
    const text = deepText(el);
    expect(text).to.include('テンプレート一覧');
    expect([...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent!.trim())).to.include.members(['カテゴリ名', 'テンプレート名']);
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')];
    expect(rows).to.have.length(2);
    expect(rows[0]!.textContent).to.include('お礼');
    expect(rows[0]!.textContent).to.include('編集');
    expect(rows[0]!.textContent).to.include('削除');
    expect(button(el, '新規作成')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the form with ※必須 fields, the four placeholders with [コピー], the example, [キャンセル] [保存]', async () => {
    const { el } = await setUp();
    await openNewForm(el);
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.replace(/\s+/g, ''));
    expect(labels).to.deep.equal(['カテゴリ名※必須', 'テンプレート名※必須', '本文※必須']);
    for (const p of ['[出店モール店舗名]', '[担当者名]', '[店舗電話番号]', '[店舗メールアドレス]']) {
      const token = buttons(el).find((b) => b.textContent!.trim() === p);
      expect(token, p).to.exist;
      expect(token!.nextElementSibling!.textContent!.trim()).to.equal('コピー');
    }
    const example = $(el, '.example')!;
    expect(example.textContent).to.include('[出店モール店舗名]の[担当者名]です。\nこの度はご注文いただきありがとうございます！');
    expect(button(el, 'キャンセル')).to.exist;
    expect(button(el, '保存')).to.exist;
    await expect(el).to.be.accessible();
    button(el, 'キャンセル')!.click();
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.textContent!.trim()).to.equal('新規作成');
  });

  it('refuses empty required fields with a message beside each, and sends nothing', async () => {
    const ctx = await setUp();
    const { el } = ctx;
    await openNewForm(el);
    type(el, 'name', '   ');
    button(el, '保存')!.click();
    await el.updateComplete;
    for (const [field, label] of [['category', 'カテゴリ名'], ['name', 'テンプレート名'], ['body', '本文']] as const) {
      const control = $(el, `#${field}`)!;
      expect(control.getAttribute('aria-invalid'), field).to.equal('true');
      const message = $(el, `#${field}-error`)!;
      expect(message.textContent).to.equal(`${label}を入力してください。`);
      expect(control.getAttribute('aria-describedby')).to.equal(`${field}-error`);
      // beside its field: the message follows the control in the same field group
      expect(message.parentElement).to.equal(control.parentElement);
    }
    await expect(el).to.be.accessible();
    expect(await listed(ctx)).to.have.length(0);

    // filling one clears its message only
    type(el, 'category', 'お礼');
    await el.updateComplete;
    expect($(el, '#category-error')).to.equal(null);
    expect($(el, '#name-error')).to.exist;
  });

  it('copies a placeholder to the clipboard with [コピー]', async () => {
    const { el } = await setUp();
    await openNewForm(el);
    await navigator.clipboard.writeText('');
    const copy = buttons(el).find((b) => b.getAttribute('aria-label') === '[担当者名] をコピー')!;
    copy.click();
    await waitUntil(async () => (await navigator.clipboard.readText()) === '[担当者名]', 'clipboard not written');
    expect(deepText(el)).to.include('[担当者名] をコピーしました');
  });

  it('inserts a clicked placeholder at the cursor in 本文', async () => {
    const { el } = await setUp();
    await openNewForm(el);
    const body = $<HTMLTextAreaElement>(el, '#body')!;
    type(el, 'body', 'こんにちは。です。');
    body.focus();
    body.setSelectionRange(6, 6);
    body.dispatchEvent(new Event('select'));
    body.blur();
    buttons(el).find((b) => b.textContent!.trim() === '[出店モール店舗名]')!.click();
    await el.updateComplete;
    expect(body.value).to.equal('こんにちは。[出店モール店舗名]です。');
    expect(body.selectionStart).to.equal(6 + '[出店モール店舗名]'.length);
  });

  it('saves a new template, shows it in the list and fires goq-template-saved', async () => {
    const ctx = await setUp();
    const { el } = ctx;
    await openNewForm(el);
    type(el, 'category', 'お礼');
    type(el, 'name', '到着のお礼');
    type(el, 'body', '[出店モール店舗名]の[担当者名]です。\n商品は無事届きましたでしょうか。');
    setTimeout(() => button(el, '保存')!.click());
    const saved = (await oneEvent(el, 'goq-template-saved')) as CustomEvent<{ template: Template }>;
    expect(saved.detail.template.name).to.equal('到着のお礼');
    await waitUntil(() => el.shadowRoot!.querySelector('tbody tr') !== null, 'list not shown after saving');
    expect(deepText(el)).to.include('到着のお礼');
    const stored = await listed(ctx);
    expect(stored.map((t) => t.body)).to.deep.equal(['[出店モール店舗名]の[担当者名]です。\n商品は無事届きましたでしょうか。']);
  });

  it('shows the server\'s refusal of a duplicate category + name in the form, keeping the input', async () => {
    const ctx = await setUp([{ category: 'お礼', name: '到着のお礼', body: '一つ目' }]);
    const { el } = ctx;
    await openNewForm(el);
    type(el, 'category', 'お礼');
    type(el, 'name', '到着のお礼');
    type(el, 'body', '二つ目');
    button(el, '保存')!.click();
    await waitUntil(() => $(el, '.form-error') !== null, 'no refusal shown', { timeout: 8000 });
    expect($(el, '.form-error')!.textContent).to.include('同じカテゴリ名とテンプレート名のテンプレートがすでにあります');
    expect($(el, '#name-error')!.textContent).to.include('同じカテゴリ名とテンプレート名');
    expect($<HTMLTextAreaElement>(el, '#body')!.value).to.equal('二つ目');
    expect(await listed(ctx)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('edits a template with [編集]', async () => {
    const ctx = await setUp([{ category: '配送', name: '発送のご連絡', body: '本日発送いたしました。' }]);
    const { el } = ctx;
    buttons(el).find((b) => b.textContent!.trim() === '編集')!.click();
    await waitUntil(() => $(el, 'form') !== null, 'form did not open');
    expect($<HTMLInputElement>(el, '#name')!.value).to.equal('発送のご連絡');
    type(el, 'body', '本日発送いたしました。追跡番号をご確認ください。');
    button(el, '保存')!.click();
    await waitUntil(() => $(el, 'form') === null, 'form did not close');
    const [stored] = await listed(ctx);
    expect(stored!.body).to.equal('本日発送いたしました。追跡番号をご確認ください。');
  });

  it('deletes only after confirming in its own dialog', async () => {
    const ctx = await setUp([{ category: '配送', name: '発送のご連絡', body: '本日発送いたしました。' }]);
    const { el } = ctx;
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    buttons(el).find((b) => b.textContent!.trim() === '削除')!.click();
    await waitUntil(() => dialog.open, 'no confirmation dialog');
    expect(dialog.textContent).to.include('「配送 / 発送のご連絡」を削除しますか？');
    await expect(el).to.be.accessible();

    // キャンセル keeps it
    dialog.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
    expect(await listed(ctx)).to.have.length(1);

    buttons(el).find((b) => b.textContent!.trim() === '削除' && !b.closest('dialog'))!.click();
    await waitUntil(() => dialog.open, 'no confirmation dialog');
    setTimeout(() => dialog.querySelector<HTMLButtonElement>('button.confirm')!.click());
    const deleted = (await oneEvent(el, 'goq-template-deleted')) as CustomEvent<{ id: string }>;
    expect(deleted.detail.id).to.be.a('string');
    expect(dialog.open).to.equal(false);
    expect(await listed(ctx)).to.have.length(0);
    await waitUntil(() => el.shadowRoot!.querySelector('tbody tr') === null, 'row still listed');
  });
});
