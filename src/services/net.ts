// Raw TCP reachability: the one place outside the HTTP client that opens a socket.
import { connect } from 'node:net';

export interface NetService {
  /** Connects and hangs up: null when the host accepted, else the error code (or "timed out"). */
  tcpProbe(host: string, port: number, timeoutMs?: number): Promise<string | null>;
}

export function tcpProbe(host: string, port: number, timeoutMs = 3000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (err: string | null) => {
      socket.destroy();
      resolve(err);
    };
    socket.setTimeout(timeoutMs, () => done('timed out'));
    socket.once('connect', () => done(null));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}

export function createNetService(): NetService {
  return { tcpProbe };
}
