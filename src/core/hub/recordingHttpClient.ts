/**
 * Wraps the library's DefaultHttpClient to keep what negotiate really got: the status code, and the
 * socket error code that `fetch failed` hides in `cause` (refused, DNS and TLS look identical).
 */
import type { HttpClient, HttpRequest, HttpResponse, ILogger } from '@microsoft/signalr';
import { errorCode } from '../errors/classify';
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

/** A DefaultHttpClient that records negotiate's status and socket error (the class is made on first use: signalr loads lazily). */
export function createRecordingHttpClient(logger: ILogger, trace: NegotiateTrace, now: () => number): HttpClient {
  recordingClass ??= defineRecordingHttpClient();
  return new recordingClass(logger, trace, now);
}

function defineRecordingHttpClient(): RecordingHttpClientClass {
  const { DefaultHttpClient, HttpClient, HttpError } = signalr();
  return class RecordingHttpClient extends HttpClient {
    private readonly inner: HttpClient;

    constructor(
      logger: ILogger,
      private readonly trace: NegotiateTrace,
      private readonly now: () => number,
    ) {
      super();
      this.inner = new DefaultHttpClient(logger);
    }

    override async send(request: HttpRequest): Promise<HttpResponse> {
      this.trace.startedAt = this.now();
      try {
        const response = await this.inner.send(request);
        this.trace.status = response.statusCode;
        return response;
      } catch (error) {
        if (error instanceof HttpError) this.trace.status = error.statusCode;
        this.trace.errorCode = errorCode(error);
        this.trace.errorMessage = error instanceof Error ? error.message : String(error);
        throw error;
      } finally {
        this.trace.endedAt = this.now();
      }
    }

    override getCookieString(url: string): string {
      return this.inner.getCookieString(url);
    }
  };
}
