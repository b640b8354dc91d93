import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { currentSlot, describeSchedule, parseBackupSchedule } from './schedule.ts';

describe('backup settings', () => {
  it('are off by default, daily at 02:30 keeping 7 when BACKUP_DIR is set', () => {
    const none = loadConfig({});
    expect(none).toMatchObject({ backupDir: undefined, backupKey: undefined, backupKeep: 7 });
    const on = loadConfig({ BACKUP_DIR: '/var/backups/osiedle', BACKUP_KEY: 'k'.repeat(16) });
    expect(on).toMatchObject({
      backupDir: '/var/backups/osiedle',
      backupSchedule: { kind: 'daily', hour: 2, minute: 30 },
      backupKeep: 7,
    });
    expect(loadConfig({ BACKUP_SCHEDULE: '6h', BACKUP_KEEP: '30' })).toMatchObject({
      backupSchedule: { kind: 'interval', minutes: 360 },
      backupKeep: 30,
    });
  });

  it('refuses a directory without a key, a short key, a bad schedule or count, naming each', () => {
    expect(() => loadConfig({ BACKUP_DIR: '/b' })).toThrow(/BACKUP_KEY: is required with BACKUP_DIR/);
    expect(() => loadConfig({ BACKUP_KEY: 'short' })).toThrow(/BACKUP_KEY: must be at least 16 characters/);
    expect(() => loadConfig({ BACKUP_SCHEDULE: '25:00' })).toThrow(/BACKUP_SCHEDULE: must be a time of day/);
    expect(() => loadConfig({ BACKUP_SCHEDULE: '5m' })).toThrow(/BACKUP_SCHEDULE/);
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP/);
  });
});

describe('backup schedule', () => {
  it('reads times of day and intervals', () => {
    expect(parseBackupSchedule('2:05')).toEqual({ kind: 'daily', hour: 2, minute: 5 });
    expect(parseBackupSchedule('23:59')).toEqual({ kind: 'daily', hour: 23, minute: 59 });
    expect(parseBackupSchedule('90m')).toEqual({ kind: 'interval', minutes: 90 });
    expect(parseBackupSchedule('12H')).toEqual({ kind: 'interval', minutes: 720 });
    for (const bad of ['24:00', '2:5', 'daily', '10m', '200h', '']) expect(parseBackupSchedule(bad)).toBeUndefined();
    expect(describeSchedule({ kind: 'daily', hour: 2, minute: 30 })).toBe('codziennie o 02:30 (czas polski)');
    expect(describeSchedule({ kind: 'interval', minutes: 360 })).toBe('co 6 h');
    expect(describeSchedule({ kind: 'interval', minutes: 90 })).toBe('co 90 min');
  });

  it('names the slot due now: today at the hour once it has come (Warsaw time, winter and summer), else yesterday', () => {
    const daily = { kind: 'daily', hour: 2, minute: 30 } as const;
    // Winter: 02:30 in Warsaw is 01:30 UTC.
    expect(currentSlot(daily, new Date('2026-01-15T01:29:00Z')).slot).toBe('2026-01-14T01:30:00.000Z');
    expect(currentSlot(daily, new Date('2026-01-15T01:30:00Z')).slot).toBe('2026-01-15T01:30:00.000Z');
    expect(currentSlot(daily, new Date('2026-01-15T23:30:00Z')).slot).toBe('2026-01-15T01:30:00.000Z');
    // Summer: 00:30 UTC.
    expect(currentSlot(daily, new Date('2026-07-01T12:00:00Z')).slot).toBe('2026-07-01T00:30:00.000Z');
    const interval = { kind: 'interval', minutes: 360 } as const;
    expect(currentSlot(interval, new Date('2026-07-01T13:59:00Z')).slot).toBe('2026-07-01T12:00:00.000Z');
  });
});
