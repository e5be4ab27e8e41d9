/**
 * The import rules of the tree (docs/architecture.md): lower layers never import higher ones, the
 * mall clients never import the simulators, the server imports the simulators only in the demo's
 * composition, and there is no circle. `npm test` checks them (test/architecture/).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'a circle makes start-up order and ownership unclear',
      from: { path: '^(server|widget|shared|simulators)/' },
      to: { circular: true },
    },
    {
      name: 'widget-not-to-server',
      severity: 'error',
      comment: 'widgets talk to the server only over HTTP; shared/ is what both may import',
      from: { path: '^widget/' },
      to: { path: '^(server|simulators|bench|scripts)/' },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared/ is imported by both sides and imports neither',
      from: { path: '^shared/' },
      to: { path: '^(server|widget|simulators)/' },
    },
    {
      name: 'server-not-to-simulators',
      severity: 'error',
      comment: 'the simulators are test doubles: only the demo composition starts them',
      from: { path: '^server/', pathNot: '^server/(compose|malls/demo-malls)\\.ts$' },
      to: { path: '^simulators/' },
    },
    {
      name: 'simulators-only-mall-wire',
      severity: 'error',
      comment: 'a simulator may share a client\'s wire types, never server behaviour',
      from: { path: '^simulators/' },
      to: { path: '^(server|widget)/', pathNot: '^server/malls/(rakuten|yahoo)/(wire|settings|jst-time|signature)\\.ts$' },
    },
    {
      name: 'repository-not-up',
      severity: 'error',
      comment: 'repositories hold SQL only: services, routes and the composition sit above them',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '(\\.service|\\.routes|/app|/compose|/main)\\.ts$' },
    },
    {
      name: 'service-not-to-routes',
      severity: 'error',
      comment: 'rules know nothing of HTTP routing or of how the server is composed',
      from: { path: '^server/', pathNot: '(\\.routes|^server/app|^server/compose|^server/main|^server/demo-pages/.*)\\.ts$' },
      to: { path: '(\\.routes|^server/app)\\.ts$' },
    },
    {
      name: 'nothing-up-to-the-root',
      severity: 'error',
      comment: 'only main.ts may import the composition root; nothing imports main.ts',
      from: { path: '^(server|widget|shared|simulators)/', pathNot: '^server/main\\.ts$' },
      to: { path: '^server/(compose|main)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
