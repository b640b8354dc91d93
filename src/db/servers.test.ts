import { describe, expect, it } from 'vitest';
import { parseServerList, ServerChoice, ServerListError } from './servers.ts';

describe('parseServerList', () => {
  it('reads one server as node-postgres does, with the default port', () => {
    const list = parseServerList('postgres://osiedle:tajne@db.example/osiedle');
    expect(list.servers).toEqual([{ host: 'db.example', port: 5432 }]);
    expect(list.target).toBe('any');
    expect(list.urlFor({ host: 'db.example', port: 5432 })).toBe('postgres://osiedle:tajne@db.example:5432/osiedle');
  });

  it('splits a libpq host list and keeps user, password, database and other parameters for each', () => {
    const list = parseServerList(
      'postgresql://osiedle:p%40ss@127.0.0.1:5501,[::1]:5502,db.example/osiedle?target_session_attrs=read-write&application_name=osiedle',
    );
    expect(list.servers).toEqual([
      { host: '127.0.0.1', port: 5501 },
      { host: '::1', port: 5502 },
      { host: 'db.example', port: 5432 },
    ]);
    expect(list.target).toBe('read-write');
    expect(list.urlFor({ host: '::1', port: 5502 })).toBe(
      'postgresql://osiedle:p%40ss@[::1]:5502/osiedle?application_name=osiedle',
    );
  });

  it('accepts primary and any, refuses targets that would send writes to a standby', () => {
    expect(parseServerList('postgres://a,b/db?target_session_attrs=primary').target).toBe('primary');
    for (const target of ['read-only', 'standby', 'prefer-standby', 'nonsense']) {
      expect(() => parseServerList(`postgres://a,b/db?target_session_attrs=${target}`)).toThrow(ServerListError);
    }
  });

  it('refuses bad ports and a host list mixed with ?host=', () => {
    expect(() => parseServerList('postgres://a:1,b:99999/db')).toThrow(/bad port/);
    expect(() => parseServerList('postgres://a:1,b:x/db')).toThrow(/not host or host:port/);
    expect(() => parseServerList('postgres://a,b/db?host=c')).toThrow(/each host:port/);
  });
});

describe('ServerChoice', () => {
  it('stays on the server that works and moves on once per failure of the current one', () => {
    const [first, second] = [
      { host: 'a', port: 1 },
      { host: 'b', port: 2 },
    ];
    const choice = new ServerChoice([first, second]);
    expect(choice.current).toBe(first);
    choice.failed(first);
    // Ten connections that were all refused by the first server move the turn once, not ten times.
    choice.failed(first);
    expect(choice.current).toBe(second);
    choice.failed(second);
    expect(choice.current).toBe(first);
  });
});
