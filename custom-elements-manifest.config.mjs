/**
 * custom-elements.json (the Custom Elements Manifest) from the elements' JSDoc: `npm run build` writes it
 * to dist/ beside the modules; test/shared/custom-elements-manifest.test.ts checks it documents
 * every public attribute, property, event, part and custom property.
 */
export default {
  globs: ['widget/**/*.ts'],
  exclude: ['widget/**/*.messages.ts', 'widget/core/i18n/**'],
  outdir: 'dist',
  litelement: true,
  // package.json names dist/custom-elements.json itself; the analyzer must not rewrite it
  packagejson: false,
};
