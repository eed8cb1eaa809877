// Connection strings: one module parses them (the driver's own parser), and no form of them ever shows
// the password: not the mask in Settings, not the status bar's target, not a message or a log line.
import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUri } from '../../src/core/redact';
import { maskSecret } from '../../src/core/settings/secrets';
import { ConnectionManager } from '../../src/core/store/connection';
import {
  connectionDatabaseName,
  connectionHostLabel,
  connectionStringProblem,
  hasMongoScheme,
  maskConnectionString,
} from '../../src/core/store/connectionString';
import { describeConnectionError } from '../../src/core/store/mongoErrors';

/** Awkward strings, each with the secrets it holds and what the mask and the host label must be. */
const AWKWARD: Array<{ uri: string; secrets: string[]; mask: string; host: string }> = [
  {
    uri: 'mongodb://u:Sup3r/S3cret@h/db',
    secrets: ['Sup3r/S3cret', 'Sup3r', 'S3cret'],
    mask: 'mongodb://u:****@h/db',
    host: 'h',
  },
  { uri: 'mongodb://u:a@b@h', secrets: ['a@b'], mask: 'mongodb://u:****@h', host: 'h' },
  {
    uri: 'mongodb://u:my secret pass@h/db',
    secrets: ['my secret pass', 'secret', 'pass'],
    mask: 'mongodb://u:****@h/db',
    host: 'h',
  },
  {
    uri: 'mongodb://u:tab\tsecret@h/db',
    secrets: ['tab\tsecret', 'secret'],
    mask: 'mongodb://u:****@h/db',
    host: 'h',
  },
  {
    uri: 'mongodb://u:p%40ss%2Fw0rd@h/db',
    secrets: ['p%40ss%2Fw0rd', 'p@ss/w0rd', 'w0rd'],
    mask: 'mongodb://u:****@h/db',
    host: 'h',
  },
  {
    uri: 'mongodb://u:p%zz-s3cr3t@h',
    secrets: ['p%zz-s3cr3t', 's3cr3t'],
    mask: 'mongodb://u:****@h',
    host: 'h',
  },
  {
    uri: 'mongodb://u:pa:ss:w0rdX@h/x',
    secrets: ['pa:ss:w0rdX', 'w0rdX'],
    mask: 'mongodb://u:****@h/x',
    host: 'h',
  },
  { uri: 'mongodb://:s3cr3t@h', secrets: ['s3cr3t'], mask: 'mongodb://:****@h', host: 'h' },
  {
    uri: 'mongodb://a@b:s3cr3t@h/db',
    secrets: ['s3cr3t'],
    mask: 'mongodb://a@b:****@h/db',
    host: 'h',
  },
  {
    uri: 'mongodb+srv://sales:Hunter2-secret@cluster0.example.net/leads?retryWrites=true',
    secrets: ['Hunter2-secret'],
    mask: 'mongodb+srv://sales:****@cluster0.example.net/leads?retryWrites=true',
    host: 'cluster0.example.net',
  },
  {
    uri: 'mongodb://u:s3cr3t@h1:27017,h2:27018/db?replicaSet=rs&proxyPassword=pr0xy-pw',
    secrets: ['s3cr3t', 'pr0xy-pw'],
    mask: 'mongodb://u:****@h1:27017,h2:27018/db?replicaSet=rs&proxyPassword=****',
    host: 'h1:27017, h2:27018',
  },
  {
    uri: 'mongodb://u:s3cr3t@[::1]:27017/db',
    secrets: ['s3cr3t'],
    mask: 'mongodb://u:****@[::1]:27017/db',
    host: '[::1]:27017',
  },
  { uri: 'MONGODB://u:s3cr3t@h/db', secrets: ['s3cr3t'], mask: 'MONGODB://u:****@h/db', host: 'h' },
  {
    uri: 'mongodb://u:"quoted s3cr3t"@h/db',
    secrets: ['quoted s3cr3t', 's3cr3t'],
    mask: 'mongodb://u:****@h/db',
    host: 'h',
  },
  {
    uri: 'mongodb://user%40corp:s3cr3t@h/db',
    secrets: ['s3cr3t'],
    mask: 'mongodb://user%40corp:****@h/db',
    host: 'h',
  },
];

