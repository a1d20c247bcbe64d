/**
 * The only module that uses @cloud-copilot/iam-simulate (AGPL-3.0-or-later). It is required
 * lazily, on the first simulation (or, for its condition operator modules only, the first time
 * the checks ask for the operator catalog), so that loading this project (the constructs, the
 * CLI) never loads it; the synthesized Terraform does not depend on it in any way.
 * Everything it returns is converted to this project's own types.
 */
import type * as IamSimulate from '@cloud-copilot/iam-simulate';
import * as fs from 'fs';
import * as path from 'path';
import type { PolicyDocument } from './policy-document';

/** What IAM decides for a request. */
export type AccessDecision = 'allowed' | 'implicitly denied' | 'explicitly denied';

/** A policy in a simulation: an id (unique within the simulation) and its document. */
export interface SimulatedPolicy {
  readonly id: string;
  readonly document: PolicyDocument;
}

/** One request to simulate, with every policy that applies to it. */
export interface AccessQuery {
  /** The calling principal: a role ARN, an account root ARN or a service principal. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource. */
  readonly resourceAccount: string;
  readonly context: Readonly<Record<string, string>>;
  readonly identityPolicies: readonly SimulatedPolicy[];
  readonly boundary?: SimulatedPolicy;
  /** The resource's policy; for `sts:AssumeRole` on a role, its trust policy. */
  readonly resourcePolicy?: SimulatedPolicy;
}

/** Which kind of policy a deciding statement (or an implicit denial) comes from. */
export type PolicyKind = 'identity' | 'boundary' | 'resource' | 'other';

/** Why a request was decided as it was: a statement that allowed or denied it, or a policy kind that allowed nothing. */
export interface DecidingReason {
  readonly kind: PolicyKind;
  /** The {@link SimulatedPolicy.id}; absent for the resource policy and for implicit denials of a kind. */
  readonly policyId?: string;
  readonly sid?: string;
  /** 0-based index in the policy's `Statement` list (iam-simulate counts from 1). */
  readonly statementIndex?: number;
  /** `false` for an implicit denial: no statement of this kind allowed the request. */
  readonly statement: boolean;
}

/** The outcome of one simulation. */
export type SimulationOutcome =
  | {
      readonly decision: AccessDecision;
      readonly reasons: readonly DecidingReason[];
      /** Context keys the simulator dropped because they do not apply to the action and resource. */
      readonly ignoredContextKeys: readonly string[];
      readonly error?: undefined;
    }
  | {
      readonly error: string;
      /** Validation errors per policy id, when policies are invalid. */
      readonly policyErrors: ReadonlyArray<{ readonly policyId: string; readonly path: string; readonly message: string }>;
    };

let simulator: typeof IamSimulate | undefined;

/** iam-simulate, loaded on first use. */
function iamSimulate(): typeof IamSimulate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  simulator ??= require('@cloud-copilot/iam-simulate') as typeof IamSimulate;
  return simulator;
}

