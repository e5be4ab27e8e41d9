/**
 * The single-file entry for `<script src=".../goq-inquiry.js">`: registers every GoQ element.
 * Registration tolerates the script loading twice.
 */
// Every catalogue first, in one stretch: gzip compresses the Japanese and English text far better side
// by side than spread between the elements' code (about 0.6 KB less). The problem sentences, loaded on
// demand by the modules, are inlined here anyway.
import './core/i18n/messages.ja.ts';
import './core/i18n/messages.en.ts';
import './core/i18n/problems.ja.ts';
import './core/i18n/problems.en.ts';
import './thread/thread.messages.ts';
import './panel/panel.messages.ts';
import './reply-composer/reply-composer.messages.ts';
import './inbox/inbox.messages.ts';
import './template-admin/template-admin.messages.ts';
import './config/index.ts';
import './thread/index.ts';
import './panel/index.ts';
import './inbox/index.ts';
import './template-admin/index.ts';
