// Injected failures: the first matching fault applies and counts down its `times`.
import type { Route } from './routing.js';
import type { EmulatorFault, EmulatorState } from './state.js';

export function takeFault(state: EmulatorState, route: Route): EmulatorFault | undefined {
  const index = state.faults.findIndex(
    (f) =>
      (f.times === undefined || f.times > 0) &&
      (!f.service || f.service === route.service) &&
      (!f.region || f.region === route.region) &&
      (!f.path || route.path.startsWith(f.path)),
  );
  if (index < 0) return undefined;
  const fault = state.faults[index]!;
  if (fault.times !== undefined) {
    fault.times -= 1;
    if (fault.times <= 0) state.faults.splice(index, 1);
  }
  return fault;
}

/** The AWS error code a status usually carries when the fault names none. */
export function defaultErrorType(status: number): string {
  if (status === 429) return 'ThrottlingException';
  if (status === 503) return 'ServiceUnavailableException';
  if (status === 400) return 'ValidationException';
  if (status === 403) return 'AccessDeniedException';
  return 'InternalServerException';
}

export function defaultMessage(status: number): string {
  if (status === 429) return 'Too many requests, please wait before trying again.';
  if (status === 503) return 'The service is temporarily unavailable. Please try again later.';
  return 'The server encountered an internal error while processing the request.';
}
