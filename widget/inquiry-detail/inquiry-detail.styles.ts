/** Styles of the inbox's detail view (rendered inside the inbox's shadow root). */
import { css } from 'lit';

export const detailStyles = css`
  .actions,
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  h2 {
    font-size: 1.15em;
    margin: 4px 0;
  }
  h3 {
    font-size: 1em;
  }
  .facts {
    margin: 0 0 8px;
    padding: 0;
    list-style: none;
    color: var(--_muted);
  }
  .complete[aria-disabled='true'] {
    color: var(--_success);
    border-color: var(--_success);
    font-weight: 700;
  }
  goq-reply-composer {
    margin-top: 16px;
  }
`;
