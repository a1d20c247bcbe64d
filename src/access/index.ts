/**
 * The offline access verifier: expectations and trust decided with iam-simulate (loaded only
 * when a request is decided), reported as a table, as findings, or through jest matchers.
 */
export { verifyProfiles, verifyTarget } from './verify';
export type { ProfileVerification, VerifyRow } from './verify';
export { renderVerifyReport, summaryLine } from './report';
export { verifyFindings, failureMessage, ACCESS_EXPECTATION_RULE, ACCESS_NOT_EVALUATED_RULE } from './findings';
export { measureDecisionsPerSecond } from './benchmark';
export { targetOfSpec, targetOfStackPlan } from './target';
export type { VerifyTarget } from './target';
export { describeRequest, toIamRequest } from './request';
export type { AccessRequestInput, IamRequest } from './request';
export type { AccessDecision } from './simulator';
export type { ExpectedOutcome } from './plan';
export { PLACEHOLDER_ACCOUNT_ID, OTHER_ACCOUNT_ID } from './principal';
