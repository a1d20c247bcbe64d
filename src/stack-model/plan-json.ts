/**
 * The JSON of `terraform show -json <planfile>` (format 1.x), as far as the plan reader reads it
 * (https://developer.hashicorp.com/terraform/internals/json-format). Whatever else a plan holds,
 * and any attribute a provider version adds, is passed over. {@link requirePlanJson} checks that
 * a value is one.
 */
import { formatFieldPath } from '../spec/spec-error';
import { isPlainObject } from '../text/plain-object';

/** A saved plan's JSON. */
export interface PlanJson {
  readonly format_version: string;
  readonly variables?: Readonly<Record<string, { readonly value?: unknown }>>;
  readonly planned_values: { readonly root_module?: PlannedModule };
  readonly resource_changes?: readonly ResourceChange[];
  readonly configuration?: { readonly provider_config?: Readonly<Record<string, ProviderConfig>>; readonly root_module?: ConfigModule };
}

/** A module of `planned_values`: its resources and its child modules' instances. */
export interface PlannedModule {
  /** `module.writer`, `module.writer["a"].module.inner`; absent for the root. */
  readonly address?: string;
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}

/** One resource instance of `planned_values`; values known only after apply are left out of `values`. */
export interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** One entry of `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly deposed?: string;
  readonly change: { readonly after_unknown?: unknown; readonly importing?: { readonly id?: unknown } };
}

/** An expression of the configuration: `constant_value` when it is a constant, `references` to what it reads otherwise. */
export interface Expression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

/** A resource of the configuration: its arguments' expressions, and the provider configuration it uses. */
export interface ConfiguredResource {
  readonly address: string;
  readonly mode: string;
  /** The key of its provider in `provider_config`: `aws`, `aws.west`, `child:aws` for a provider a module configures. */
  readonly provider_config_key?: string;
  readonly expressions?: Readonly<Record<string, unknown>>;
}

/** A module of the configuration (one per module call, whatever its instances). */
export interface ConfigModule {
  readonly resources?: readonly ConfiguredResource[];
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModule }>>;
}

/** A provider configuration of `configuration.provider_config`. */
export interface ProviderConfig {
  readonly name?: string;
  readonly alias?: string;
  readonly module_address?: string;
  readonly expressions?: Readonly<Record<string, unknown>>;
}

/** A value that is not the JSON of a saved Terraform plan, or of a format version this reader does not know: an input error. */
export class PlanFormatError extends Error {
  constructor(
    /** The plan file, for messages. */
    readonly source: string,
    /** What is wrong with it: `no planned_values`, `format_version 2.0`. */
    readonly reason: string,
  ) {
    super(
      `${source} is not the JSON of \`terraform show -json <planfile>\` (${reason}); run terraform plan -out=plan.out && terraform show -json plan.out > plan.json`,
    );
    this.name = 'PlanFormatError';
  }
}

/** The plan format versions this reader reads: 1.x (compatible additions only, by Terraform's promise). */
const SUPPORTED_MAJOR = '1';

/**
 * The plan, checked to be the JSON of a saved plan of a supported format version, with the
 * shape {@link PlanJson} describes wherever the reader walks it (a resource that is no object, a
 * list that is none): else a {@link PlanFormatError} naming the field. Fields the reader does
 * not know are not looked at.
 */
