/**
 * Every bound on what a server controls, in one place. A gateway (or something posing as one) decides
 * how big a frame is, how long a body runs, how many distinct names it invents and how slowly it
 * answers; none of that may cost unbounded memory or time here. Each bound is far above what the real
 * gateway sends, so only a broken or hostile server ever meets one, and each has one clear line.
 */

/**
 * Largest WebSocket message the hub client accepts (`ws` maxPayload). Real traffic: a quote or a
 * trade is a few hundred bytes, a market-depth snapshot of a busy contract tens of KB, a batched
 * frame under a flood a few hundred KB. 8 MiB leaves two orders of magnitude of room; past it `ws`
 * refuses the frame from its header (before buffering it) and closes with 1009.
 */
export const MAX_WS_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Largest REST response body read (Auth, Account/search, Contract/search answers are a few KB). */
export const MAX_REST_BODY_BYTES = 4 * 1024 * 1024;

/** Largest negotiate answer read (a real one is a few hundred bytes: ids and the transport list). */
export const MAX_NEGOTIATE_BYTES = 64 * 1024;

/**
 * Absolute deadline on the WebSocket upgrade, on top of `ws`'s handshakeTimeout: that one is an idle
 * timeout, so a server trickling its 101 answer one byte a second would keep it alive forever.
 * Multiplies the configured upgrade timeout (the idle one stays as it is for a silent server).
 */
export const UPGRADE_DEADLINE_FACTOR = 1.5;

/** Raw frames kept per hub by the raw-frame view, in characters of frame text (besides the frame count). */
export const MAX_RAW_FRAME_LOG_CHARS = 4 * 1024 * 1024;

/** Largest recording file: past it the recording stops with one line (a flood fills a disk otherwise). */
export const MAX_RECORDING_BYTES = 256 * 1024 * 1024;

/** Characters of any server-chosen string (a name, a description, an error text) shown in a view. */
export const MAX_VIEW_TEXT_CHARS = 200;

/** Bytes as a short human figure ("8 MiB", "512 KiB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} B`;
}
