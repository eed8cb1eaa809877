// Every rule about MongoDB connection strings, in one place: whether one is usable (and what to fix when it
// is not), its masked form, the database it names and the host to show. Parsing is the driver's own parser
// (mongodb-connection-string-url), so the app accepts what the driver accepts; a string it rejects is still
// masked by one fallback rule, so no password is ever shown, whatever characters it holds.
import { ConnectionString } from 'mongodb-connection-string-url';
import mongoose from 'mongoose';

export const DEFAULT_DB_NAME = 'lead_enricher';

const MASK = '****';
const SCHEMES = ['mongodb://', 'mongodb+srv://'] as const;

/** True when the text is meant as a MongoDB connection string (the scheme), valid or not. */
export function hasMongoScheme(text: string): boolean {
  const lower = text.trimStart().toLowerCase();
  return SCHEMES.some((scheme) => lower.startsWith(scheme));
}

function parse(uri: string): ConnectionString | null {
  try {
    return new ConnectionString(uri);
  } catch {
    return null;
  }
}

// A host is a name or IPv4 address, or an IPv6 address in brackets, with an optional port.
const HOST = /^(?:\[[0-9a-f:.]+\]|[^\s:/?#[\]@,]+)(?::(\d{1,5}))?$/i;
const ENCODE_HINT = 'write : / ? # [ ] @ as %3A %2F %3F %23 %5B %5D %40';

/**
 * Why this connection string cannot be used, in words a person can act on (to follow "Invalid setting
 * database.uri: "), or null when the driver will accept it. Never repeats the password.
 */
export function connectionStringProblem(uri: string): string | null {
  const text = uri.trim();
  if (!hasMongoScheme(text)) return 'a connection string starts with mongodb:// or mongodb+srv://';
  if (!SCHEMES.some((scheme) => text.startsWith(scheme))) {
    return 'write the start in lower case: mongodb:// or mongodb+srv://';
  }
  let parsed: ConnectionString;
  try {
    parsed = new ConnectionString(text);
  } catch (err) {
    return describeParseError(err instanceof Error ? err.message : String(err));
  }
  for (const host of parsed.hosts) {
    const match = HOST.exec(host);
    if (!match) return `"${host}" is not a host name (give one like cluster0.example.net, or host:port)`;
    const port = match[1] === undefined ? null : Number(match[1]);
    if (port !== null && (port < 1 || port > 65_535)) return `the port of ${host} must be from 1 to 65535`;
  }
  // The driver's own check of the options, without connecting (a client that is never connected holds nothing).
  try {
    new mongoose.mongo.MongoClient(text);
  } catch (err) {
    return describeOptionError(err instanceof Error ? err.message : String(err), secretsOf(parsed));
  }
  return null;
}

function describeOptionError(message: string, secrets: string[]): string {
  const unknown = /option (\S+) is not supported/i.exec(message);
  if (unknown) return `the option ${unknown[1]} is not one MongoDB knows: check its spelling`;
  let said = message;
  for (const secret of secrets) said = said.split(secret).join(MASK);
  return `an option of the connection string is not right: ${said}`;
}

/** The values in the string that are secrets, so that no message repeats them. */
function secretsOf(parsed: ConnectionString): string[] {
  const values = [parsed.password, decodeSafely(parsed.password)];
  for (const name of ['proxyPassword', 'tlsCertificateKeyFilePassword', 'authMechanismProperties']) {
    const value = parsed.searchParams.get(name);
    if (value) values.push(value);
  }
  return values.filter((value) => value.length > 0);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function describeParseError(message: string): string {
  if (/Password contains unescaped/i.test(message)) {
    return `the password contains characters that must be percent-encoded: ${ENCODE_HINT}`;
  }
  if (/Username contains unescaped/i.test(message)) {
    return `the user name contains characters that must be percent-encoded: ${ENCODE_HINT}`;
  }
  if (/URI malformed/i.test(message)) {
    return 'a % in the user name or password is not followed by two hexadecimal digits: write a % itself as %25';
  }
  if (/empty userinfo/i.test(message))
    return 'the user name is missing before the password (user:password@host)';
  if (/host list are required/i.test(message))
    return 'the host is missing after mongodb:// (user:password@host)';
  if (/multiple service names|cannot have port/i.test(message)) {
    return 'a mongodb+srv:// string names exactly one host, without a port';
  }
  // "Invalid connection string": an @ after the host part, which is an unescaped @ in the password.
  return `it is not a valid connection string: an @ or : in the user name or password must be percent-encoded (${ENCODE_HINT})`;
}

/**
 * The parts of a string the parser rejects, split by the one rule that cannot show a password: the user
 * information runs to the LAST @ (a password may hold @, / or spaces), the user name to its first colon.
 */
function splitLoosely(uri: string): {
  scheme: string;
  user: string | null;
  hasPassword: boolean;
  rest: string;
} {
  const schemeEnd = uri.indexOf('://') + 3;
  const scheme = uri.slice(0, schemeEnd);
  const body = uri.slice(schemeEnd);
  const at = body.lastIndexOf('@');
  if (at === -1) return { scheme, user: null, hasPassword: false, rest: body };
  const info = body.slice(0, at);
  const colon = info.indexOf(':');
  return {
    scheme,
    user: colon === -1 ? info : info.slice(0, colon),
    hasPassword: colon !== -1,
    rest: body.slice(at + 1),
  };
}

/** The string with its password (and the other secrets the driver knows of) replaced by ****. */
export function maskConnectionString(uri: string): string {
  const parsed = parse(uri);
  if (parsed) {
    const masked = parsed.redact({ redactUsernames: false, replacementString: MASK }).toString();
    // Nothing secret in it: the string as given, not as the parser writes it back.
    return masked === parsed.toString() ? uri : masked;
  }
  if (!hasMongoScheme(uri)) return uri;
  const { scheme, user, hasPassword, rest } = splitLoosely(uri);
  if (user === null) return uri;
  return `${scheme}${user}${hasPassword ? `:${MASK}` : ''}@${rest}`;
}

/** The hosts, to name the database to the person ("cluster0.example.net"); null when there is none. */
export function connectionHostLabel(uri: string): string | null {
  const parsed = parse(uri);
  const hosts = parsed
    ? parsed.hosts
    : hasMongoScheme(uri)
      ? [splitLoosely(uri).rest.split(/[/?]/)[0] ?? '']
      : [];
  const shown = hosts.filter((host) => host !== '');
  if (shown.length === 0) return null;
  return shown.length <= 2 ? shown.join(', ') : `${shown[0]} and ${shown.length - 1} more`;
}

/** The database named in the string's path, else the fallback (the name in Settings, or the default). */
export function connectionDatabaseName(uri: string, fallback = DEFAULT_DB_NAME): string {
  const path = parse(uri)?.pathname.slice(1) ?? '';
  return path ? decodeSafely(path) : fallback;
}
