import assert from 'node:assert/strict';
import { redact } from '../../src/core/util/redact';

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZW1vIiwiZXhwIjoxNzIxNTcwMDAwfQ.c2lnbmF0dXJlLXBhcnQtX2Fi';
const SECRET_PARTS = [JWT, 'eyJzdWIiOiJkZW1vIiwiZXhwIjoxNzIxNTcwMDAwfQ', 'c2lnbmF0dXJlLXBhcnQtX2Fi'];

function assertNoSecret(text: string, secrets: readonly string[] = SECRET_PARTS): void {
  for (const s of secrets) assert.ok(!text.includes(s), `leaked ${s.slice(0, 12)}… in: ${text}`);
}

describe('redact', () => {
  const cases: Array<[string, string, string]> = [
    ['a bare JWT', `token is ${JWT} ok`, 'token is «jwt» ok'],
    ['access_token in a URL', `wss://rtc.x.com/hubs/user?access_token=${JWT}&v=1`, 'wss://rtc.x.com/hubs/user?access_token=«redacted»&v=1'],
    ['a non-JWT access_token', 'GET /hubs/user?access_token=opaque123', 'GET /hubs/user?access_token=«redacted»'],
    ['the connection token (id=) in a socket URL', 'WebSocket connected to ws://127.0.0.1:1/hubs/user?id=mBFOGJfECnEBKHHw031pgQ.', 'WebSocket connected to ws://127.0.0.1:1/hubs/user?id=«redacted»'],
    ['id= after another parameter', 'ws://h/hubs/market?negotiateVersion=1&id=abc-DEF_1', 'ws://h/hubs/market?negotiateVersion=1&id=«redacted»'],
    ['a Bearer header', `Authorization: Bearer ${JWT}`, 'Authorization: Bearer «redacted»'],
    ['a lower-case bearer', 'authorization: bearer opaque-token-value', 'authorization: bearer «redacted»'],
    ['JSON token fields', `{"token":"${JWT}","success":true,"newToken":"abc","apiKey":"k-123","connectionToken":"ct"}`, '{"token":"«redacted»","success":true,"newToken":"«redacted»","apiKey":"«redacted»","connectionToken":"«redacted»"}'],
    ['JSON with spaces and escapes', '{ "apiKey" : "a\\"b" }', '{ "apiKey" : "«redacted»" }'],
  ];
  for (const [label, input, expected] of cases) {
    it(label, () => {
      assert.equal(redact(input), expected);
      assertNoSecret(redact(input));
    });
  }

  it('replaces literal secrets (the API key) wherever they appear', () => {
    const out = redact('login with key Sup3rS3cretKey failed; key=Sup3rS3cretKey', ['Sup3rS3cretKey']);
    assert.equal(out, 'login with key «redacted» failed; key=«redacted»');
  });

  it('ignores empty and very short literal secrets instead of mangling the text', () => {
    assert.equal(redact('a normal line', ['', 'a']), 'a normal line');
  });

  it('leaves ordinary text alone (ids of accounts and connections are not secrets)', () => {
    const line = 'SubscribeTrades(123) ok; connectionId=E8eLkXVyhF5M2WniOMT0Fg accountId=5 {"id":7,"name":"PRAC"}';
    assert.equal(redact(line), line);
  });

  it('handles a long line with many secrets', () => {
    const line = Array.from({ length: 2000 }, (_, i) => `line ${i} Bearer ${JWT} ?access_token=${JWT}`).join(' ');
    const out = redact(line);
    assertNoSecret(out);
    assert.equal(out.split('Bearer «redacted»').length - 1, 2000);
  });
});
