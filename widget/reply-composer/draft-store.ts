/**
 * Reply drafts kept in localStorage while the staff member types, one per inquiry, so a reload or a
 * closed tab loses nothing. The key names the server and the shop as well as the inquiry: two shops
 * (or two servers) used in one browser never see each other's drafts.
 */
const PREFIX = 'goq-inquiry-draft';

export function draftKey(apiBase: string, shop: string, inquiryId: string): string {
  return `${PREFIX}:${apiBase}:${shop}:${inquiryId}`;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // storage disabled (privacy settings, sandboxed frame): drafts simply are not kept
    return null;
  }
}

export function loadDraft(key: string): string {
  return storage()?.getItem(key) ?? '';
}

/** Saves the text; an empty text removes the draft. */
export function saveDraft(key: string, text: string): void {
  const s = storage();
  if (!s) return;
  try {
    if (text) s.setItem(key, text);
    else s.removeItem(key);
  } catch {
    // quota exceeded: the text is still in the composer
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(key);
}
