/** One order of templates for the API, the template admin and the reply picker: category, then name, in Japanese collation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareTemplates } from '../../shared/template-order.ts';

test('templates sort by category then name, kana by reading before kanji, whatever the code points say', () => {
  const t = (category: string, name: string, id = `${category}/${name}`) => ({ category, name, id });
  const sorted = [t('配送', '発送のお知らせ'), t('キャンセル', '在庫切れ'), t('お礼', 'ご購入のお礼'), t('ご挨拶', '初回返信'), t('配送', 'お届け日変更'), t('お礼', 'お届けのお礼')].sort(compareTemplates);
  assert.deepEqual(
    sorted.map((x) => `${x.category}/${x.name}`),
    ['お礼/お届けのお礼', 'お礼/ご購入のお礼', 'キャンセル/在庫切れ', 'ご挨拶/初回返信', '配送/お届け日変更', '配送/発送のお知らせ'],
  );
});
