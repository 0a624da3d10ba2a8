/**
 * The hub connection's HTTP client (negotiate): the library's fetch client with the answer read at
 * most MAX_NEGOTIATE_BYTES (boundedHttpSend), and a record of what negotiate really got: the status
 * code, and the socket error code that `fetch failed` hides in `cause` (refused, DNS and TLS look
 * identical). Cookies the answer sets (load-balancer affinity) go to the upgrade, as in the library.
 */
import type { HttpClient, HttpRequest, HttpResponse, ILogger } from '@microsoft/signalr';
import { errorCode, NEGOTIATE_TOO_LARGE_CODE } from '../errors/classify';
import { BodyTooLargeError } from '../gateway/boundedBody';
import { MAX_NEGOTIATE_BYTES } from '../limits';
import { sendBounded, type FetchLike } from './boundedHttpSend';
import { CookieJar, fetchCookie } from './cookieShim';
import { signalr } from './lazyModules';

export interface NegotiateTrace {
  startedAt?: number;
  endedAt?: number;
  status?: number;
  errorCode?: string;
  errorMessage?: string;
}

type RecordingHttpClientClass = new (logger: ILogger, trace: NegotiateTrace, now: () => number) => HttpClient;
let recordingClass: RecordingHttpClientClass | undefined;

/** A bounded fetch client that records negotiate's status and socket error (the class is made on first use: signalr loads lazily). */
export function createRecordingHttpClient(logger: ILogger, trace: NegotiateTrace, now: () => number): HttpClient {
  recordingClass ??= defineRecordingHttpClient();
  return new recordingClass(logger, trace, now);
}

function defineRecordingHttpClient(): RecordingHttpClientClass {
  const { HttpClient, HttpError } = signalr();
  return class RecordingHttpClient extends HttpClient {
    private readonly jar = new CookieJar();
    private readonly fetch: FetchLike = fetchCookie(fetch, this.jar);

    constructor(
      private readonly logger: ILogger,
      private readonly trace: NegotiateTrace,
      private readonly now: () => number,
    ) {
      super();
    }

    override async send(request: HttpRequest): Promise<HttpResponse> {
      this.trace.startedAt = this.now();
      try {
        const response = await sendBounded(request, this.fetch, this.logger, MAX_NEGOTIATE_BYTES);
        this.trace.status = response.statusCode;
        return response;
      } catch (error) {
        if (error instanceof HttpError) this.trace.status = error.statusCode;
        this.trace.errorCode = error instanceof BodyTooLargeError ? NEGOTIATE_TOO_LARGE_CODE : errorCode(error);
        this.trace.errorMessage = error instanceof Error ? error.message : String(error);
        throw error;
      } finally {
        this.trace.endedAt = this.now();
      }
    }

    override getCookieString(url: string): string {
      return this.jar.cookiesFor(url).join('; ');
    }
  };
}
