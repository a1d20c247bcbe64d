/**
 * Checks that every `Action` / `NotAction` entry names something IAM knows: a known service
 * and action, or a wildcard that matches at least one action. Unknown names get the closest
 * known one as a suggestion.
 */
import { closest } from '../../text/closest';
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { expandActionPattern, parseActionPattern } from '../../iam/action-pattern';
import type { IamCatalog } from '../../iam/iam-catalog';
import { checkError } from '../make-finding';
import type { Located, ParsedPolicy } from './parsed-policy';

/** Findings for the action entries of every statement of `policy`. */
export function checkPolicyActions(policy: ParsedPolicy, catalog: IamCatalog): Finding[] {
  return policy.statements.flatMap((statement) => (statement.actions?.entries ?? []).flatMap((entry) => checkActionEntry(entry, catalog)));
}

/** Findings for one action string. */
export function checkActionEntry(entry: Located<string>, catalog: IamCatalog): Finding[] {
  const shown = JSON.stringify(entry.value);
  const pattern = parseActionPattern(entry.value);
  if (!pattern) {
    return [
      checkError(
        CHECK_IDS.actionFormat,
        entry.path,
        `${shown} is not an action; write service:Action (e.g. "s3:PutObject"), a pattern such as "s3:Put*", or "*"`,
      ),
    ];
  }
  const expansion = expandActionPattern(pattern, catalog);
  switch (expansion.kind) {
    case 'all':
      return [];
    case 'service-wildcard':
      return expansion.services.length
        ? []
        : [checkError(CHECK_IDS.actionMatchesNothing, entry.path, `${shown}: the service pattern "${pattern.service}" matches no service prefix`)];
    case 'unknown-service': {
      const suggestion = closest(pattern.service, catalog.servicePrefixes);
      return [
        checkError(
          CHECK_IDS.unknownAction,
          entry.path,
          `${shown}: IAM has no service "${pattern.service}"${suggestion ? `; did you mean "${suggestion}" (${suggestion}:${pattern.name})?` : '; the prefix is the service\'s IAM prefix, e.g. "s3" or "ec2"'}`,
        ),
      ];
    }
    case 'actions': {
      if (expansion.actions.length) return [];
      if (expansion.wildcard) {
        return [
          checkError(CHECK_IDS.actionMatchesNothing, entry.path, `${shown} matches no action of ${pattern.service}; a wildcard must match at least one action`),
        ];
      }
      const service = catalog.service(pattern.service);
      const suggestion =
        service &&
        closest(
          pattern.name,
          service.actions.map((action) => action.name),
        );
      return [
        checkError(
          CHECK_IDS.unknownAction,
          entry.path,
          `unknown action ${shown}: ${pattern.service} has no action "${pattern.name}"` +
            (suggestion
              ? `; did you mean ${pattern.service}:${suggestion}?`
              : `; see the actions of ${pattern.service} in the AWS Service Authorization Reference`),
        ),
      ];
    }
  }
}
