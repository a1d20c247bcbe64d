/**
 * `compute`'s result, computed on the first call and kept: Terraform work that several tests of
 * a file read (a plan, an initialized root) is done by whichever of them runs first. A call that
 * throws keeps nothing, so the next test that asks fails the same way.
 */
export function once<T>(compute: () => T): () => T {
  let result: { readonly value: T } | undefined;
  return () => (result ??= { value: compute() }).value;
}

/** {@link once} per key: `compute(key)` on the first call with that key. */
export function oncePerKey<K, T>(compute: (key: K) => T): (key: K) => T {
  const results = new Map<K, T>();
  return (key) => {
    if (!results.has(key)) results.set(key, compute(key));
    return results.get(key)!;
  };
}
