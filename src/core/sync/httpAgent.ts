// An HTTP agent whose sockets give up at a delivery's deadline: for clients (the HubSpot one) that take
// an agent but have no timeout of their own. Each request opens its own socket (no keep-alive), so each
// gets the time left when it starts.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { DeliveryTimeout, type Deadline } from './deadline';

export function deadlineAgent(baseUrl: string, deadline: () => Deadline): http.Agent {
  const Base = new URL(baseUrl).protocol === 'https:' ? https.Agent : http.Agent;
  class DeadlineAgent extends Base {
    override createConnection(
      ...args: Parameters<http.Agent['createConnection']>
    ): ReturnType<http.Agent['createConnection']> {
      const socket = super.createConnection(...args) as Socket | null | undefined;
      const ms = deadline().remainingMs;
      socket?.setTimeout(ms, () => socket.destroy(new DeliveryTimeout(ms)));
      return socket;
    }
  }
  return new DeadlineAgent({ keepAlive: false });
}
