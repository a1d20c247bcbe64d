import type { FieldPath } from '../spec/field-path';
import type { Finding, FindingLevel } from './finding';

/** A finding of a validity check (no severity): rule id, level, where and what. */
export function checkFinding(rule: string, level: FindingLevel, path: FieldPath, message: string): Finding {
  return { rule, level, path, message };
}

/** Shorthand for an error of a validity check. */
export function checkError(rule: string, path: FieldPath, message: string): Finding {
  return checkFinding(rule, 'error', path, message);
}

/** Shorthand for a warning of a validity check. */
export function checkWarning(rule: string, path: FieldPath, message: string): Finding {
  return checkFinding(rule, 'warning', path, message);
}
