import { describe, expect, it } from 'vitest';
import { Shutdown } from './shutdown.ts';

function recordingLog() {
  const lines: string[] = [];
  return {
    lines,
    info: (_detail: object, message: string) => lines.push(`info ${message}`),
    fatal: (_detail: object, message: string) => lines.push(`fatal ${message}`),
  };
}

describe('the shutdown request', () => {
  it('aborts its signal at the first request and resolves with its reason; a second SIGTERM changes nothing', async () => {
    const shutdown = new Shutdown({ install: false });
    shutdown.holdOn();
    const log = recordingLog();
    shutdown.useLogger(log);
    expect(shutdown.signal.aborted).toBe(false);
    shutdown.request({ signal: 'SIGTERM' });
    shutdown.request({ signal: 'SIGTERM' });
    expect(shutdown.signal.aborted).toBe(true);
    expect(await shutdown.requested).toEqual({ signal: 'SIGTERM' });
    expect(log.lines).toEqual(['info shutting down', 'info already shutting down']);
  });

  it('logs a request made before the logger existed once it does', () => {
    const shutdown = new Shutdown({ install: false });
    shutdown.holdOn();
    shutdown.request({ signal: 'SIGINT' });
    const log = recordingLog();
    shutdown.useLogger(log);
    expect(log.lines).toEqual(['info shutting down']);
  });

  it('stops for an uncaught error too, saying so at fatal level', async () => {
    const shutdown = new Shutdown({ install: false });
    shutdown.holdOn();
    const log = recordingLog();
    shutdown.useLogger(log);
    const error = new Error('boom');
    shutdown.request({ error });
    expect((await shutdown.requested).error).toBe(error);
    expect(log.lines).toEqual(['fatal uncaught error, shutting down']);
  });
});
