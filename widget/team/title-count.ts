/** `title-count` on the inbox: the unread count in front of the host page's title, 「(3) お問い合わせ管理」. */
const PREFIX = /^\(\d+\) /;

/** Puts `count` in front of the title (none when 0 or null); returns the title without it. */
export function setTitleCount(count: number | null): void {
  const base = document.title.replace(PREFIX, '');
  const next = count ? `(${count}) ${base}` : base;
  if (document.title !== next) document.title = next;
}
