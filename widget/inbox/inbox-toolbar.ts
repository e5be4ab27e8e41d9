/**
 * The inbox's toolbar above the list: the mall filter and the search box, rendered inside the inbox's
 * shadow root. The inbox owns the values and the debounce.
 *
 * @csspart toolbar
 */
import { html, type TemplateResult } from 'lit';
import { MALLS, type Mall } from '../../shared/api.ts';
import type { Translate } from '../core/i18n/catalogue.ts';

export interface ToolbarView {
  /** '' shows both malls */
  mall: Mall | '';
  search: string;
  t: Translate;
  onMall: (mall: Mall | '') => void;
  /** `now`: the search was submitted (Enter), else typed */
  onSearch: (text: string, now: boolean) => void;
}

export function renderToolbar(v: ToolbarView): TemplateResult {
  const t = v.t;
  const onMall = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    v.onMall((MALLS as readonly string[]).includes(value) ? (value as Mall) : '');
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    v.onSearch((event.target as HTMLFormElement).querySelector('input')?.value ?? '', true);
  };
  return html`<div class="toolbar" part="toolbar">
    <label
      >${t('filter.mall')}
      <select class="mall-filter" @change=${onMall}>
        <option value="" ?selected=${v.mall === ''}>${t('filter.mall.all')}</option>
        ${MALLS.map((m) => html`<option value=${m} ?selected=${v.mall === m}>${t(`mall.${m}`)}</option>`)}
      </select>
    </label>
    <form role="search" @submit=${onSubmit}>
      <label
        >${t('filter.search')}
        <input
          type="search"
          class="search"
          .value=${v.search}
          placeholder=${t('filter.search.placeholder')}
          @input=${(e: Event) => v.onSearch((e.target as HTMLInputElement).value, false)}
        />
      </label>
    </form>
  </div>`;
}
