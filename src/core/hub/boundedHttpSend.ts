/**
 * @microsoft/signalr's FetchHttpClient.send, with the body read at most `maxBytes`. The library reads
 * the negotiate answer with `response.text()`, so a server streaming an endless answer would cost
 * unbounded memory; and it clears its timeout once the headers arrive, so a trickled body would cost
 * unbounded time. Here the timeout and the abort signal cover the body too. Everything else is the
 * library's: the headers it adds, credentials, redirects, the errors it throws (AbortError,
 * TimeoutError, HttpError with the status and the server's text) and the response types it supports.
 */
import type { HttpRequest, HttpResponse, ILogger } from '@microsoft/signalr';
import { BodyTooLargeError, readBoundedBytes } from '../gateway/boundedBody';
import { signalr } from './lazyModules';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export async function sendBounded(request: HttpRequest, fetchImpl: FetchLike, logger: ILogger, maxBytes: number): Promise<HttpResponse> {
  const lib = signalr();
  if (request.abortSignal?.aborted) throw new lib.AbortError();
  if (!request.method) throw new Error('No method defined.');
  if (!request.url) throw new Error('No url defined.');
  if (request.responseType && request.responseType !== 'text' && request.responseType !== 'arraybuffer') {
    throw new Error(`${request.responseType} is not supported.`);
  }
  const controller = new AbortController();
  let reason: Error | undefined;
  const abort = (error: Error): void => {
    reason ??= error;
    controller.abort();
  };
  // The library's own AbortSignal is a plain object with an `onabort` slot (not an EventTarget).
  const signal = request.abortSignal;
  if (signal) signal.onabort = () => abort(new lib.AbortError());
  const timer = request.timeout
    ? setTimeout(() => {
        logger.log(lib.LogLevel.Warning, 'Timeout from HTTP request.');
        abort(new lib.TimeoutError());
      }, request.timeout)
    : undefined;
  try {
    // `cache` is honoured by Node's fetch but missing from its RequestInit typings.
    const init: RequestInit & { cache: string } = {
      body: request.content === '' ? undefined : request.content,
      cache: 'no-cache',
      credentials: request.withCredentials === true ? 'include' : 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest', ...request.headers, ...contentType(request.content) },
      method: request.method,
      mode: 'cors',
      redirect: 'follow',
      signal: controller.signal,
    };
    const response = await fetchImpl(request.url, init);
    if (!response.ok) {
      // The status decides what the failure is; an oversized error text only loses its words.
      const text = await readBoundedBytes(response, maxBytes).then(
        (bytes) => new TextDecoder().decode(bytes),
        (error: unknown) => {
          if (error instanceof BodyTooLargeError) return '';
          throw error;
        },
      );
      throw new lib.HttpError(text || response.statusText, response.status);
    }
    const bytes = await readBoundedBytes(response, maxBytes);
    const payload = request.responseType === 'arraybuffer' ? toArrayBuffer(bytes) : new TextDecoder().decode(bytes);
    return new lib.HttpResponse(response.status, response.statusText, payload);
  } catch (error) {
    if (reason) throw reason;
    if (!(error instanceof lib.HttpError)) logger.log(lib.LogLevel.Warning, `Error from HTTP request. ${String(error)}.`);
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    if (signal) signal.onabort = null;
  }
}

/** The Content-Type FetchHttpClient sets for a body (it overrides the caller's). */
function contentType(content: HttpRequest['content']): Record<string, string> {
  if (content === undefined || content === '') return {};
  return { 'Content-Type': content instanceof ArrayBuffer ? 'application/octet-stream' : 'text/plain;charset=UTF-8' };
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
