/** Generated files by path relative to the output folder, in a stable order. */
export type GeneratedFiles = ReadonlyMap<string, string>;
