/**
 * The layers of `src/`, lowest first (docs/architecture.md draws them). A unit is a folder of
 * `src/` or one of its root files; the units are in one order, layer by layer, and a unit may
 * import only the units listed before it (and itself): no import goes up a layer, and no two
 * units import each other. `npm run lint` fails on any import that breaks this, and on any
 * import cycle between files.
 */
const LAYERS = [
  {
    name: 'ground',
    units: [
      'text',
      'facts',
      'naming',
      'iam-policy-version',
      'package-root',
      'is-process-alive',
      'terraform-requirements',
      'cdk-flavour',
      'partition',
      'secure-defaults',
      'iam',
      'terraform',
    ],
  },
  { name: 'spec input', units: ['spec', 'account-export'] },
  { name: 'resource kinds', units: ['resource-kinds'] },
  { name: 'constructs', units: ['constructs'] },
  { name: 'stacks', units: ['fleet', 'app'] },
  { name: 'rendering', units: ['render', 'diagram', 'module'] },
  { name: 'readers', units: ['stack-model'] },
  { name: 'checks and access', units: ['checks', 'access'] },
  { name: 'output', units: ['output'] },
  { name: 'pipeline', units: ['pipeline'] },
  { name: 'commands', units: ['doctor', 'docs', 'cli', 'validate-stack-offline', 'index'] },
];

/** Every unit in order: a unit may import only the units before it. */
const ORDER = LAYERS.flatMap((layer) => layer.units);

const unitPath = (units) => `^src/(${units.map((unit) => unit.replace(/[.-]/g, (c) => `\\${c}`)).join('|')})(/|\\.ts$)`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Files that import each other in a loop.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...ORDER.slice(0, -1).map((unit, i) => ({
      name: `layers-${unit}`,
      severity: 'error',
      comment: `src/${unit} imports a unit above it (see docs/architecture.md).`,
      from: { path: unitPath([unit]) },
      to: { path: unitPath(ORDER.slice(i + 1)) },
    })),
    {
      name: 'unknown-unit',
      severity: 'error',
      comment: 'Every folder and root file of src/ has its place in the layers (.dependency-cruiser.js).',
      from: { path: '^src/', pathNot: unitPath(ORDER) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