export function requirePlanJson(plan: unknown, source: string): PlanJson {
  if (!isPlainObject(plan)) throw new PlanFormatError(source, `a JSON ${kindOf(plan)}, not an object`);
  const version = plan.format_version;
  if (typeof version !== 'string') throw new PlanFormatError(source, 'no format_version');
  if (version.split('.')[0] !== SUPPORTED_MAJOR) throw new PlanFormatError(source, `format_version ${version}; this reader reads ${SUPPORTED_MAJOR}.x`);
  if (!isPlainObject(plan.planned_values)) {
    throw new PlanFormatError(source, isPlainObject(plan.values) ? 'no planned_values: this is the JSON of a state, not of a plan' : 'no planned_values');
  }
  if (plan.errored === true) throw new PlanFormatError(source, 'the plan errored, so its planned values are incomplete');
  const shape = new ShapeCheck(source);
  shape.optionalRecordOf(plan.variables, ['variables'], () => undefined);
  shape.optionalObject(plan.planned_values.root_module, ['planned_values', 'root_module'], (module, at) => shape.plannedModule(module, at));
  shape.optionalList(plan.resource_changes, ['resource_changes'], (change, at) => {
    shape.string(change.address, [...at, 'address']);
    shape.object(change.change, [...at, 'change']);
  });
  shape.optionalObject(plan.configuration, ['configuration'], (configuration, at) => {
    shape.optionalRecordOf(configuration.provider_config, [...at, 'provider_config'], (provider, where) =>
      shape.optionalObject(provider.expressions, [...where, 'expressions'], () => undefined),
    );
    shape.optionalObject(configuration.root_module, [...at, 'root_module'], (module, where) => shape.configModule(module, where));
  });
  return plan as unknown as PlanJson;
}

type Path = ReadonlyArray<string | number>;

/** The checks of {@link requirePlanJson}: each throws a {@link PlanFormatError} at the first field of the wrong kind. */
class ShapeCheck {
  constructor(private readonly source: string) {}

  plannedModule(module: Record<string, unknown>, at: Path): void {
    this.optionalString(module.address, [...at, 'address']);
    this.optionalList(module.resources, [...at, 'resources'], (resource, where) => {
      for (const field of ['address', 'mode', 'type', 'name']) this.string(resource[field], [...where, field]);
      this.optionalObject(resource.values, [...where, 'values'], () => undefined);
    });
    this.optionalList(module.child_modules, [...at, 'child_modules'], (child, where) => this.plannedModule(child, where));
  }

  configModule(module: Record<string, unknown>, at: Path): void {
    this.optionalList(module.resources, [...at, 'resources'], (resource, where) => {
      this.string(resource.address, [...where, 'address']);
      this.string(resource.mode, [...where, 'mode']);
      this.optionalString(resource.provider_config_key, [...where, 'provider_config_key']);
      this.optionalObject(resource.expressions, [...where, 'expressions'], () => undefined);
    });
    this.optionalRecordOf(module.module_calls, [...at, 'module_calls'], (call, where) =>
      this.optionalObject(call.module, [...where, 'module'], (child, inner) => this.configModule(child, inner)),
    );
  }

  object(value: unknown, at: Path): void {
    if (!isPlainObject(value)) this.fail(value, at, 'an object');
  }

  optionalObject(value: unknown, at: Path, inside: (value: Record<string, unknown>, at: Path) => void): void {
    if (value === undefined || value === null) return;
    if (!isPlainObject(value)) this.fail(value, at, 'an object');
    inside(value, at);
  }

  /** A list of objects, each checked by `each`. */
  optionalList(value: unknown, at: Path, each: (item: Record<string, unknown>, at: Path) => void): void {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) this.fail(value, at, 'a list');
    value.forEach((item: unknown, index) => {
      if (!isPlainObject(item)) this.fail(item, [...at, index], 'an object');
      each(item, [...at, index]);
    });
  }

  /** An object of objects by key, each checked by `each`. */
  optionalRecordOf(value: unknown, at: Path, each: (item: Record<string, unknown>, at: Path) => void): void {
    this.optionalObject(value, at, (record) => {
      for (const [key, item] of Object.entries(record)) {
        if (!isPlainObject(item)) this.fail(item, [...at, key], 'an object');
        each(item, [...at, key]);
      }
    });
  }

  string(value: unknown, at: Path): void {
    if (typeof value !== 'string') this.fail(value, at, 'a string');
  }

  optionalString(value: unknown, at: Path): void {
    if (value !== undefined && typeof value !== 'string') this.fail(value, at, 'a string');
  }

  private fail(value: unknown, at: Path, expected: string): never {
    throw new PlanFormatError(this.source, `${formatFieldPath(at)} is ${value === undefined ? 'missing' : `a JSON ${kindOf(value)}`}, not ${expected}`);
  }
}

/** `null`, `array`, `string`, `object`, … */
function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
