/**
 * The loader's logic, shared by goq-inquiry.js (loader-script.ts) and the package's ES module
 * (loader-module.ts): it knows every GoQ tag and which module defines it. A tag's module is imported the first time the tag appears in the
 * document (now or later: a MutationObserver watches for it), so a page downloads only the elements it
 * shows. The modules are cached for a year (their names change with their content); this file keeps
 * its name and is revalidated. Loading the loader twice is harmless.
 *
 * `window.GoqInquiry.load(tag)` imports one element's module at once (a promise); `observe(root)` also
 * watches a shadow root of the host's own (the observer sees the document only).
 */

export interface GoqInquiryLoader {
  load(tag: string): Promise<unknown>;
  observe(root: Document | ShadowRoot): void;
}

declare global {
  interface Window {
    GoqInquiry?: GoqInquiryLoader;
  }
}

/** Starts watching the document; `modules` maps each tag to the import of the module that defines it. */
export function startLoader(modules: Record<string, () => Promise<unknown>>): void {
  if (window.GoqInquiry) return;
  const started = new Map<string, Promise<unknown>>();
  const tags = Object.keys(modules);
  const selector = tags.join();

  const load = (tag: string): Promise<unknown> => {
    let done = started.get(tag);
    if (!done) {
      done = Object.hasOwn(modules, tag) && !customElements.get(tag) ? modules[tag]!() : Promise.resolve();
      started.set(tag, done);
    }
    return done;
  };

  const scan = (node: Node): void => {
    if (!(node instanceof Element || node instanceof Document || node instanceof DocumentFragment)) return;
    if (node instanceof Element && modules[node.localName]) load(node.localName);
    if (started.size < tags.length) for (const found of node.querySelectorAll(selector)) load(found.localName);
  };

  const observe = (root: Document | ShadowRoot): void => {
    scan(root);
    new MutationObserver((records) => {
      if (started.size === tags.length) return;
      for (const record of records) record.addedNodes.forEach(scan);
    }).observe(root, { childList: true, subtree: true });
  };

  window.GoqInquiry = { load, observe };
  observe(document);
}
