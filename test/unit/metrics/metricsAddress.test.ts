import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../../src/cli/args';
import { formatMetricsAddress, parseMetricsAddress } from '../../../src/cli/metrics/metricsAddress';
import { readTokenFile, withTokenFile } from '../../../src/cli/tokenFile';

describe('--metrics address', () => {
  it('takes port, host:port and [ipv6]:port; the host defaults to loopback', () => {
    assert.deepEqual(parseMetricsAddress('9464'), { host: '127.0.0.1', port: 9464 });
    assert.deepEqual(parseMetricsAddress('0.0.0.0:9464'), { host: '0.0.0.0', port: 9464 });
    assert.deepEqual(parseMetricsAddress('metrics.internal:80'), { host: 'metrics.internal', port: 80 });
    assert.deepEqual(parseMetricsAddress('[::1]:9464'), { host: '::1', port: 9464 });
    assert.equal(formatMetricsAddress(parseMetricsAddress('[::1]:9464')), '[::1]:9464');
    assert.equal(formatMetricsAddress(parseMetricsAddress('9464')), '127.0.0.1:9464');
  });

  it('refuses anything else with one line naming the forms', () => {
    for (const bad of ['', 'localhost', ':9464', '::1:9464', '[localhost]:9464', '[::1]', 'host:port', 'a b:1', '65536', 'h:99999']) {
      assert.throws(() => parseMetricsAddress(bad), (e: unknown) => e instanceof UsageError && /--metrics/.test(e.message) && !e.message.includes('\n'), bad);
    }
  });
});

describe('token file', () => {
  let dir = '';
  before(() => {
    mkdirSync('.test-runs', { recursive: true });
    dir = mkdtempSync(join('.test-runs', 'token-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a 0600 file (trimmed) and fills PROJECTX_TOKEN; refuses a looser mode, an empty or a missing file', () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'abc.def.ghi\n');
    chmodSync(file, 0o600);
    assert.equal(readTokenFile(file), 'abc.def.ghi');
    assert.equal(withTokenFile({ PROJECTX_TOKEN_FILE: file }, undefined).PROJECTX_TOKEN, 'abc.def.ghi');
    assert.deepEqual(withTokenFile({ A: '1' }, undefined), { A: '1' });
    chmodSync(file, 0o640);
    assert.throws(() => readTokenFile(file), /readable by others \(mode 640\); run chmod 600/);
    writeFileSync(file, '  \n');
    chmodSync(file, 0o400);
    assert.throws(() => readTokenFile(file), /is empty/);
    assert.throws(() => readTokenFile(join(dir, 'missing')), /cannot read it \(ENOENT\)/);
  });
});
