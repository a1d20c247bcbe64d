/**
 * The addresses an earlier output of ours declared: what a state made from it may hold, and so
 * the only sources a `moved` block needs (see `render/moved-blocks.ts`). Read from the files the
 * folder's manifest lists as ours; nothing else in the folder is read.
 */
import * as path from 'path';
import { readTextFile } from '../spec/read-text-file';
import type { PriorAddresses } from '../render/moved-blocks';
import { readManifest } from './manifest';

/**
 * Every address declared by the Terraform files of the output in `outDir`, by folder, as each
 * file names it (`aws_instance.web`, `data.aws_partition.current`, `module.web`), with the
 * sources of its `moved` blocks (a state may not have moved yet). Empty when the folder holds no
 * output of ours.
 */
export function priorAddresses(outDir: string): PriorAddresses {
  const byFolder = new Map<string, Set<string>>();
  for (const file of readManifest(outDir)) {
    // The manifest is ours, but a folder may come from anywhere: only files inside it are read.
    if (path.isAbsolute(file) || file.split(/[\\/]/).includes('..')) continue;
    const json = file.endsWith('.tf.json');
    if (!json && !file.endsWith('.tf')) continue;
    const read = readTextFile(path.join(outDir, file));
    if (!read.ok) continue;
    const folder = path.posix.dirname(file);
    const addresses = byFolder.get(folder) ?? new Set<string>();
    for (const address of json ? jsonAddresses(read.text) : hclAddresses(read.text)) addresses.add(address);
    byFolder.set(folder, addresses);
  }
  return byFolder;
}

/** The addresses of a Terraform JSON file (none when it is not JSON). */
function jsonAddresses(text: string): string[] {
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const named = (section: unknown, prefix: string) =>
    Object.entries(section && typeof section === 'object' ? section : {}).flatMap(([type, byName]) =>
      Object.keys(byName && typeof byName === 'object' ? byName : {}).map((name) => `${prefix}${type}.${name}`),
    );
  const moved = Array.isArray(config.moved) ? (config.moved as Array<{ from?: unknown }>) : [];
  return [
    ...named(config.resource, ''),
    ...named(config.data, 'data.'),
    ...Object.keys(config.module && typeof config.module === 'object' ? config.module : {}).map((name) => `module.${name}`),
    ...moved.flatMap(({ from }) => (typeof from === 'string' ? [from] : [])),
  ];
}

/** The addresses of an HCL file as our renderer writes them: block headers at the start of a line, a move's `from` inside its block. */
function hclAddresses(text: string): string[] {
  const addresses: string[] = [];
  let inMoved = false;
  for (const line of text.split('\n')) {
    const block = /^(resource|data|module) "([^"]+)"(?: "([^"]+)")? \{/.exec(line);
    if (block) {
      const [, kind, first, second] = block;
      addresses.push(kind === 'module' ? `module.${first}` : `${kind === 'data' ? 'data.' : ''}${first}.${second ?? ''}`);
    }
    if (line === 'moved {') inMoved = true;
    else if (line === '}') inMoved = false;
    const from = inMoved ? /^\s+from\s*=\s*(\S+)$/.exec(line) : null;
    if (from) addresses.push(from[1]);
  }
  return addresses;
}
