/**
 * Which `moved` blocks a configuration keeps: only those whose source an earlier output of
 * ours had, so a brand-new root or module carries none, and one regenerated over an output
 * from before a rename carries the moves its state needs. The constructs write every move a
 * rename could need; this decides which are real, on the synthesized Terraform JSON, before it
 * is rendered.
 */
type JsonObject = Record<string, unknown>;

/** One `moved` block. */
export interface Move {
  readonly from: string;
  readonly to: string;
}

/**
 * The addresses an earlier output declared, by the folder of the file declaring them (relative
 * to the output folder, `.` for its top): each configuration's own, since a module's resources
 * have the same addresses as a flat root's. Read by `output/prior-addresses.ts`.
 */
export type PriorAddresses = ReadonlyMap<string, ReadonlySet<string>>;

/** No earlier output: nothing moves. */
export const NO_PRIOR_ADDRESSES: PriorAddresses = new Map();

/** The addresses declared in any of `folders`. */
export function addressesIn(prior: PriorAddresses, folders: readonly string[]): ReadonlySet<string> {
  return new Set(folders.flatMap((folder) => [...(prior.get(folder) ?? [])]));
}

/**
 * The addresses a fleet's template module declared, wherever an earlier output put it: under a
 * flat root (`…/fleets/<name>`) or a generated module (`…/modules/<name>`), since a layout change
 * moves the module's state whole.
 */
export function fleetAddressesIn(prior: PriorAddresses, name: string): ReadonlySet<string> {
  return addressesIn(
    prior,
    [...prior.keys()].filter((folder) => [`fleets/${name}`, `modules/${name}`].some((tail) => folder === tail || folder.endsWith(`/${tail}`))),
  );
}

/** How {@link keptMoves} decides. */
export interface KeptMovesOptions {
  /**
   * Addresses (relative to the configuration, as its own blocks name them: `aws_instance.web`,
   * `module.web`) that an earlier output of ours declared, or moved from.
   */
  readonly prior: ReadonlySet<string>;
  /** Moves kept whatever the earlier output had (moves the spec asks for itself). @default - none */
  readonly exempt?: (move: Move) => boolean;
  /**
   * The moves each module this configuration calls dropped, by the module call's name: a move
   * of this configuration into a module's dropped source goes straight to where that move went.
   * @default - none
   */
  readonly calledModules?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** A configuration with only its kept moves, and the moves it dropped (source → destination). */
export interface KeptMoves {
  readonly config: JsonObject;
  readonly dropped: ReadonlyMap<string, string>;
}

/**
 * Keeps a move when its source is in `prior`, exempt, or the destination of a move kept before
 * it (a chain: a renamed address moved on into a module); retargets a kept move that goes into a
 * called module's dropped source. cdktf's record of the moves (`//.metadata.moved`) follows.
 */
export function keptMoves(config: JsonObject, options: KeptMovesOptions): KeptMoves {
  const moves = (config.moved ?? []) as Move[];
  if (!moves.length) return { config, dropped: new Map() };
  const reachable = new Set(options.prior);
  const kept = new Set<Move>();
  // Each pass keeps at least one more move or stops: at most one pass per move.
  for (let pass = 0; pass <= moves.length; pass++) {
    const more = moves.filter((move) => !kept.has(move) && (reachable.has(move.from) || options.exempt?.(move)));
    if (!more.length) break;
    for (const move of more) {
      kept.add(move);
      reachable.add(move.to);
    }
  }
  const retargeted = moves.filter((move) => kept.has(move)).map((move) => ({ ...move, to: intoCalledModule(move.to, options.calledModules) }));
  const dropped = new Map(moves.filter((move) => !kept.has(move)).map((move) => [move.from, move.to]));
  const { moved: _moved, ...rest } = config;
  const result: JsonObject = retargeted.length ? { ...rest, moved: retargeted } : rest;
  return { config: withMovedMetadata(result, retargeted), dropped };
}

/** `module.<name>[<key>].<address>` whose module dropped the move from `<address>`: aimed at that move's destination. */
function intoCalledModule(to: string, calledModules: KeptMovesOptions['calledModules']): string {
  const match = /^(module\.([\w-]+)(?:\[[^\]]*\])?\.)(.+)$/.exec(to);
  if (!match || !calledModules) return to;
  const [, prefix, name, address] = match;
  const onward = calledModules.get(name)?.get(address);
  return onward === undefined ? to : prefix + onward;
}

/** cdktf's `//.metadata.moved` (destination resources by type) for the kept moves; gone when none is kept. */
function withMovedMetadata(config: JsonObject, kept: readonly Move[]): JsonObject {
  const comment = config['//'] as { metadata?: JsonObject } | undefined;
  const recorded = comment?.metadata?.moved as Record<string, string[]> | undefined;
  if (!recorded) return config;
  const destinations = new Set(kept.map((move) => move.to.replace(/\[[^\]]*\]$/, '')));
  const moved = Object.fromEntries(
    Object.entries(recorded)
      .map(([type, names]) => [type, names.filter((name) => destinations.has(`${type}.${name}`))] as const)
      .filter(([, names]) => names.length),
  );
  const { moved: _moved, ...metadata } = comment!.metadata!;
  return { ...config, '//': { ...comment, metadata: Object.keys(moved).length ? { ...metadata, moved } : metadata } };
}
