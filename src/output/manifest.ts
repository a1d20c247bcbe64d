import * as fs from 'fs';
import * as path from 'path';

/** Lists what the last run generated: these files are the tool's; everything else in the folder is kept. */
export const MANIFEST_FILE = '.generated-files';

/** The manifest's text for a set of generated files (sorted, one path a line). */
export function renderManifest(files: Iterable<string>): string {
  return [...files].sort().join('\n') + '\n';
}

/** The files the manifest in `outDir` lists; none when there is no manifest. */
export function readManifest(outDir: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(outDir, MANIFEST_FILE), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean);
}
