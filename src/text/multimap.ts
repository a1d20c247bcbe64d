/** Adds `value` to the list `map` holds under `key`, starting the list if there is none: in place, so filling a list is linear. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
