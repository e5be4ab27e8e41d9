/**
 * The inbox one column wide (a narrow screen): the list and the inquiry are two views, one shown at a
 * time. Where each scrolls to after a render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Brings the row into view within its list (the page itself stays where the user is). False while the
 * row or the list is not shown yet: try again after the next render.
 */
export function scrollRowIntoList(root: ParentNode, id: string): boolean {
  const row = root.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(id)}"]`);
  const pane = root.querySelector<HTMLElement>('.list-pane');
  if (!row || !pane || pane.offsetParent === null) return false;
  const top = row.offsetTop - pane.offsetTop;
  if (top < pane.scrollTop || top + row.offsetHeight > pane.scrollTop + pane.clientHeight) pane.scrollTop = top - (pane.clientHeight - row.offsetHeight) / 2;
  if (pane.getBoundingClientRect().top > innerHeight || pane.getBoundingClientRect().bottom < 0) row.scrollIntoView({ block: 'nearest' });
  return true;
}

/** One column (the list is hidden): the inquiry just opened starts at the top of the screen. */
export function revealOpenedInquiry(root: ParentNode): void {
  const detail = root.querySelector<HTMLElement>('.detail');
  const list = root.querySelector<HTMLElement>('.list-pane');
  if (detail && list && list.offsetParent === null && detail.getBoundingClientRect().top < 0) detail.scrollIntoView({ block: 'start' });
}

/** The element whose two views these are: its open inquiry (`inquiry-id`). */
export interface TwoViewHost extends ReactiveControllerHost {
  inquiryId: string;
  readonly renderRoot: ParentNode;
  readonly updateComplete: Promise<boolean>;
}

/**
 * After each render: the row asked for (opened by `inquiry-id`, or back from the inquiry) in view in
 * its list; in one column, the inquiry just opened in view on the page.
 */
export class TwoViewController implements ReactiveController {
  /** A row to bring into view in the list once it is rendered. */
  #scrollTo = '';
  /** The inquiry shown at the last render (undefined before the first). */
  #shown: string | undefined;

  constructor(
    private readonly host: TwoViewHost,
    private readonly focusRow: (id: string) => void,
  ) {
    host.addController(this);
  }

  /** Brings this row into view in the list once it is rendered. */
  scrollTo(id: string): void {
    this.#scrollTo = id;
  }

  /** One column: [一覧に戻る] leaves the inquiry for the list, on the row it came from. */
  backToList(): void {
    const id = this.host.inquiryId;
    this.host.inquiryId = '';
    this.#scrollTo = id;
    void this.host.updateComplete.then(() => this.focusRow(id));
  }

  hostUpdated(): void {
    const root = this.host.renderRoot;
    if (this.#scrollTo && scrollRowIntoList(root, this.#scrollTo)) this.#scrollTo = '';
    const before = this.#shown;
    this.#shown = this.host.inquiryId;
    if (this.host.inquiryId && before !== undefined && before !== this.host.inquiryId) revealOpenedInquiry(root);
  }
}
