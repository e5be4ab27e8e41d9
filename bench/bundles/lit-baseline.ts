/** The baseline of the bundle figures: the smallest useful Lit element (what any Lit widget pays for Lit). */
import { LitElement, css, html } from 'lit';

class BenchLitBaseline extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;
  static override properties = { name: {} };
  declare name: string;
  override render() {
    return html`<p>${this.name}</p>`;
  }
}
if (!customElements.get('bench-lit-baseline')) customElements.define('bench-lit-baseline', BenchLitBaseline);
