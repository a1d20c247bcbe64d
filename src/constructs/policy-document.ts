import { Fn, Lazy, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import { IAM_POLICY_VERSION } from '../iam-policy-version';
import type { PolicyDocument } from '../spec/model';
import { escapeLiteralText } from './literal-text';

export { IAM_POLICY_VERSION };

export interface PolicyDocumentLocalProps {
  /** The policy document as JSON. Strings holding cdktf tokens are kept as references; all others are literal. @default - a document with no statements, to add to with `addStatements` */
  readonly document?: PolicyDocument;
  /** Name of the Terraform local value that holds the document (e.g. `s3_write_policy_document`). */
  readonly localName: string;
}

/**
 * A policy document kept structured in the output: a Terraform `locals` entry holding the
 * document as an object, and `jsonencode(local.<name>)` where IAM wants the JSON string.
 * It reads as a document in both JSON and HCL, and never as one escaped string. The document
 * is IAM's, never Terraform code: its text (policy variables such as `${aws:username}`) is
 * escaped when the statements are produced, in any stack.
 */
export class PolicyDocumentLocal extends Construct {
  /** `jsonencode(local.<name>)`: the document as the JSON string IAM takes. */
  readonly json: string;
  private readonly document: PolicyDocument;
  private readonly added: unknown[] = [];

  constructor(scope: Construct, id: string, props: PolicyDocumentLocalProps) {
    super(scope, id);
    this.document = props.document ?? { Version: IAM_POLICY_VERSION, Statement: [] };
    const local = new TerraformLocal(this, 'Local', Lazy.anyValue({ produce: () => escapeLiteralText(this.statements()) }));
    local.overrideLogicalId(props.localName);
    this.json = Fn.jsonencode(local.expression);
  }

  /** Adds statements to the document (they are written when the stack synthesizes). */
  addStatements(...statements: readonly unknown[]): void {
    this.added.push(...statements);
  }

  /** The document with the added statements. */
  private statements(): PolicyDocument {
    if (!this.added.length) return this.document;
    const given = this.document.Statement;
    return { ...this.document, Statement: [...(given === undefined ? [] : Array.isArray(given) ? given : [given]), ...this.added] };
  }
}
