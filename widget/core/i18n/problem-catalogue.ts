/**
 * Problem sentences are fetched on the first error rather than shipped with every element: the
 * ApiClient awaits load() before it throws, so problemMessage() can stay synchronous.
 */
import type { Lang } from './catalogue.ts';

type ProblemTexts = Record<string, string>;
let catalogue: Record<Lang, ProblemTexts> | null = null;
let mallErrorOf: ((mall: string, raw: string) => string | null) | null = null;
let loading: Promise<void> | null = null;

export function loadProblemCatalogue(): Promise<void> {
  loading ??= Promise.all([import('./problems.ja.ts'), import('./problems.en.ts'), import('./mall-errors.ts')]).then(
    ([ja, en, mall]) => {
      catalogue = { ja: ja.problemsJa, en: en.problemsEn };
      mallErrorOf = mall.mallErrorKey;
      for (const lang of ['ja', 'en'] as const) for (const [key, text] of Object.entries(mall.mallErrors[lang])) catalogue[lang][`mall.${key}`] = text;
    },
    (error: unknown) => {
      loading = null; // try again on the next error
      throw error;
    },
  );
  return loading;
}

export function problemCatalogueLoaded(): boolean {
  return catalogue !== null;
}

/** The sentence for a code, or undefined when unknown or not loaded yet. */
export function problemText(lang: Lang, code: string): string | undefined {
  return catalogue?.[lang][code] ?? catalogue?.ja[code];
}

/** The sentence for a mall's raw error text (mall-errors.ts), or undefined when unknown or not loaded yet. */
export function mallErrorText(lang: Lang, mall: string, raw: string): string | undefined {
  const key = mallErrorOf?.(mall, raw);
  return key ? problemText(lang, `mall.${key}`) : undefined;
}
