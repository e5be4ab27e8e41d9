/** The demo back office's page frame (GoQ 受注管理): header, navigation, styles. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface PageOptions {
  title: string;
  /** which navigation entry is current */
  current: 'orders' | 'inquiries' | 'templates' | 'settings';
  body: string;
}

const NAV: Array<[PageOptions['current'], string, string]> = [
  ['orders', '/demo/', '受注一覧'],
  ['inquiries', '/demo/inquiries', 'お問い合わせ管理'],
  ['templates', '/demo/templates', 'テンプレート'],
  ['settings', '/demo/settings', '設定'],
];

const STYLES = `
  :root { color-scheme: light dark; --bar: #1d3557; --line: #d0d7de; --muted: #57606a; --bg: #f3f5f8; --card: #fff; }
  @media (prefers-color-scheme: dark) { :root { --line: #3d444d; --muted: #9ea7b3; --bg: #0d1117; --card: #161b22; } }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, 'Hiragino Sans', 'Noto Sans JP', 'Yu Gothic', sans-serif; font-size: 14px; background: var(--bg); }
  header.app { background: var(--bar); color: #fff; display: flex; flex-wrap: wrap; align-items: center; gap: 0 24px; padding: 0 24px; min-height: 52px; }
  header.app .brand { font-weight: 700; font-size: 16px; color: #fff; text-decoration: none; white-space: nowrap; padding: 14px 0; }
  header.app nav { display: flex; flex-wrap: wrap; }
  header.app nav a { color: #dbe4f0; text-decoration: none; padding: 16px 10px; display: inline-block; border-bottom: 3px solid transparent; white-space: nowrap; }
  .scroll-x { overflow-x: auto; }
  header.app nav a[aria-current="page"] { color: #fff; border-bottom-color: #f4a261; font-weight: 600; }
  main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 48px; }
  h1 { font-size: 20px; margin: 0 0 16px; }
  .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
  table.facts { border-collapse: collapse; width: 100%; }
  table.facts th, table.facts td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: baseline; line-height: 1.5; }
  table.facts th { width: 10em; color: var(--muted); font-weight: 600; }
  table.facts td { overflow-wrap: anywhere; }
  @media (max-width: 480px) { table.facts th { width: 6.5em; } }
  table.list { border-collapse: collapse; width: 100%; }
  table.list th, table.list td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); }
  .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); gap: 16px; align-items: start; }
  @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
  .muted { color: var(--muted); }
  .crumbs { margin: 0 0 8px; font-size: 13px; }
  a { color: #0b5cad; }
  @media (prefers-color-scheme: dark) { a { color: #58a6ff; } }
  code { font-size: 12px; overflow-wrap: anywhere; }
  /* phones: the brand on its own line, the menu below it, nothing wider than the screen */
  @media (max-width: 640px) {
    header.app { padding: 0 12px; }
    header.app .brand { padding: 10px 0 0; flex-basis: 100%; }
    header.app nav a { padding: 8px 8px 10px; }
    main { padding: 12px 12px 32px; }
    .card { padding: 12px; }
  }
`;

export function page(opts: PageOptions): string {
  const nav = NAV.map(
    ([key, href, label]) => `<a href="${href}"${key === opts.current ? ' aria-current="page"' : ''}>${label}</a>`,
  ).join('');
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)} | GoQ 受注管理（デモ）</title>
<style>${STYLES}</style>
</head>
<body>
<header class="app"><a class="brand" href="/demo/">GoQ 受注管理</a><nav aria-label="メインメニュー">${nav}</nav></header>
<main>
${opts.body}
</main>
</body>
</html>`;
}
