// Where a key or token may travel: https:/wss: anywhere, http:/ws: only to this machine.
import * as assert from 'node:assert/strict';
import { checkTransport, isLoopbackHost } from '../../src/core/gateway/transportPolicy';

describe('transport policy', () => {
  it('accepts encrypted URLs to any host and plain ones only to loopback', () => {
    for (const ok of ['https://api.topstepx.com', 'wss://rtc.topstepx.com/hubs/user', 'http://127.0.0.1:47017', 'ws://127.0.0.1:1/hubs/market', 'http://localhost:8080', 'http://[::1]:9/x', 'http://127.1.2.3']) {
      assert.equal(checkTransport(ok, 'apiUrl').ok, true, ok);
    }
  });

  it('refuses plain http to another host with one line naming the cause and the fix', () => {
    const verdict = checkTransport('http://api.example.com/base', 'hubmon.profiles[0] ("acme") apiUrl');
    assert.equal(verdict.ok, false);
    if (verdict.ok) return;
    assert.doesNotMatch(verdict.problem, /\n/);
    assert.match(verdict.problem, /^hubmon\.profiles\[0\] \("acme"\) apiUrl uses unencrypted http to api\.example\.com/);
    assert.match(verdict.problem, /use https:\/\/api\.example\.com\/base/);
    const ws = checkTransport('ws://10.0.0.5:5000/hubs/user', 'userHubUrl');
    assert.ok(!ws.ok && /use wss:\/\/10\.0\.0\.5:5000\/hubs\/user/.test(ws.problem));
  });

  it('refuses look-alike loopback names, other schemes and non-URLs', () => {
    for (const bad of ['http://127.0.0.1.attacker.com', 'http://localhost.attacker.com.', 'http://0.0.0.0', 'ftp://127.0.0.1', 'not a url', 'http://128.0.0.1']) {
      assert.equal(checkTransport(bad, 'apiUrl').ok, false, bad);
    }
    assert.equal(isLoopbackHost('LOCALHOST'), true);
    assert.equal(isLoopbackHost('127.0.0.256.example'), false);
  });
});
