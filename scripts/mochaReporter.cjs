// The spec reporter, plus a line of counts appended to $HUBMON_COUNTS so scripts/test.mjs can print
// one "N passed, N failed" total over every stage (unit, integration, in-host, UI).
const Mocha = require('mocha');
const fs = require('node:fs');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const stage = process.env.HUBMON_STAGE || 'mocha';
    runner.once('end', () => {
      const file = process.env.HUBMON_COUNTS;
      if (!file) return;
      const { passes, failures, pending } = this.stats;
      fs.appendFileSync(file, JSON.stringify({ stage, passed: passes, failed: failures, skipped: pending }) + '\n');
    });
  }
}

module.exports = CountingReporter;
