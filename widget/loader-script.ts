/**
 * goq-inquiry.js, the loader for a plain `<script src>` (see loader.ts). The build writes in which hashed
 * module defines each tag, relative to this script (a classic script finds itself as currentScript).
 */
import { startLoader } from './loader.ts';

/** tag → module file, relative to this script; written in by the build (vite.config.ts). */
declare const __GOQ_ELEMENT_FILES__: Record<string, string>;

const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
startLoader(Object.fromEntries(Object.entries(__GOQ_ELEMENT_FILES__).map(([tag, file]) => [tag, () => import(/* @vite-ignore */ new URL(file, base).href)])));
