// Turns MongoDB driver errors into what a person can act on. Never includes the password.
import { redactUri } from '../redact';

/** The host part of a connection string, for messages ("cluster0.example.net"). */
export function uriHost(uri: string): string | null {
  const match = /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri);
  return match?.[1] ?? null;
}

export function describeConnectionError(err: unknown, uri: string): string {
  const raw = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? ` ${err.cause.message}` : '';
  const text = `${raw}${cause}`;
  const host = uriHost(uri) ?? 'the server';
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
