/**
 * Typed reads of the fields of an export file's JSON, each failing with a located problem that
 * names what was expected and what was found. Absent optional lists read as empty, as the AWS
 * CLI leaves out an empty list in some outputs and prints `[]` in others.
 */
import { isPlainObject } from '../text/plain-object';
import type { FieldPath } from '../spec/field-path';
import { failAt, type ExportFile } from './export-file';

/** A JSON object of the file and where it is. */
export interface ExportObject {
  readonly source: ExportFile;
  readonly path: FieldPath;
  readonly value: Readonly<Record<string, unknown>>;
}

/** What a JSON value is, for messages: `text`, `a number`, `a list`, `an object`, `true`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' ? 'a number' : String(value);
}

function wrong(source: ExportFile, path: FieldPath, expected: string, value: unknown): never {
  return failAt(source, path, `expected ${expected}, found ${describeValue(value)}; pass the unedited output of ${source.command}`);
}

/** `value` at `path` as an object. */
export function asObject(source: ExportFile, path: FieldPath, value: unknown): ExportObject {
  if (!isPlainObject(value)) wrong(source, path, 'an object', value);
  return { source, path, value };
}

/** Field `key` of `object` as an object, or `undefined` when it is absent. */
export function optionalObject(object: ExportObject, key: string): ExportObject | undefined {
  const value = object.value[key];
  return value === undefined ? undefined : asObject(object.source, [...object.path, key], value);
}

/** Field `key` of `object` as a list of objects; absent reads as empty. */
export function objectList(object: ExportObject, key: string): ExportObject[] {
  const value = object.value[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) wrong(object.source, [...object.path, key], 'a list', value);
  return value.map((item, index) => asObject(object.source, [...object.path, key, index], item));
}

/** Field `key` of `object` as text; it must be present. */
export function requiredText(object: ExportObject, key: string): string {
  const value = object.value[key];
  if (typeof value !== 'string') wrong(object.source, [...object.path, key], 'text', value);
  return value;
}

/** Field `key` of `object` as text, or `undefined` when it is absent. */
export function optionalText(object: ExportObject, key: string): string | undefined {
  return object.value[key] === undefined ? undefined : requiredText(object, key);
}

/** Field `key` of `object` as a whole number, or `undefined` when it is absent. */
export function optionalCount(object: ExportObject, key: string): number | undefined {
  const value = object.value[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) wrong(object.source, [...object.path, key], 'a whole number', value);
  return value;
}

/** Field `key` of `object` as a boolean; absent reads as `false`. */
export function optionalFlag(object: ExportObject, key: string): boolean {
  const value = object.value[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') wrong(object.source, [...object.path, key], 'true or false', value);
  return value;
}

/** A tag as the AWS CLI prints it (`{"Key": …, "Value": …}`). */
export interface ExportTag {
  readonly key: string;
  readonly value: string;
}

/** Field `key` (default `Tags`) of `object` as tags; absent reads as none. */
export function tagList(object: ExportObject, key = 'Tags'): ExportTag[] {
  return objectList(object, key).map((tag) => ({ key: requiredText(tag, 'Key'), value: requiredText(tag, 'Value') }));
}
