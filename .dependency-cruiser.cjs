/** Import rules: no cycles; dependencies point one way (HTTP -> use case -> data); the web app sees only contracts. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'mechanisms-know-no-domain',
      comment: 'Shared mechanisms (db, http, platform, config, storage, mail, realtime) must not import domain modules.',
      severity: 'error',
      from: { path: '^src/(db|http|platform|config|storage|mail|realtime)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(modules|seed|cli)/' },
    },
    {
      name: 'web-sees-only-contracts',
      comment: 'The web app may import server code only as *.contract.ts (types shared with the API).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '\\.contract\\.ts$' },
    },
    {
      name: 'modules-through-their-front-door',
      comment: 'A module reaches another only through its exported contract, queries or use cases, never its routes.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/.+\\.routes\\.ts$', pathNot: '^src/modules/$1/' },
    },
    { name: 'no-test-code-in-app', severity: 'error', from: { path: '^src/', pathNot: '(\\.test\\.ts$|^src/testing/)' }, to: { path: '(\\.test\\.ts$|^src/testing/)' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^dist/|^data/)' },
  },
};
