/** Registration that tolerates the script being loaded twice (two bundles, or a bundle plus a module). */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
