/**
 * Every command id and when-clause context key the manifest (package.json) refers to, in one place:
 * code uses these constants, and test/unit/commandIds.test.ts fails when they and package.json drift.
 * vscode-free on purpose (the unit test imports it).
 */
export const Command = {
  signIn: 'hubmon.signIn',
  signOut: 'hubmon.signOut',
  selectProfile: 'hubmon.selectProfile',
  connect: 'hubmon.connect',
  disconnect: 'hubmon.disconnect',
  reconnectNow: 'hubmon.reconnectNow',
  subscribeAccount: 'hubmon.subscribeAccount',
  subscribeContract: 'hubmon.subscribeContract',
  unsubscribe: 'hubmon.unsubscribe',
  openQuoteChart: 'hubmon.openQuoteChart',
  openDepthLadder: 'hubmon.openDepthLadder',
  showTimeline: 'hubmon.showTimeline',
  startDemo: 'hubmon.startDemo',
  stopDemo: 'hubmon.stopDemo',
  copyDiagnostics: 'hubmon.copyDiagnostics',
  showActions: 'hubmon.showActions',
  copyId: 'hubmon.copyId',
  diagnose: 'hubmon.diagnose',
  showRawFrames: 'hubmon.showRawFrames',
  startRecording: 'hubmon.startRecording',
  stopRecording: 'hubmon.stopRecording',
  replay: 'hubmon.replay',
  copyReport: 'hubmon.copyReport',
  saveReport: 'hubmon.saveReport',
  showAccount: 'hubmon.showAccount',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];

/** The context keys the views, menus and the palette's `when` clauses share (set by ContextKeys). */
export const ContextKey = {
  signedIn: 'hubmon.signedIn',
  /** At least one hub is connected. */
  connected: 'hubmon.connected',
  /** A monitor is running: a hub is connecting, connected or waiting to reconnect (Disconnect can act). */
  connectionActive: 'hubmon.connectionActive',
  demoRunning: 'hubmon.demoRunning',
  recording: 'hubmon.recording',
  /** The active monitor has at least one subscription (Unsubscribe has something to act on). */
  hasSubscriptions: 'hubmon.hasSubscriptions',
} as const;

/** The workbench command that reveals our activity bar container. */
export const REVEAL_VIEW_COMMAND = 'workbench.view.extension.hubmon';
