/** The parts of synthesized Terraform JSON that are read back (diagram, doctor, tests). */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly import?: ReadonlyArray<{ readonly to: string; readonly id: string }>;
}

/** A resource of the configuration, by its address. */
export interface ResourceEntry {
  /** `aws_iam_role.s3_write_role` */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
}

/** Every resource, in the order of the JSON (types sorted, then names sorted, as cdktf writes them). */
export function resourcesOf(config: TerraformJson): ResourceEntry[] {
  return Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]) => ({ address: `${type}.${name}`, type, name, body })),
  );
}

/** Addresses of the resources a value refers to (`${aws_iam_role.x.name}` → `aws_iam_role.x`), in order of appearance. */
export function referencedResources(value: unknown, addresses: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const visit = (item: unknown): void => {
    if (typeof item === 'string') {
      for (const match of item.matchAll(/\b(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\b/g)) {
        if (addresses.has(match[1]) && !found.includes(match[1])) found.push(match[1]);
      }
    } else if (Array.isArray(item)) {
      item.forEach(visit);
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) if (key !== '//' && key !== 'lifecycle') visit(child);
    }
  };
  visit(value);
  return found;
}
