/**
 * The single-file entry for `<script src=".../goq-inquiry.js">`: registers every GoQ element.
 * Registration tolerates the script loading twice.
 */
import './config/index.ts';
import './thread/index.ts';
import './panel/index.ts';
import './inbox/index.ts';
import './template-admin/index.ts';
