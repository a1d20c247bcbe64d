/**
 * Reads constant data that an npm package ships as an ES module of `export const NAME = <literal>;`
 * statements (the AWS SDK's `dist-es` files), without loading the package's code: the literal of
 * one export is cut out of the file and evaluated alone in an empty V8 context. That costs a few
 * milliseconds, where requiring the package's CommonJS bundle costs hundreds.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

/** The empty context the literals are evaluated in, made once (making one costs a few milliseconds). */
let sandbox: vm.Context | undefined;

/** Where a data export lives in an installed package. */
export interface DataExport {
  /** The package, e.g. `@aws-sdk/client-ec2`. */
  readonly packageName: string;
  /** The ES module inside it, relative to the package root, e.g. `dist-es/models/enums.js`. */
  readonly file: string;
  /** The name of the `export const`, e.g. `_InstanceType`. */
  readonly exportName: string;
}

/** The root folder and version of an installed package. */
export function installedPackage(packageName: string): { readonly root: string; readonly version: string } {
  const manifest = require.resolve(`${packageName}/package.json`);
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  return { root: path.dirname(manifest), version };
}

/**
 * The value of one `export const` of a data module. The literal runs from `export const NAME = `
 * to the first `}` or `]` at the start of a line followed by `;` (where the compiler ends a
 * top-level statement). Throws, naming the package and its version, when the file or the export
 * is not there or does not evaluate: the package's layout changed with an upgrade.
 */
export function readDataExport(where: DataExport): unknown {
  const { root, version } = installedPackage(where.packageName);
  const file = path.join(root, where.file);
  const fail = (why: string) =>
    new Error(
      `${where.exportName} of ${where.packageName} ${version} (${where.file}): ${why}; the package's layout changed, so src/facts/ needs updating to it`,
    );
  if (!fs.existsSync(file)) throw fail('the file does not exist');
  const text = fs.readFileSync(file, 'utf8');
  const declaration = `export const ${where.exportName} = `;
  const start = text.indexOf(declaration);
  if (start < 0) throw fail('no such export');
  const end = /^[}\]];$/m.exec(text.slice(start));
  if (!end) throw fail('the export does not end where expected');
  const literal = text.slice(start + declaration.length, start + end.index + 1);
  try {
    sandbox ??= vm.createContext(Object.create(null));
    return vm.runInContext(`(${literal})`, sandbox, { filename: file });
  } catch (error) {
    throw fail(`it does not evaluate as a literal (${(error as Error).message})`);
  }
}
