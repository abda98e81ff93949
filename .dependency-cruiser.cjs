// Import cycles, checked by `npm run lint` (and `.ci/run`): inside each package, modules and folders depend
// one way (docs/architecture.md#layers-and-packages); tests are leaves and are not checked. Cycles through
// engine/src/http (its routes are moving into the feature folders) and between the designer's folders are
// left out here and reported, without failing, by .dependency-cruiser-report.cjs.
const tests = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      comment: 'A module imports a module that (through others) imports it back.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'A folder imports a folder that (through others) imports it back.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    exclude: { path: ['(^|/)(dist|node_modules)/', tests, '^engine/src/http/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
