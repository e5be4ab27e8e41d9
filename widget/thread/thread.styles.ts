/** Styles of thread: the shared theme plus the element's own rules. */
import { css } from 'lit';
import { themeStyles } from '../core/styles.ts';
export const threadStyles = [
  themeStyles,
  css`
    :host {
      background: transparent;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--_space);
    }
    li {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space) calc(var(--_space) * 1.5);
      background: var(--_bg);
      max-width: 92%;
    }
    li.shop {
      align-self: flex-end;
      background: var(--_surface);
    }
    /* a long thread lays out and paints only the messages near the viewport; all stay in the DOM */
    ol > li {
      content-visibility: auto;
      contain-intrinsic-size: auto 90px;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .who {
      font-weight: 600;
      color: var(--_text);
    }
    .body {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      margin: 4px 0 0;
    }
    .attachments {
      list-style: none;
      margin: 4px 0 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      font-size: 0.9em;
    }
    .attachments a {
      color: var(--_accent);
    }
    .delivery {
      font-size: 0.85em;
      display: flex;
      align-items: center;
      gap: 8px;
      margin-top: 4px;
      flex-wrap: wrap;
    }
    .delivery.failed {
      color: var(--_danger);
    }
    .delivery.sent {
      color: var(--_success);
    }
    .delivery .raw {
      flex-basis: 100%;
      color: var(--_muted);
    }
    .delivery code {
      overflow-wrap: anywhere;
    }
  `,
];
