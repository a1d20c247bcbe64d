// The order test files start in: jest's (files that failed last time first, then the slowest of
// the last run, then the largest), with the files that run Terraform (__tests__/terraform/, the
// slowest, 5 to 25 s each) in front of all others. On a clean checkout jest knows no durations
// and orders by size alone, which can leave a long Terraform file for the end, with one worker
// busy and the other idle.
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const TERRAFORM_TIER = `${path.sep}__tests__${path.sep}terraform${path.sep}`;

class TerraformFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const runsTerraform = (test) => test.path.includes(TERRAFORM_TIER);
    return [...sorted.filter(runsTerraform), ...sorted.filter((test) => !runsTerraform(test))];
  }
}

module.exports = TerraformFirst;
