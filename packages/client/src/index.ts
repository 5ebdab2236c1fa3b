export { addCard, cardsOf, editCard, removeCard, setVerdict, verdictsOf } from './board-ops.ts';
export { offsetFrom, type ClockSample } from './clock.ts';
export { LiveClient, type LiveClientEvents, type LiveClientOptions } from './live-client.ts';
export {
  createApiClient,
  valueOf,
  type ApiClient,
  type ApiClientOptions,
  type ApiFailure,
  type ApiResult,
} from './api-client.ts';
