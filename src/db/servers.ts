/**
 * Several PostgreSQL servers behind one DATABASE_URL, as libpq writes them:
 *
 *   postgres://osiedle:…@10.0.0.1:5432,10.0.0.2:5432/osiedle?target_session_attrs=read-write
 *
 * node-postgres (8.x) reads one host only and knows no `target_session_attrs`, so this module
 * splits the list and says which server new connections go to (client.ts tries them in turn).
 */

export interface ServerAddress {
  host: string;
  port: number;
}

/**
 * Which server a connection may stay on (libpq's names): `any` takes the first that answers,
 * `read-write` one that accepts writes (`SHOW transaction_read_only` is off), `primary` one that
 * is not a standby (`pg_is_in_recovery()` is false). The others libpq knows (read-only, standby,
 * prefer-standby) would send writes to a standby and are refused.
 */
export type TargetSessionAttrs = 'any' | 'read-write' | 'primary';

const targetValues: readonly string[] = ['any', 'read-write', 'primary'] satisfies TargetSessionAttrs[];

export interface ServerList {
  servers: ServerAddress[];
  target: TargetSessionAttrs;
  /** The URL for one server: the same user, password, database and parameters (but `target_session_attrs`). */
  urlFor(server: ServerAddress): string;
}

export class ServerListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerListError';
  }
}

const DEFAULT_PORT = 5432;

/** Splits a PostgreSQL URL into its servers; throws `ServerListError` with what is wrong. */
export function parseServerList(url: string): ServerList {
  const scheme = /^postgres(?:ql)?:\/\//.exec(url)?.[0];
  if (!scheme) throw new ServerListError('must start with postgres:// or postgresql://');
  const afterScheme = url.slice(scheme.length);
  const authorityEnd = afterScheme.search(/[/?#]/);
  const authority = authorityEnd < 0 ? afterScheme : afterScheme.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? '' : afterScheme.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  const userInfo = at < 0 ? '' : authority.slice(0, at + 1);
  const hostList = at < 0 ? authority : authority.slice(at + 1);

  // The path and the parameters, read with the WHATWG parser on a stand-in host.
  let rest: URL;
  try {
    rest = new URL(`postgres://server${tail}`);
  } catch {
    throw new ServerListError('is not a valid URL');
  }
  const target = rest.searchParams.get('target_session_attrs') ?? 'any';
  if (!targetValues.includes(target)) {
    throw new ServerListError(
      `target_session_attrs=${target} is not supported: use read-write (or primary) so that writes reach the primary`,
    );
  }
  rest.searchParams.delete('target_session_attrs');

  const servers = hostList === '' ? [] : hostList.split(',').map(parseServer);
  if (servers.length > 1 && (rest.searchParams.has('host') || rest.searchParams.has('port'))) {
    throw new ServerListError(
      'with several servers, give each host:port before the database name, not as ?host= or ?port=',
    );
  }
  const query = rest.searchParams.toString();
  const path = rest.pathname === '/' && !tail.startsWith('/') ? '' : rest.pathname;
  const suffix = `${path}${query ? `?${query}` : ''}`;
  return {
    // No host at all (a socket directory given as ?host=…): one server, as node-postgres reads it.
    servers: servers.length > 0 ? servers : [{ host: '', port: DEFAULT_PORT }],
    target: target as TargetSessionAttrs,
    urlFor: (server) =>
      server.host === ''
        ? `${scheme}${userInfo}${suffix}`
        : `${scheme}${userInfo}${hostForUrl(server.host)}:${server.port}${suffix}`,
  };
}

function parseServer(text: string): ServerAddress {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d*))?$/.exec(text);
  // The text may be part of a password with an unencoded / ? or # in it: never repeat it.
  if (!match?.[1]) {
    throw new ServerListError('names a server that is not host or host:port (percent-encode / ? # @ in the password)');
  }
  const host = match[1].replace(/^\[(.*)\]$/, '$1');
  const port = match[2] ? Number(match[2]) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ServerListError('names a server with a bad port');
  return { host: decodeURIComponent(host), port };
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : encodeURIComponent(host);
}

/** `127.0.0.1:5432`, for logs and errors. */
export function describeServer(server: ServerAddress): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

/**
 * The server new connections go to: the one that served last, so a failover costs one failed
 * attempt per server that is down, not one per connection. A server that refuses, drops or turns
 * out read-only hands the turn to the next one in the list.
 */
export class ServerChoice {
  private index = 0;

  constructor(readonly servers: readonly ServerAddress[]) {
    if (servers.length === 0) throw new ServerListError('no server');
  }

  get current(): ServerAddress {
    return this.servers[this.index] as ServerAddress;
  }

  /** `server` did not work: move on, unless another connection already has. */
  failed(server: ServerAddress): void {
    if (this.servers[this.index] === server) this.index = (this.index + 1) % this.servers.length;
  }
}
