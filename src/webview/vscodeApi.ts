/** The one place that touches `acquireVsCodeApi` (it may be called once per page). */
import type { ChartPanelState, FromWebview } from '../shared/chartProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** UI choices only (contract, window): restored by the host's serializer after a reload. */
export function saveState(state: ChartPanelState): void {
  api.setState(state);
}
