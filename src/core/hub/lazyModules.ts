/**
 * @microsoft/signalr and ws are about 260 KB of the extension bundle. They are required on first use
 * (the first connect, the first doctor run) rather than when the bundle loads, so activating the
 * extension does not evaluate them: esbuild wraps a CommonJS package in an initializer that runs at
 * its first require() call. Each is loaded once and kept.
 */
import type * as SignalR from '@microsoft/signalr';
import type WebSocket from 'ws';

let signalrModule: typeof SignalR | undefined;
let wsModule: typeof WebSocket | undefined;

export function signalr(): typeof SignalR {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return (signalrModule ??= require('@microsoft/signalr') as typeof SignalR);
}

export function ws(): typeof WebSocket {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return (wsModule ??= require('ws') as typeof WebSocket);
}
