/**
 * The offline access verifier: expectations and trust decided with iam-simulate (loaded only
 * when a request is decided) on the stacks as they deploy, reported as a table, as findings,
 * or through jest matchers.
 */
export { verifyProfiles, verifyStack, verifyStacks } from './verify';
export type { ProfileVerification, VerifyRow } from './verify';
export { expectationsOf, stacksToVerify } from './expectations';
export type { ProfileExpectations, StackToVerify } from './expectations';
export { renderVerifyReport, summaryLine } from './report';
export { verifyFindings, failureMessage, ACCESS_EXPECTATION_RULE, ACCESS_NOT_EVALUATED_RULE } from './findings';
export { subjectOf } from './target';
export type { VerifySubject } from './target';
export { describeRequest, toIamRequest } from './request';
export type { AccessRequestInput, IamRequest } from './request';
export type { AccessDecision } from './simulator';
export type { ExpectedOutcome } from './plan';
export { PLACEHOLDER_ACCOUNT_ID, OTHER_ACCOUNT_ID } from './principal';
