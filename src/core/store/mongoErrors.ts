// Turns MongoDB driver errors into what a person can act on. Never includes the password.
import { mongo } from 'mongoose';
import { redactUri } from '../redact';
import { connectionHostLabel } from './connectionString';

/** What a person reads when the database stops answering during work, and what becomes of the work. */
export const STOPPED_ANSWERING =
  'The database stopped answering; runs under way wait and continue when it is back';

/**
 * The driver's errors that mean the server did not answer (a network drop, a timeout, a paused or stopped
 * server, the connection closed by a switch), as opposed to a query the server refused. By name, which
 * holds across copies of the driver, and through the chain of causes.
 */
const UNAVAILABLE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoClientClosedError',
  'MongoServerClosedError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoPoolClosedError',
  'MongoWaitQueueTimeoutError',
  'MongoExpiredSessionError',
]);
const UNAVAILABLE_TEXT =
  /server monitor timeout|pool .* was cleared|server selection timed out|connection .*(closed|interrupted)|client must be connected|topology was destroyed|before initial connection is complete|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/i;

/** True when the error means the database could not be reached, as opposed to a bad query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  // Down the chain of causes; a bulk write keeps the driver's error as `errorResponse`.
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e instanceof mongo.MongoNetworkError || e instanceof mongo.MongoServerSelectionError) return true;
    if (UNAVAILABLE_NAMES.has(e.name) || UNAVAILABLE_TEXT.test(e.message)) return true;
    const inner: unknown = (e as { errorResponse?: unknown }).errorResponse;
    e = e.cause ?? (inner !== e ? inner : undefined);
  }
  return false;
}

export function describeConnectionError(err: unknown, uri: string): string {
  const raw = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? ` ${err.cause.message}` : '';
  const text = `${raw}${cause}`;
  const host = connectionHostLabel(uri) ?? 'the server';
  const detail = redactUri(err instanceof Error ? err.message : String(err));

  if (
    /MongoParseError|Invalid scheme|Invalid connection string|URI must include|cannot have port/i.test(text)
  ) {
    return `The connection string is not valid: ${detail}`;
  }
  if (/Authentication failed|bad auth|auth failed|AuthenticationFailed|SCRAM/i.test(text)) {
    return 'Authentication failed: check the user name and password in the connection string (and that the user exists on this cluster)';
  }
  if (/whitelist|IP (address )?(that )?(isn't|is not) (whitelisted|allowed)|Network Access/i.test(text)) {
    return "This computer's IP address is not allowed on the Atlas cluster: add it under Network Access in Atlas, then retry";
  }
  if (/querySrv|ENOTFOUND|EAI_AGAIN|ESERVFAIL|getaddrinfo/i.test(text)) {
    return `The cluster host ${host} could not be resolved (DNS/SRV lookup failed): check the host name and this computer's network`;
  }
  if (/certificate|SSL|TLS|self[- ]signed|ERR_TLS|handshake/i.test(text)) {
    return `TLS problem connecting to ${host}: ${detail}. Check the tls options of the connection string and any proxy that inspects traffic`;
  }
  if (/ECONNREFUSED/i.test(text)) {
    return `Nothing answered at ${host}: is the database running, and is the port right?`;
  }
  if (/timed out|timeout|Server selection/i.test(text)) {
    return `Timed out connecting to ${host}: check the host, this computer's network, and (Atlas) that its IP address is allowed under Network Access`;
  }
  return `The database could not be reached: ${detail}`;
}
