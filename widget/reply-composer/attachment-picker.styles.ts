/** Styles of the attachment picker inside the reply composer. */
import { css } from 'lit';

export const attachmentStyles = css`
  .dropzone {
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    align-items: center;
  }
  .files {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .rules {
    font-size: 0.85em;
  }
  input[type='file'] {
    display: none;
  }
`;
