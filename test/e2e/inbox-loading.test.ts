/**
 * What the inbox page fetches, in Chromium on the demo back office with the built bundle: on opening,
 * exactly the files its bundle budget counts (test/check-bundle-size.ts), nothing more; once an inquiry is
 * opened, the files of the row that adds the reply composer (an on-demand chunk), and the inquiry shows
 * with its composer at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundleRows } from '../check-bundle-size.ts';
import { demoPerSuite, distDir } from './support.ts';

describe('the inbox page loads what its budget counts', () => {
  const demo = demoPerSuite();

  it('fetches on opening only the files of its bundle row, and with the first inquiry opened those of the row with the composer', async () => {
    const rows = bundleRows(distDir);
    const row = rows.find((r) => r.what === 'inbox page (loader + inbox)')!;
    const opened = rows.find((r) => r.what.startsWith('inbox page once an inquiry is open'))!;
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const fetched: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/widget/')) fetched.push(path.slice('/widget/'.length));
    });

    await page.goto(`${demo.server.url}/demo/inquiries`);
    const inbox = page.locator('goq-inquiry-inbox');
    await inbox.locator('button.row').first().waitFor();
    // the counts, the settings, the team and the accounts' health are in by then
    await page.waitForTimeout(1500);
    assert.deepEqual([...new Set(fetched)].sort(), [...row.files].sort(), 'on opening: the files the budget counts');

    const before = fetched.length;
    await inbox.locator('button.row').first().click();
    await inbox.getByRole('button', { name: '注文詳細を開く' }).or(inbox.getByRole('button', { name: '完了する' })).first().waitFor();
    // the inquiry shows together with its composer: never without it
    assert.equal(await inbox.locator('goq-reply-composer textarea').count(), 1);
    const later = fetched.slice(before);
    assert.ok(later.some((f) => /^chunks\/reply-composer-[\w-]{8}\.js$/.test(f)), `the composer on opening an inquiry: ${later.join(' ')}`);
    assert.ok(later.every((f) => !row.files.includes(f)), `nothing fetched twice: ${later.join(' ')}`);
    await page.waitForTimeout(500);
    assert.deepEqual([...new Set(fetched)].sort(), [...opened.files].sort(), 'once an inquiry is open: the files of that row');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
