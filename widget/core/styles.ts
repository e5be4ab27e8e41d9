/**
 * Shared look. Every colour and size comes from a public `--goq-*` custom property with a default,
 * so a host page can theme the elements from any ancestor; dark mode follows prefers-color-scheme.
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_text: var(--goq-color-text, #1f2328);
    --_muted: var(--goq-color-muted, #57606a);
    --_bg: var(--goq-color-bg, #ffffff);
    --_surface: var(--goq-color-surface, #f6f8fa);
    --_border: var(--goq-color-border, #d0d7de);
    --_accent: var(--goq-color-accent, #0b5cad);
    --_accent-text: var(--goq-color-accent-text, #ffffff);
    --_danger: var(--goq-color-danger, #b42318);
    --_success: var(--goq-color-success, #1a7f37);
    --_warning-bg: var(--goq-color-warning-bg, #fff8c5);
    --_rakuten: var(--goq-color-rakuten, #bf0000);
    --_yahoo: var(--goq-color-yahoo, #6a2fb5);
    --_radius: var(--goq-radius, 6px);
    --_space: var(--goq-space, 8px);
    --_focus: var(--goq-color-focus, #0969da);
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--goq-font-family, system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans JP', 'Yu Gothic', sans-serif);
    font-size: var(--goq-font-size, 14px);
    line-height: 1.6;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--goq-color-text, #e6edf3);
      --_muted: var(--goq-color-muted, #9ea7b3);
      --_bg: var(--goq-color-bg, #161b22);
      --_surface: var(--goq-color-surface, #21262d);
      --_border: var(--goq-color-border, #3d444d);
      --_accent: var(--goq-color-accent, #58a6ff);
      --_accent-text: var(--goq-color-accent-text, #0d1117);
      --_danger: var(--goq-color-danger, #ff7b72);
      --_success: var(--goq-color-success, #56d364);
      --_warning-bg: var(--goq-color-warning-bg, #3b2f00);
      --_rakuten: var(--goq-color-rakuten, #ff6b6b);
      --_yahoo: var(--goq-color-yahoo, #c39bff);
      --_focus: var(--goq-color-focus, #58a6ff);
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: 4px 12px;
    min-height: 32px;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  button.danger {
    color: var(--_danger);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 4px 8px;
  }
  .mall {
    display: inline-block;
    border-radius: 999px;
    padding: 0 8px;
    font-size: 0.85em;
    color: var(--_bg);
    font-weight: 600;
  }
  .mall.rakuten {
    background: var(--_rakuten);
  }
  .mall.yahoo {
    background: var(--_yahoo);
  }
  /* the inquiry's status, the same badge in the panel and the inbox */
  .status {
    font-size: 0.85em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 8px;
    white-space: nowrap;
  }
  .status.needs-reply {
    color: var(--_danger);
    border-color: currentColor;
  }
  .error {
    color: var(--_danger);
  }
  /* the event stream is down: said quietly, gone once it is back */
  .offline {
    color: var(--_muted);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: 2px var(--_space);
    margin: 0 0 var(--_space);
  }
  .muted {
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
