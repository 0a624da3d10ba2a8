// classifyFailure: the real cause wins over the library's one-size-fits-all message, and every
// HubErrorKind is reachable with a one-line cause and fix.
import assert from 'node:assert/strict';
import { classifyFailure, errorCode, invokeTimeoutFailure, statusFromSocketMessage, type FailureEvidence } from '../../src/core/errors/classify';
import { HubError, type HubErrorKind } from '../../src/core/errors/hubError';

// What @microsoft/signalr rejects start() with for every upgrade failure when negotiation is skipped.
const LIBRARY_UPGRADE_FAILURE = new Error(
  'WebSocket failed to connect. The connection could not be found on the server, either the endpoint may not be a SignalR endpoint, the connection ID is not present on the server, or there is a proxy blocking WebSockets. If you have multiple servers check that sticky sessions are enabled.',
);
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl';

function fetchFailed(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

const cases: { kind: HubErrorKind; evidence: FailureEvidence; cause: RegExp }[] = [
  { kind: 'refused', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, code: 'ECONNREFUSED', socketMessage: 'connect ECONNREFUSED 127.0.0.1:9', host: '127.0.0.1:9' }, cause: /nothing is listening at 127\.0\.0\.1:9 \(ECONNREFUSED\)/ },
  { kind: 'dns', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, code: 'ENOTFOUND', host: 'rtc.example.invalid' }, cause: /rtc\.example\.invalid does not resolve \(ENOTFOUND\)/ },
  { kind: 'tls', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, cause: /TLS handshake .* failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/ },
  { kind: 'unauthorized', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, socketMessage: 'Unexpected server response: 401' }, cause: /^the server rejected the token \(HTTP 401\)$/ },
  { kind: 'forbidden', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, httpStatus: 403 }, cause: /HTTP 403/ },
  { kind: 'not-found', evidence: { phase: 'negotiate', error: new Error("Failed to complete negotiation with the server: Error: Not Found: Status code '404'"), httpStatus: 404 }, cause: /HTTP 404 on the negotiate request/ },
  { kind: 'server-error', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, socketMessage: 'Unexpected server response: 503' }, cause: /HTTP 503/ },
  { kind: 'http-error', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, httpStatus: 400 }, cause: /HTTP 400/ },
  { kind: 'upgrade-timeout', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, socketMessage: 'Opening handshake has timed out' }, cause: /never answered/ },
  { kind: 'handshake-error', evidence: { phase: 'handshake', error: new Error('Server returned handshake error: The protocol is not supported.') }, cause: /rejected the SignalR handshake: The protocol is not supported$/ },
  { kind: 'handshake-timeout', evidence: { phase: 'handshake', error: new Error('Server timeout elapsed without receiving a message from the server.') }, cause: /did not answer the SignalR handshake/ },
  { kind: 'server-silent', evidence: { phase: 'connected', error: new Error('Server timeout elapsed without receiving a message from the server.'), serverTimeoutMs: 30000 }, cause: /sent nothing \(not even a ping\) for 30 s/ },
  { kind: 'closed-with-error', evidence: { phase: 'connected', error: new Error('Server returned an error on close: maintenance window') }, cause: /closed the connection: maintenance window/ },
  { kind: 'dropped', evidence: { phase: 'connected', error: new Error('WebSocket closed with status code: 1006 (no reason given).') }, cause: /^the connection dropped \(1006\)$/ },
  { kind: 'message-too-large', evidence: { phase: 'connected', error: new Error('WebSocket closed with status code: 1006 (no reason given).'), code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', host: 'rtc.example.com' }, cause: /^rtc\.example\.com sent a WebSocket message over 8 MiB/ },
  { kind: 'upgrade-too-slow', evidence: { phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, code: 'HUBMON_UPGRADE_DEADLINE', host: 'rtc.example.com' }, cause: /did not finish answering the WebSocket upgrade in time/ },
  { kind: 'token-unavailable', evidence: { phase: 'token', error: new Error('signed out') }, cause: /no token is available: signed out/ },
  { kind: 'unknown', evidence: { phase: 'upgrade', error: new Error('something odd') }, cause: /the connection failed: something odd/ },
];

describe('classifyFailure', () => {
  for (const c of cases) {
    it(`${c.kind}: ${c.cause.source}`, () => {
      const failure = classifyFailure(c.evidence);
      assert.equal(failure.kind, c.kind);
      assert.match(failure.cause, c.cause);
      assert.ok(failure.fix.length > 0 && !failure.fix.includes('\n'));
      assert.ok(!failure.cause.includes('\n'));
    });
  }

  it('reaches every HubErrorKind (invoke-timeout through invokeTimeoutFailure)', () => {
    const all: HubErrorKind[] = ['refused', 'dns', 'tls', 'unauthorized', 'forbidden', 'not-found', 'server-error', 'http-error', 'upgrade-timeout', 'handshake-error', 'handshake-timeout', 'server-silent', 'closed-with-error', 'dropped', 'message-too-large', 'upgrade-too-slow', 'token-unavailable', 'invoke-timeout', 'unknown'];
    const reached = new Set<HubErrorKind>([...cases.map((c) => classifyFailure(c.evidence).kind), invokeTimeoutFailure('SubscribeTrades', 10_000).kind]);
    assert.deepEqual([...reached].sort(), [...all].sort());
  });

  it('the same library message means different things: the recorded socket cause decides', () => {
    const kinds = ['Unexpected server response: 401', 'connect ECONNREFUSED 127.0.0.1:1'].map((socketMessage) =>
      classifyFailure({ phase: 'upgrade', error: LIBRARY_UPGRADE_FAILURE, socketMessage, code: socketMessage.includes('ECONN') ? 'ECONNREFUSED' : undefined }).kind,
    );
    assert.deepEqual(kinds, ['unauthorized', 'refused']);
  });

  it('negotiate "fetch failed" keeps the socket code from error.cause', () => {
    assert.equal(errorCode(fetchFailed('ENOTFOUND')), 'ENOTFOUND');
    assert.equal(classifyFailure({ phase: 'negotiate', error: fetchFailed('ECONNREFUSED') }).kind, 'refused');
  });

  it('a token source HubError is passed through as it is', () => {
    const own = { kind: 'token-unavailable' as const, cause: 'the API key was rejected', fix: 'check the key' };
    assert.deepEqual(classifyFailure({ phase: 'token', error: new HubError(own) }), own);
  });

  it('never leaks a token into cause or detail', () => {
    const failure = classifyFailure({ phase: 'connected', error: new Error(`Server returned an error on close: bad token ${JWT} for ws://h/hubs/user?access_token=${JWT}`) }, [JWT]);
    assert.ok(!failure.cause.includes(JWT) && !(failure.detail ?? '').includes(JWT), failure.cause);
  });

  // The texts @microsoft/signalr closes with when it cannot read a frame (JsonHubProtocol,
  // TextMessageFormat) and the JSON.parse texts of Node's V8.
  const unreadable = [
    new SyntaxError('Unexpected token \'o\', "not json" is not valid JSON'),
    new SyntaxError('Unexpected end of JSON input'),
    new SyntaxError("Expected property name or '}' in JSON at position 1"),
    new Error('Message is incomplete.'),
    new Error('Invalid payload.'),
    new Error('Invalid payload for Invocation message.'),
    new Error('Invalid input for JSON hub protocol. Expected a string.'),
  ];
  for (const error of unreadable) {
    it(`a frame the client cannot read is named, not "dropped": ${error.message}`, () => {
      const failure = classifyFailure({ phase: 'connected', error, closeCode: 1006 });
      assert.equal(failure.kind, 'dropped', 'still a retriable drop');
      assert.equal(failure.cause, `the server sent a frame the SignalR client could not read (${error.message})`);
      assert.equal(failure.fix, 'the monitor reconnects; if it repeats, report it to the gateway operator');
    });
  }

  it('a frame quoted in the error text cannot break the line with control characters', () => {
    const failure = classifyFailure({ phase: 'connected', error: new SyntaxError('Unexpected token \'\u0001\', "\u0001\u0002abc\u2028" is not valid JSON') });
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(failure.cause), JSON.stringify(failure.cause));
    assert.match(failure.cause, /could not read \(Unexpected token '\?', "\?\?abc " is not valid JSON\)$/);
  });

  it('a parse text outside the connected phase keeps its own class', () => {
    const handshake = classifyFailure({ phase: 'handshake', error: new Error('Error parsing handshake response: Error: Message is incomplete.') });
    assert.equal(handshake.kind, 'handshake-error');
    const closed = classifyFailure({ phase: 'connected', error: new Error('Server returned an error on close: Invalid payload.') });
    assert.equal(closed.kind, 'closed-with-error');
  });

  it('reads the status out of ws "Unexpected server response"', () => {
    assert.equal(statusFromSocketMessage('Unexpected server response: 502'), 502);
    assert.equal(statusFromSocketMessage('socket hang up'), undefined);
  });
});
