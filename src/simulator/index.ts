/** The gateway simulator's public API: the embedded demo gateway and every integration test's peer. */
export { GatewaySimulator } from './gatewaySimulator';
export type {
  ConnectionInfo,
  FaultControls,
  FloodOptions,
  FrameRecord,
  InvocationRecord,
  SimAccount,
  SimContract,
  SimHub,
  SimOrder,
  SimPosition,
  SimTrade,
  SimulatorOptions,
  SimulatorUrls,
  SimulatorWorld,
} from './gatewaySimulator';
export type { TokenCheck } from './tokens';
