// cdktf's Testing.app() makes a `cdktf.outdir.*` folder in the temp dir per app and never removes
// it; remove the ones this run made.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const started = Number(process.env.TEST_RUN_STARTED_MS ?? Date.now());
  for (const name of fs.readdirSync(os.tmpdir())) {
    // The plan fixtures' cache of this run (__tests__/helpers/plan-fixture.ts) goes too.
    if (!name.startsWith('cdktf.outdir.') && name !== `plan-fixture-cache-${process.env.TEST_RUN_STARTED_MS}`) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      if (fs.statSync(dir).mtimeMs >= started) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
};
