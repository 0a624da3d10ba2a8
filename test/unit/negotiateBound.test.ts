// The hub connection's HTTP client (recordingHttpClient over boundedHttpSend) against a real HTTP
// server on 127.0.0.1: a negotiate answer is read at most MAX_NEGOTIATE_BYTES, while the library's
// semantics stay (cookies to the upgrade, HttpError with the status, timeout and abort errors).
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortError, HttpError, NullLogger, TimeoutError } from '@microsoft/signalr';
import { classifyFailure } from '../../src/core/errors/classify';
import { createRecordingHttpClient, type NegotiateTrace } from '../../src/core/hub/recordingHttpClient';
import { MAX_NEGOTIATE_BYTES } from '../../src/core/limits';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const CHUNK = Buffer.alloc(16 * 1024, 'a');

describe('negotiate answer bound (recordingHttpClient)', () => {
  let server: Server;
  let base = '';
  let handler: Handler = (_req, res) => res.end();
  /** Bytes the server managed to write for the current request before the client hung up. */
  let written = 0;

  before(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => (written = 0));

  function client(): { http: ReturnType<typeof createRecordingHttpClient>; trace: NegotiateTrace } {
    const trace: NegotiateTrace = {};
    return { http: createRecordingHttpClient(NullLogger.instance, trace, () => Date.now()), trace };
  }

  /** Streams `a`s without end (chunked), as fast as the client reads. */
  function endless(res: ServerResponse, status = 200): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.write('{"negotiateVersion":1,"padding":"');
    const pump = (): void => {
      while (!res.destroyed) {
        written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
    };
    pump();
  }

  it('reads a normal answer and carries its affinity cookie to the upgrade', async () => {
    const seen: (string | undefined)[] = [];
    handler = (req, res) => {
      seen.push(req.headers.cookie);
      res.setHeader('Set-Cookie', 'ARRAffinity=abc; Path=/; HttpOnly');
      res.end('{"negotiateVersion":1,"connectionId":"x"}');
    };
    const { http, trace } = client();
    const response = await http.post(`${base}/hubs/user/negotiate`, { content: '' });
    assert.equal(response.content, '{"negotiateVersion":1,"connectionId":"x"}');
    assert.equal(trace.status, 200);
    assert.equal(http.getCookieString(`${base}/hubs/user?id=1`), 'ARRAffinity=abc');
    await http.post(`${base}/hubs/user/negotiate`, { content: '' });
    assert.deepEqual(seen, [undefined, 'ARRAffinity=abc']);
  });

  it('cuts a never-ending answer at the limit with one clear cause', async () => {
    handler = (_req, res) => endless(res);
    const { http, trace } = client();
    await assert.rejects(http.post(`${base}/hubs/user/negotiate`, { content: '' }), /larger than 65536 bytes/);
    assert.equal(trace.errorCode, 'HUBMON_NEGOTIATE_TOO_LARGE');
    // The client hung up: the server could not have written much more than the limit plus socket buffers.
    assert.ok(written < 64 * MAX_NEGOTIATE_BYTES, `the server wrote ${written} bytes`);
    const failure = classifyFailure({ phase: 'negotiate', error: new Error('Failed to complete negotiation with the server'), code: trace.errorCode, host: '127.0.0.1' });
    assert.equal(failure.kind, 'message-too-large');
    assert.match(failure.cause, /^127\.0\.0\.1 sent a negotiate answer over 64 KiB/);
    assert.ok(!failure.cause.includes('\n'));
  });

  it('refuses a declared Content-Length over the limit', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(MAX_NEGOTIATE_BYTES + 1) });
      res.end(Buffer.alloc(MAX_NEGOTIATE_BYTES + 1, 'a'));
    };
    const { http, trace } = client();
    await assert.rejects(http.post(`${base}/hubs/user/negotiate`, { content: '' }));
    assert.equal(trace.errorCode, 'HUBMON_NEGOTIATE_TOO_LARGE');
  });

  it('an error status stays an HttpError with its status, even with an oversized text', async () => {
    handler = (_req, res) => endless(res, 503);
    const { http, trace } = client();
    await assert.rejects(http.post(`${base}/hubs/user/negotiate`, { content: '' }), (e: unknown) => e instanceof HttpError && e.statusCode === 503);
    assert.equal(trace.status, 503);
  });

  it('the timeout covers the body: a trickled answer ends in a TimeoutError', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write('{');
      const timer = setInterval(() => res.write(' '), 20);
      res.once('close', () => clearInterval(timer));
    };
    const { http } = client();
    await assert.rejects(http.post(`${base}/hubs/user/negotiate`, { content: '', timeout: 200 }), TimeoutError);
  });

  it('the caller\'s abort signal ends the request with an AbortError', async () => {
    handler = () => undefined; // never answers
    const { http } = client();
    const signal: { aborted: boolean; onabort: (() => void) | null } = { aborted: false, onabort: null };
    const pending = http.post(`${base}/hubs/user/negotiate`, { content: '', abortSignal: signal });
    setTimeout(() => {
      signal.aborted = true;
      signal.onabort?.();
    }, 20);
    await assert.rejects(pending, AbortError);
  });
});
