/** Styles of <goq-inquiry-inbox>: the theme, its parts' rules (list, banner, detail) and the layout. */
import { css } from 'lit';
import { themeStyles } from '../core/styles.ts';
import { detailStyles } from '../inquiry-detail/inquiry-detail.styles.ts';
import { listStyles } from './inquiry-list.ts';
import { healthStyles } from './mall-health-banner.ts';

export const inboxStyles = [
  themeStyles,
  listStyles,
  healthStyles,
  detailStyles,
  css`
    :host {
      container-type: inline-size;
    }
    .tabs,
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .tabs {
      border-bottom: 1px solid var(--_border);
    }
    .tab {
      border-radius: var(--_radius) var(--_radius) 0 0;
      background: transparent;
      border-color: transparent;
    }
    .tab[aria-selected='true'] {
      border-color: var(--_border);
      font-weight: 700;
      box-shadow: inset 0 3px var(--_accent);
    }
    .count {
      background: var(--_danger);
      color: var(--_bg);
      border-radius: 9px;
      padding: 0 6px;
      margin-left: 6px;
    }
    .toolbar {
      padding: var(--_space) 0;
    }
    .layout {
      display: grid;
      gap: 16px;
    }
    @container (min-width: 760px) {
      .layout {
        grid-template-columns: var(--goq-inbox-list-width, 38%) 1fr;
      }
    }
    .list-pane {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .layout > * {
      min-width: 0;
    }
    .back {
      display: none;
    }
    /* One column (phones, narrow hosts): the list and the open inquiry are two views, with a way back. */
    @container (max-width: 759px) {
      .layout.has-detail > .list-pane,
      .layout:not(.has-detail) > .detail {
        display: none;
      }
      .back {
        display: inline-block;
        margin-bottom: var(--_space);
      }
    }
  `,
];
