import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CookieJar, fetchCookie } from '../../src/core/hub/cookieShim';

describe('cookie shim (stands in for tough-cookie + fetch-cookie in the bundles)', () => {
  it('carries a cookie set by one response to the next request of the same host only', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.cookie);
      res.setHeader('Set-Cookie', ['ARRAffinity=abc123; Path=/; HttpOnly', 'Other=1']);
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const jar = new CookieJar();
      const f = fetchCookie(fetch, jar);
      await (await f(`http://127.0.0.1:${port}/hubs/user/negotiate`, { method: 'POST' })).text();
      await (await f(`http://127.0.0.1:${port}/hubs/user`)).text();
      assert.deepEqual(seen, [undefined, 'ARRAffinity=abc123; Other=1']);
      let viaCallback = '';
      jar.getCookies(`http://127.0.0.1:${port}/x`, (_e, c) => (viaCallback = c.join('; ')));
      assert.equal(viaCallback, 'ARRAffinity=abc123; Other=1');
      assert.deepEqual(jar.cookiesFor('http://localhost:1/x'), []);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
