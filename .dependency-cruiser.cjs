/** Architecture rules checked in CI: layers point one way. */
module.exports = {
  forbidden: [
    {
      name: 'protocol-is-pure',
      comment: 'packages/protocol has no I/O or framework dependency (it may use valibot).',
      severity: 'error',
      from: { path: '^packages/protocol/src', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypesNot: ['local', 'type-only'],
        pathNot: '^node_modules/valibot/',
      },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(apps|packages)/', pathNot: '\\.test\\.ts$' },
      to: { path: '(^test/|\\.test\\.ts$)' },
    },
    {
      name: 'core-imports-no-transport',
      comment:
        'apps/server/src/core is the server without its transports: it knows nothing of ' +
        'Socket.IO or HTTP, so a test (or another transport) can drive it directly.',
      severity: 'error',
      from: { path: '^apps/server/src/core/', pathNot: '\\.test\\.ts$' },
      to: {
        path: [
          '^apps/server/src/(socket|http)/',
          '^apps/server/src/transport-reply\\.ts$',
          '(^|/)node_modules/socket\\.io(-client|-adapter|-parser)?/',
          '^(node:)?https?$',
        ],
      },
    },
    {
      name: 'core-does-not-import-its-subscribers',
      comment:
        'media/ (and programs/ once it exists) subscribe to the core; the core never imports ' +
        'them, so the server is built in dependency order with no forward references.',
      severity: 'error',
      from: { path: '^apps/server/src/core/', pathNot: '\\.test\\.ts$' },
      to: { path: '^apps/server/src/(media|programs)/' },
    },
    {
      name: 'socket-does-not-import-http',
      comment:
        'The two transports map onto the core side by side. What both write (a raw HTTP ' +
        'reply) lives beside them, in apps/server/src/transport-reply.ts.',
      severity: 'error',
      from: { path: '^apps/server/src/socket/', pathNot: '\\.test\\.ts$' },
      to: { path: '^apps/server/src/http/' },
    },
    {
      name: 'http-does-not-import-socket',
      severity: 'error',
      from: { path: '^apps/server/src/http/', pathNot: '\\.test\\.ts$' },
      to: { path: '^apps/server/src/socket/' },
    },
    {
      name: 'packages-do-not-import-apps',
      comment: 'Packages are what apps stand on; an app is never a dependency of one.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'wire-and-client-use-no-node-built-ins',
      comment:
        'packages/wire and packages/client run in the browser as well as on the server and in ' +
        'tests: no Node built-ins, with or without the node: prefix.',
      severity: 'error',
      from: { path: '^packages/(wire|client)/src/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'wire-and-client-use-no-framework',
      comment: 'The contract and the client serve any UI: no Svelte, no SvelteKit.',
      severity: 'error',
      from: { path: '^packages/(wire|client)/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '(^|/)node_modules/(svelte|@sveltejs/[^/]+)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(apps|packages|test)/[^/]+/(build|dist|\\.svelte-kit)/' },
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
    },
  },
};
