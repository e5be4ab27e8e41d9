/**
 * The one order of templates, by カテゴリ名 then テンプレート名 in Japanese collation (kana by reading,
 * then kanji): the API's list, the template admin and the reply composer's picker all use it, so a
 * shop finds its templates in the same place everywhere whatever the database's own collation is.
 */
const collator = new Intl.Collator('ja');

export function compareTemplates(a: { category: string; name: string; id: string }, b: { category: string; name: string; id: string }): number {
  return collator.compare(a.category, b.category) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
