// Records when the test run started, so the teardown removes only the scratch folders of this run.
module.exports = async () => {
  process.env.TEST_RUN_STARTED_MS = String(Date.now());
};
