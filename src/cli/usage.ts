/** Command-line usage, printed by `--help` and after a usage error. */
export const USAGE = `Usage: instance-profile <command> [spec-file] [options]

Generates the IAM policy, role, attachment, instance profile and EC2 instance of a spec
as Terraform (JSON and HCL). Without a spec file the built-in example is used: the manual
walkthrough's S3WritePolicy, S3WriteRole and S3WriteProfile with one instance.

Commands:
  synth [spec-file]     Check the spec, verify its expectations, then write Terraform JSON,
                        HCL and diagrams (default command); nothing is written on failure
  check [spec-file]     Run every check (IAM grammar and quotas, security rules) on what the
                        spec synthesizes and print the findings table; exit 1 when an error is
                        not suppressed. check --plan plan.json checks a Terraform plan instead
  verify [spec-file]    Decide each profile's expectations (e.g. put s3://bucket/key) and its
                        role's trust offline, per stack; exit 1 when one is not met.
                        verify --plan plan.json [spec-file | --expect file] decides them on a plan
  drift [spec-file]     Fail (exit 1) when the output folder differs from what synth would write
                        with the same arguments; with --module, from what module would write
  module [spec-file]    Check the spec like synth, then write a Terraform module generated from
                        it, with its example root module and native tests
                        (default: generated/module/<stack>)
  doctor [spec-file]    List what the spec expects in the account; with --inventory, find
                        existing, orphaned and unlisted instance profiles (exit 1 if any
                        need cleaning up)
  schema                Write the spec's JSON Schema (for editor completion)

Options:
  -o, --out <dir>       Output folder for synth and drift (default: generated) and module
                        (default: generated/module/<stack>); file for schema (default: spec.schema.json)
      --module          drift: the folder holds a module written by the module command
      --layout <flat|module>  synth, drift: flat roots (default), or the module once in
                        <out>/module/<name> and a thin root per stack calling it
      --fleets <for_each|expanded>  synth, drift: each fleet as one module call with
                        for_each over its items (default), or resources of its own per item
      --inventory <file>  doctor: output of aws iam list-instance-profiles --output json
      --plan <file>     check, verify: the JSON of terraform show -json <planfile>
      --expect <file>   verify --plan: expectations per instance profile (YAML or JSON)
  -q, --quiet           Print only problems
  -h, --help            Show this help
      --version         Show the version

Exit codes: 0 success, 1 invalid spec or policy document (drift: output out of date),
2 usage error, 3 internal error.
Through npm: npm run synth -- my-spec.yaml --out generated`;
