/**
 * The gateway's own timestamp of an event, where the payload carries one, for the event-delay
 * histogram. Account and position payloads carry no event time (a position's creation time is when
 * it was opened, not when this update was sent), so they have none.
 */
import type { GatewayEvent } from '../events/types';

export function gatewayTimeMs(event: GatewayEvent): number | undefined {
  switch (event.name) {
    case 'GatewayQuote':
      return (event.data.timestamp ?? event.data.lastUpdated)?.getTime();
    case 'GatewayTrade':
    case 'GatewayDepth':
      return event.data[0]?.timestamp?.getTime();
    case 'GatewayUserOrder':
      return (event.data.updateTimestamp ?? event.data.creationTimestamp)?.getTime();
    case 'GatewayUserTrade':
      return event.data.creationTimestamp?.getTime();
    default:
      return undefined;
  }
}
