/** What every element folder imports from the core. */
export { ApiClient, ApiError, type ServerEventListener } from './api-client.ts';
export { GoqInquiryConfig, CONFIG_TAG, findConfig, resolveConfig, defaultApiBase } from './config.ts';
export { defineElement } from './define.ts';
export { formatBytes, formatDateTime } from './format.ts';
export { GoqElement } from './goq-element.ts';
export { LANGS, toLang, interpolate, type Catalogue, type Lang, type Messages } from './i18n/catalogue.ts';
export { themeStyles } from './styles.ts';
export { decodeTokenClaims, type TokenClaims } from './token.ts';
