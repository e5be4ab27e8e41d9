/**
 * Problem sentences are fetched on the first error rather than shipped with every element: the
 * ApiClient awaits load() before it throws, so problemMessage() can stay synchronous.
 */
import type { Lang } from './catalogue.ts';

type ProblemTexts = Record<string, string>;
let catalogue: Record<Lang, ProblemTexts> | null = null;
let loading: Promise<void> | null = null;

export function loadProblemCatalogue(): Promise<void> {
  loading ??= Promise.all([import('./problems.ja.ts'), import('./problems.en.ts')]).then(
    ([ja, en]) => {
      catalogue = { ja: ja.problemsJa, en: en.problemsEn };
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
