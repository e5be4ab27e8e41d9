/**
 * The three status tabs of the inbox, following the WAI-ARIA tabs pattern: one tablist, roving
 * tabindex, Left/Right (and Home/End) move focus and select, each tab controls its own tabpanel.
 * Rendered inside the inbox's own shadow root, because aria-controls cannot point across shadow roots.
 */
import { html, type TemplateResult } from 'lit';
import { INQUIRY_STATUSES, type InquiryStatus } from '../../shared/api.ts';

export interface TabsView {
  selected: InquiryStatus;
  /** the 返信が必要 count; null until known. The other tabs never show one (the manual). */
  needsReplyCount: number | null;
  label: string;
  tabLabel: (status: InquiryStatus) => string;
  countLabel: (count: number) => string;
  onSelect: (status: InquiryStatus, focus: boolean) => void;
}

export const tabId = (status: InquiryStatus): string => `goq-tab-${status}`;
export const panelId = (status: InquiryStatus): string => `goq-tabpanel-${status}`;

/** The status a key press on the tablist moves to, or null when the key is not a tabs key. */
export function statusForKey(key: string, current: InquiryStatus): InquiryStatus | null {
  const i = INQUIRY_STATUSES.indexOf(current);
  const n = INQUIRY_STATUSES.length;
  switch (key) {
    case 'ArrowRight':
      return INQUIRY_STATUSES[(i + 1) % n];
    case 'ArrowLeft':
      return INQUIRY_STATUSES[(i - 1 + n) % n];
    case 'Home':
      return INQUIRY_STATUSES[0];
    case 'End':
      return INQUIRY_STATUSES[n - 1];
    default:
      return null;
  }
}

export function renderTabs(view: TabsView): TemplateResult {
  const onKeydown = (event: KeyboardEvent) => {
    const next = statusForKey(event.key, view.selected);
    if (!next) return;
    event.preventDefault();
    event.stopPropagation();
    view.onSelect(next, true);
  };
  return html`<div role="tablist" aria-label=${view.label} part="tabs" class="tabs" @keydown=${onKeydown}>
    ${INQUIRY_STATUSES.map((status) => {
      const selected = status === view.selected;
      const showCount = status === 'needs-reply' && view.needsReplyCount !== null;
      return html`<button
        type="button"
        role="tab"
        id=${tabId(status)}
        part=${selected ? 'tab tab-selected' : 'tab'}
        class="tab"
        aria-selected=${selected ? 'true' : 'false'}
        aria-controls=${panelId(status)}
        tabindex=${selected ? 0 : -1}
        @click=${() => view.onSelect(status, false)}
      >
        ${view.tabLabel(status)}${showCount
          ? html`<span class="count" part="tab-count">${view.countLabel(view.needsReplyCount!)}</span>`
          : null}
      </button>`;
    })}
  </div>`;
}