describe('the password of a connection string is never shown', () => {
  it.each(AWKWARD)('$uri', async ({ uri, secrets, mask, host }) => {
    expect(maskConnectionString(uri)).toBe(mask);
    expect(connectionHostLabel(uri)).toBe(host);

    const shown = [
      maskConnectionString(uri),
      connectionHostLabel(uri) ?? '',
      maskSecret(uri, 'uri') ?? '',
      connectionStringProblem(uri) ?? '',
      // The same rule for arbitrary text: a driver's message, a log line, quoted or not.
      redactUri(`MongoParseError: could not use ${uri} (retrying)`),
      redactUri(`failed: "${uri}"\nnext line ${uri}`),
      redactSecrets(`connect to ${uri} failed`),
      describeConnectionError(new Error(`getaddrinfo ENOTFOUND for ${uri}`), uri),
    ];
    for (const text of shown) for (const secret of secrets) expect(text).not.toContain(secret);

    // The status bar's target and message, and what is logged, while the app tries it.
    const logged: string[] = [];
    const manager = new ConnectionManager({
      timeoutMs: 300,
      notConfiguredMessage: 'none',
      log: (m) => logged.push(m),
    });
    await manager.use({ uri });
    const { target, message } = manager.snapshot;
    await manager.close();
    for (const text of [target ?? '', message ?? '', ...logged])
      for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('leaves a string without credentials as it was given, in text as on its own', () => {
    for (const uri of [
      'mongodb://127.0.0.1:27017/leads',
      'mongodb://user@host/db',
      'mongodb://h1,h2/db?w=1',
    ]) {
      expect(maskConnectionString(uri)).toBe(uri);
      expect(redactUri(`tried ${uri}, then admin@example.com`)).toBe(`tried ${uri}, then admin@example.com`);
    }
  });

  it('masks every connection string in a text, and a known one given as a secret by its mask', () => {
    const atlas = 'mongodb+srv://sales:Hunter2-secret@cluster0.example.net/leads';
    expect(redactSecrets(`one ${atlas} two mongodb://x:y2@h/db`, [atlas])).toBe(
      'one mongodb+srv://sales:****@cluster0.example.net/leads two mongodb://x:****@h/db',
    );
  });
});

describe('what a connection string names', () => {
  it('names the database of its path, else the one in Settings', () => {
    expect(connectionDatabaseName('mongodb+srv://u:p@cluster0.example.net/sales?retryWrites=true', 'x')).toBe(
      'sales',
    );
    expect(connectionDatabaseName('mongodb://h/?retryWrites=true', 'team_leads')).toBe('team_leads');
    expect(connectionDatabaseName('mongodb://h', 'team_leads')).toBe('team_leads');
    expect(connectionDatabaseName('mongodb://h/')).toBe('lead_enricher');
    expect(connectionDatabaseName('mongodb://u:Sup3r/S3cret@h/db', 'team_leads')).toBe('team_leads');
  });

  it('names its hosts for the status bar, briefly when there are many', () => {
    expect(connectionHostLabel('mongodb://h1,h2,h3:27019/db')).toBe('h1 and 2 more');
    expect(connectionHostLabel('postgres://u:p@h/db')).toBeNull();
  });

  it('recognises the scheme whatever the case, for masking', () => {
    expect(hasMongoScheme(' MongoDB+SRV://x')).toBe(true);
    expect(hasMongoScheme('postgres://x')).toBe(false);
  });
});

describe('a connection string the driver would refuse is refused first, in words a person can act on', () => {
  it.each([
    ['postgres://u:p@h/db', 'a connection string starts with mongodb:// or mongodb+srv://'],
    ['MONGODB://h/db', 'write the start in lower case: mongodb:// or mongodb+srv://'],
    [
      'mongodb://u:Sup3r/S3cret@h/db',
      /^the password contains characters that must be percent-encoded: write : \//,
    ],
    ['mongodb://u:a@b@h', /^it is not a valid connection string: an @ or : in the user name or password/],
    ['mongodb://us/er:p@h', /^the user name contains characters that must be percent-encoded/],
    ['mongodb://u:100%@h', /^a % in the user name or password is not followed by two hexadecimal digits/],
    ['mongodb://:p@h', 'the user name is missing before the password (user:password@host)'],
    ['mongodb://', 'the host is missing after mongodb:// (user:password@host)'],
    [
      'mongodb+srv://a.example.net:27017/db',
      'a mongodb+srv:// string names exactly one host, without a port',
    ],
    [
      'mongodb://cluster 0.example.net/db',
      '"cluster 0.example.net" is not a host name (give one like cluster0.example.net, or host:port)',
    ],
    ['mongodb://h:99999/db', 'the port of h:99999 must be from 1 to 65535'],
    [
      'mongodb://h/db?retryWritez=true',
      'the option retrywritez is not one MongoDB knows: check its spelling',
    ],
    [
      'mongodb://h/db?retryWrites=maybe',
      'an option of the connection string is not right: retryWrites must be either "true" or "false"',
    ],
  ])('%s', (uri, expected) => {
    const problem = connectionStringProblem(uri);
    if (typeof expected === 'string') expect(problem).toBe(expected);
    else expect(problem).toMatch(expected);
  });

  it('accepts what the driver accepts, a space or an encoded @ in the password included', () => {
    for (const uri of [
      'mongodb://127.0.0.1:27017/leads',
      'mongodb://u:my%20pass@h/db',
      'mongodb://u:my pass@h/db',
      'mongodb://u:p%40ss@h1:27017,h2:27018/db?replicaSet=rs',
      'mongodb+srv://sales:Hunter2@cluster0.example.net/leads?retryWrites=true&w=majority',
      'mongodb://[::1]:27017/x',
    ]) {
      expect(connectionStringProblem(uri), uri).toBeNull();
    }
  });
});
