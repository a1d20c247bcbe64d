import * as fs from 'fs';
import * as path from 'path';
import type { GeneratedFiles } from './generated-files';
import { readManifest } from './manifest';
import { withOutputFolder } from './output-folder';
import { readIfExists } from './read-if-exists';
import { sameApartFromCdkVersion } from '../cdk-flavour';
import { isSeededFile } from './seeded-files';

/** How one committed file differs from what the code produces now. */
export interface FileDrift {
  readonly file: string;
  readonly kind: 'changed' | 'missing' | 'stale';
  /** For changed files: lines only in the fresh output, lines only in the committed file, and the first differing line. */
  readonly added?: number;
  readonly removed?: number;
  readonly firstDifference?: { readonly line: number; readonly committed: string; readonly generated: string };
}

/**
 * Compares the files in `outDir` with freshly generated ones: files that differ, files that
 * are missing, and files the previous run generated that would no longer be generated. Reads
 * under the folder's lock, after repairing what an interrupted run left, so it never sees a
 * run's half-done change.
 */
export function findDrift(outDir: string, files: GeneratedFiles, log: (line: string) => void = (line) => console.error(line)): FileDrift[] {
  return withOutputFolder(outDir, 'read', () => compareFolder(outDir, files), log);
}

function compareFolder(outDir: string, files: GeneratedFiles): FileDrift[] {
  const drift: FileDrift[] = [];
  for (const [file, generated] of files) {
    const committed = readIfExists(path.join(outDir, file));
    if (committed === undefined) drift.push({ file, kind: 'missing' });
    else if (isSeededFile(file))
      continue; // its owner, Terraform, may have added to it
    else if (committed !== generated && !(file.endsWith('.tf.json') && sameApartFromCdkVersion(committed, generated)))
      drift.push({ file, kind: 'changed', ...lineDifference(committed, generated) });
  }
  for (const file of readManifest(outDir)) {
    if (!files.has(file) && fs.existsSync(path.join(outDir, file))) drift.push({ file, kind: 'stale' });
  }
  return drift;
}

/** One line per drifted file, e.g. `changed  hcl/s3-write/main.tf (+2 -1 lines; first at line 40)`. */
export function formatDrift(outDir: string, drift: readonly FileDrift[]): string[] {
  return drift.flatMap((entry) => {
    const where = `${outDir}/${entry.file}`;
    if (entry.kind === 'missing') return [`missing  ${where} (would be generated)`];
    if (entry.kind === 'stale') return [`stale    ${where} (no longer generated)`];
    const first = entry.firstDifference!;
    return [
      `changed  ${where} (+${entry.added} -${entry.removed} lines; first difference at line ${first.line})`,
      `           committed: ${first.committed}`,
      `           generated: ${first.generated}`,
    ];
  });
}

function lineDifference(committed: string, generated: string) {
  const oldLines = committed.split('\n');
  const newLines = generated.split('\n');
  const counts = new Map<string, number>();
  for (const line of oldLines) counts.set(line, (counts.get(line) ?? 0) + 1);
  let added = 0;
  for (const line of newLines) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else added++;
  }
  const removed = [...counts.values()].reduce((sum, count) => sum + count, 0);
  let index = 0;
  while (index < oldLines.length && oldLines[index] === newLines[index]) index++;
  return {
    added,
    removed,
    firstDifference: {
      line: index + 1,
      committed: (oldLines[index] ?? '<end of file>').trim(),
      generated: (newLines[index] ?? '<end of file>').trim(),
    },
  };
}
