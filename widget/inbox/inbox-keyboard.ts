/**
 * The inbox's keys: j/k or ArrowDown/ArrowUp move through the list, r goes to the reply (outside text
 * fields, where they are letters being typed).
 */

/** Where j/k/r are letters being typed, not commands. */
export function isTextField(node: EventTarget | undefined): boolean {
  return node instanceof HTMLElement && (node.isContentEditable || node.matches('textarea, select, input:not([type=button], [type=checkbox], [type=radio], [type=submit])'));
}

export interface InboxKeys {
  /** the list's ids, in order */
  ids: () => string[];
  /** the row that has focus, else the inquiry shown */
  from: () => string;
  /** opens the row and focuses it */
  select: (id: string) => void;
  /** stepping onto the last row reads the next page, when there is one */
  loadMore: () => void;
  /** the reply's textarea, when a reply can be written; false when there is none */
  focusReply: () => boolean;
}

/** Handles one keydown on the inbox. */
export function onInboxKey(event: KeyboardEvent, keys: InboxKeys): void {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  if (isTextField(event.composedPath()[0])) return;
  const key = event.key;
  if (key === 'j' || key === 'ArrowDown' || key === 'k' || key === 'ArrowUp') {
    const ids = keys.ids();
    if (ids.length === 0) return;
    event.preventDefault();
    const current = ids.indexOf(keys.from());
    const step = key === 'j' || key === 'ArrowDown' ? 1 : -1;
    const next = current < 0 ? 0 : Math.min(Math.max(current + step, 0), ids.length - 1);
    keys.select(ids[next]!);
    if (step > 0 && next === ids.length - 1) keys.loadMore();
  } else if (key === 'r' && keys.focusReply()) {
    event.preventDefault();
  }
}
