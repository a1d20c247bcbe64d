/**
 * Action strings as policies write them: `s3:PutObject`, `s3:Put*`, `s3:*` or `*`. Matching is
 * case-insensitive with `*` (any run of characters) and `?` (one character), as IAM does.
 */
import type { IamAction, IamCatalog } from './iam-catalog';
import { wildcardMatcher } from './wildcard-match';

/** An action string split into its service prefix and action name. */
export interface ActionPattern {
  /** The string as written. */
  readonly text: string;
  /** Service prefix in lower case, e.g. `s3`; `*` for the all-actions wildcard. */
  readonly service: string;
  /** Action name or name pattern, e.g. `PutObject` or `Put*`. */
  readonly name: string;
}

/** What an action string stands for in the catalog. */
export type ActionExpansion =
  /** `*` (or `*:*`): every action of every service. */
  | { readonly kind: 'all' }
  /** A wildcard service prefix (`s3*:Get*`): matches services, not expanded. */
  | { readonly kind: 'service-wildcard'; readonly services: readonly string[] }
  /** A service prefix IAM does not know. */
  | { readonly kind: 'unknown-service'; readonly suggestion?: string }
  /** The actions it names (empty: an unknown action, or a pattern matching nothing). */
  | { readonly kind: 'actions'; readonly actions: readonly IamAction[]; readonly wildcard: boolean };

const ACTION_SYNTAX = /^([A-Za-z0-9*?-]+):([A-Za-z0-9*?-]+)$/;

/** Splits an action string; `undefined` when it is not `service:Action` or `*`. */
export function parseActionPattern(text: string): ActionPattern | undefined {
  if (text === '*') return { text, service: '*', name: '*' };
  const match = ACTION_SYNTAX.exec(text);
  if (!match) return undefined;
  return { text, service: match[1].toLowerCase(), name: match[2] };
}

/** Whether a string holds an IAM wildcard (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** Whether the action pattern covers the concrete action `service:Name` (e.g. `iam:PassRole`). */
export function actionPatternCovers(pattern: ActionPattern, action: string): boolean {
  if (pattern.service === '*' && pattern.name === '*') return true;
  const [service, name] = action.split(':');
  return wildcardMatcher(pattern.service)(service) && wildcardMatcher(pattern.name)(name ?? '');
}

/** Looks an action pattern up in the catalog (its service must have been loaded). */
export function expandActionPattern(pattern: ActionPattern, catalog: IamCatalog): ActionExpansion {
  if (pattern.service === '*' && pattern.name === '*') return { kind: 'all' };
  if (hasWildcard(pattern.service)) {
    const matches = wildcardMatcher(pattern.service);
    return { kind: 'service-wildcard', services: catalog.servicePrefixes.filter(matches) };
  }
  const service = catalog.service(pattern.service);
  if (!service) return { kind: 'unknown-service' };
  if (!hasWildcard(pattern.name)) {
    const action = service.action(pattern.name);
    return { kind: 'actions', actions: action ? [action] : [], wildcard: false };
  }
  const matches = wildcardMatcher(pattern.name);
  return { kind: 'actions', actions: service.actions.filter((action) => matches(action.name)), wildcard: true };
}
