import * as fs from 'fs';
import * as path from 'path';
import type { GeneratedFiles } from './synthesize';

/** Lists what the last run generated, so files of removed stacks can be cleaned up. */
export const MANIFEST_FILE = '.generated-files';

export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Writes generated files into `outDir` without ever leaving it half-written: every file is
 * first written to a staging folder beside it, then renamed into place (an atomic step per
 * file). Files the previous run generated and this one does not are removed; anything else
 * in the folder (Terraform state, `.terraform/`, notes) is left alone.
 */
export function writeOutput(outDir: string, files: GeneratedFiles): WriteResult {
  const manifest = [...files.keys()].sort().join('\n') + '\n';
  const all = new Map(files).set(MANIFEST_FILE, manifest);
  const previous = readManifest(outDir);

  fs.mkdirSync(path.dirname(path.resolve(outDir)), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(path.resolve(outDir)), `.${path.basename(outDir)}.staging-`));
  const written: string[] = [];
  const unchanged: string[] = [];
  try {
    for (const [file, content] of all) {
      if (readIfExists(path.join(outDir, file)) === content) {
        if (file !== MANIFEST_FILE) unchanged.push(file);
        continue;
      }
      const staged = path.join(staging, file);
      fs.mkdirSync(path.dirname(staged), { recursive: true });
      fs.writeFileSync(staged, content);
      if (file !== MANIFEST_FILE) written.push(file);
    }
    for (const file of [...written, ...(fs.existsSync(path.join(staging, MANIFEST_FILE)) ? [MANIFEST_FILE] : [])]) {
      const target = path.join(outDir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(path.join(staging, file), target);
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }

  const removed = previous.filter((file) => !files.has(file) && isInside(outDir, file));
  for (const file of removed) {
    fs.rmSync(path.join(outDir, file), { force: true });
    removeEmptyParents(outDir, path.dirname(file));
  }
  return { written, unchanged, removed };
}

function readManifest(outDir: string): string[] {
  const text = readIfExists(path.join(outDir, MANIFEST_FILE));
  return text ? text.split('\n').filter(Boolean) : [];
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isInside(outDir: string, file: string): boolean {
  const relative = path.relative(outDir, path.join(outDir, file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function removeEmptyParents(outDir: string, dir: string): void {
  for (let current = dir; current && current !== '.'; current = path.dirname(current)) {
    const full = path.join(outDir, current);
    if (!fs.existsSync(full) || fs.readdirSync(full).length) return;
    fs.rmdirSync(full);
  }
}
