// Records when the test run started, so the teardown removes only the scratch folders of this run.
//
// Terraform and the AWS provider are Go programs, and every Terraform command loads the provider's
// large schema, which keeps Go's garbage collector busy. Letting the heap grow by four times its
// live size before a collection (GOGC=400) instead of by once its size (Go's default, 100) takes
// a quarter off each command's CPU time (measured: plan 5.5 → 4.4 s, terraform test 12.5 → 8.6 s)
// for some 40 MB more memory per process. It is set for the whole run (the workers, cdktf's
// matchers and the provider inherit it); a GOGC already set is kept.
module.exports = async () => {
  process.env.TEST_RUN_STARTED_MS = String(Date.now());
  process.env.GOGC ??= '400';
};