/** Simulates one request with iam-simulate (strict mode: the context is taken as complete). */
export async function simulate(query: AccessQuery): Promise<SimulationOutcome> {
  const sim = iamSimulate();
  const response = await sim.runSimulation(
    {
      request: {
        principal: query.principal,
        action: query.action,
        resource: { resource: query.resource, accountId: query.resourceAccount },
        contextVariables: { ...query.context },
      },
      identityPolicies: query.identityPolicies.map(({ id, document }) => ({ name: id, policy: document })),
      permissionBoundaryPolicies: query.boundary ? [{ name: query.boundary.id, policy: query.boundary.document }] : undefined,
      resourcePolicy: query.resourcePolicy?.document,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    { simulationMode: 'Strict' },
  );
  if (response.resultType === 'error') return errorOutcome(response.errors, query);
  const results = response.resultType === 'single' ? [response.result] : response.results;
  const decision = DECISIONS[response.overallResult];
  const reasons = results.flatMap(({ analysis }) =>
    decision === 'allowed' ? sim.getGrantReasons(analysis).map(grantReason) : sim.getDenialReasons(analysis).map(denialReason),
  );
  // A wildcard resource that no policy names yields no results: nothing allowed it.
  if (!reasons.length && decision !== 'allowed') reasons.push({ kind: 'identity', statement: false });
  return {
    decision,
    reasons: unique(reasons),
    ignoredContextKeys: [...new Set(results.flatMap((result) => result.ignoredContextKeys ?? []))],
  };
}

const DECISIONS: Record<IamSimulate.EvaluationResult, AccessDecision> = {
  Allowed: 'allowed',
  ImplicitlyDenied: 'implicitly denied',
  ExplicitlyDenied: 'explicitly denied',
};

function kindOf(policyType: string): PolicyKind {
  switch (policyType) {
    case 'identity':
      return 'identity';
    case 'pb':
      return 'boundary';
    case 'resource':
      return 'resource';
    default:
      return 'other';
  }
}

function grantReason(grant: IamSimulate.RequestGrant): DecidingReason {
  return {
    kind: kindOf(grant.policyType),
    policyId: 'policyIdentifier' in grant ? grant.policyIdentifier : undefined,
    sid: grant.statementId,
    statementIndex: grant.statementIndex - 1,
    statement: true,
  };
}

function denialReason(denial: IamSimulate.RequestDenial): DecidingReason {
  if (denial.denialType === 'Implicit') return { kind: kindOf(denial.policyType), statement: false };
  return {
    kind: kindOf(denial.policyType),
    policyId: denial.policyIdentifier,
    sid: denial.statementId,
    statementIndex: denial.statementIndex - 1,
    statement: true,
  };
}

function unique(reasons: DecidingReason[]): DecidingReason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = [reason.kind, reason.policyId, reason.sid, reason.statementIndex, reason.statement].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function errorOutcome(errors: IamSimulate.SimulationErrors, query: AccessQuery): SimulationOutcome {
  const policyErrors = [
    ...Object.entries({ ...errors.identityPolicyErrors, ...errors.permissionBoundaryErrors }).flatMap(([policyId, list]) =>
      list.map((error) => ({ policyId, path: error.path, message: error.message })),
    ),
    ...(errors.resourcePolicyErrors ?? []).map((error) => ({
      policyId: query.resourcePolicy?.id ?? 'resource policy',
      path: error.path,
      message: error.message,
    })),
  ];
  return { error: describeError(errors.message, query), policyErrors };
}

function describeError(code: string, query: AccessQuery): string {
  const { action, resource } = query;
  switch (code) {
    case 'policy.errors':
      return 'a policy is not valid';
    case 'invalid.service':
      return `"${action.split(':')[0]}" is not an AWS service that IAM knows`;
    case 'invalid.action':
      return action.includes('*') ? `"${action}" names several actions; a request is one action` : `"${action}" is not an IAM action`;
    case 'must.use.wildcard':
      return `${action} takes no resource ARN: use resource "*"`;
    case 'no.resource.types':
      return `${resource} is not a resource that ${action} acts on`;
    case 'multiple.resource.types':
      return `${resource} matches several resource types of ${action}`;
    case 'invalid.principal':
      return `"${query.principal}" is not a principal`;
    default:
      return `iam-simulate refused the request (${code})`;
  }
}

/** Which kind of value a condition operator compares; named as iam-data names condition key types. */
export type ConditionOperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IPAddress' | 'ARN' | 'Null';

/** A base condition operator IAM accepts (without `IfExists` or a set qualifier). */
export interface ConditionOperatorInfo {
  /** The name as IAM spells it (IAM compares operator names case-sensitively), e.g. `StringLike`. */
  readonly name: string;
  /** What it compares; absent for an operator of a family this project does not know yet. */
  readonly family?: ConditionOperatorFamily;
  /** Whether values may hold policy variables such as `${aws:username}`. */
  readonly allowsVariables: boolean;
  /** Whether `*` and `?` in values are wildcards. */
  readonly allowsWildcards: boolean;
}

/** iam-simulate's folders of operator modules (`condition/<folder>/<Operator>.js`) and what they compare. */
const OPERATOR_FOLDERS: Readonly<Record<string, ConditionOperatorFamily>> = {
  string: 'String',
  numeric: 'Numeric',
  date: 'Date',
  boolean: 'Bool',
  binary: 'Binary',
  ipaddress: 'IPAddress',
  arn: 'ARN',
};

let operatorCatalog: readonly ConditionOperatorInfo[] | undefined;

/**
 * Every base condition operator IAM accepts, read on first use from iam-simulate, which implements
 * one module per operator. `Null` has no module there (its evaluator tests presence, not values),
 * so it is added here.
 */
export function conditionOperators(): readonly ConditionOperatorInfo[] {
  operatorCatalog ??= [...readOperatorModules(), { name: 'Null', family: 'Null', allowsVariables: false, allowsWildcards: false }];
  return operatorCatalog;
}

/**
 * iam-simulate exports no list of its operators, so its modules are read where it keeps them.
 * The version is pinned; an upgrade that moves them fails here, loudly, rather than leaving the
 * checks without operators: each family must still have its modules.
 */
function assertOperatorLayout(found: readonly ConditionOperatorInfo[], conditionDir: string): void {
  const missing = Object.values(OPERATOR_FOLDERS).filter((family) => !found.some((operator) => operator.family === family));
  if (missing.length) {
    throw new Error(
      `the simulator package has no condition operator modules for ${missing.join(', ')} in ${conditionDir} (<family>/<Operator>.js); its layout changed: update readOperatorModules in src/iam/simulator.ts`,
    );
  }
}

interface OperatorModuleExport {
  readonly name?: unknown;
  readonly matches?: unknown;
  readonly allowsVariables?: unknown;
  readonly allowsWildcards?: unknown;
}

function readOperatorModules(): ConditionOperatorInfo[] {
  const entry = require.resolve('@cloud-copilot/iam-simulate');
  const conditionDir = path.join(path.dirname(entry), 'condition');
  const folders = fs.existsSync(conditionDir) ? fs.readdirSync(conditionDir, { withFileTypes: true }).filter((dirent) => dirent.isDirectory()) : [];
  const found = folders.flatMap((folder) =>
    fs
      .readdirSync(path.join(conditionDir, folder.name))
      .filter((file) => /^[A-Z]\w*\.js$/.test(file))
      .flatMap((file) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported = require(path.join(conditionDir, folder.name, file)) as Record<string, OperatorModuleExport>;
        return Object.values(exported).flatMap((operator): ConditionOperatorInfo[] =>
          typeof operator?.name === 'string' && typeof operator.matches === 'function'
            ? [
                {
                  name: operator.name,
                  family: OPERATOR_FOLDERS[folder.name],
                  allowsVariables: operator.allowsVariables === true,
                  allowsWildcards: operator.allowsWildcards === true,
                },
              ]
            : [],
        );
      }),
  );
  assertOperatorLayout(found, conditionDir);
  return found;
}
