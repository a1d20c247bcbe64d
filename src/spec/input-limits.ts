/**
 * What the spec reader accepts at most, so that no input can exhaust memory or the stack:
 * each limit, when crossed, is reported as an input error with the file and place.
 */
export const INPUT_LIMITS = {
  /**
   * Bytes of one spec or policy document file: a 10,000-profile fleet spec is about 2 MiB, and
   * IAM's largest policy quota a few kB, so a larger file is refused before it is parsed.
   */
  fileBytes: 16 * 2 ** 20,
  /** Nesting of mappings and lists (a policy document inside a spec nests about ten deep). */
  nestingDepth: 64,
  /** YAML aliases (`*name`) one spec may expand; each expansion copies the anchored value. */
  yamlAliases: 100,
} as const;
