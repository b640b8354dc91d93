/**
 * When scheduled backups run (BACKUP_SCHEDULE): every day at a Warsaw time (`02:30`), or every
 * so many hours or minutes (`6h`, `90m`). Each run belongs to a slot, the same for every process,
 * so that processes starting together back up once per slot (runs.ts claims it).
 */
import { parseWarsawLocal, warsawDate } from '../../lib/warsaw-time.ts';

export type BackupSchedule = { kind: 'daily'; hour: number; minute: number } | { kind: 'interval'; minutes: number };

/** The schedule written in BACKUP_SCHEDULE, or undefined when it is not one. */
export function parseBackupSchedule(text: string): BackupSchedule | undefined {
  const daily = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (daily) return { kind: 'daily', hour: Number(daily[1]), minute: Number(daily[2]) };
  const interval = /^(\d{1,4})\s*(h|m)$/.exec(text.trim().toLowerCase());
  if (!interval) return undefined;
  const minutes = Number(interval[1]) * (interval[2] === 'h' ? 60 : 1);
  return minutes >= 15 && minutes <= 7 * 24 * 60 ? { kind: 'interval', minutes } : undefined;
}

/** How the schedule reads in the panel. */
export function describeSchedule(schedule: BackupSchedule): string {
  if (schedule.kind === 'daily') {
    return `codziennie o ${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')} (czas polski)`;
  }
  return schedule.minutes % 60 === 0 ? `co ${schedule.minutes / 60} h` : `co ${schedule.minutes} min`;
}

/** hour:minute in Warsaw on a calendar date, as an instant. */
function warsawTimeOn(date: string, hour: number, minute: number): Date {
  const local = `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return parseWarsawLocal(local) ?? new Date(`${local}:00Z`);
}

/** The slot due at `now`: its name (the same in every process) and when it began. */
export function currentSlot(schedule: BackupSchedule, now: Date): { slot: string; startsAt: Date } {
  if (schedule.kind === 'interval') {
    const ms = schedule.minutes * 60_000;
    const startsAt = new Date(Math.floor(now.getTime() / ms) * ms);
    return { slot: startsAt.toISOString(), startsAt };
  }
  const today = warsawDate(now);
  let startsAt = warsawTimeOn(today, schedule.hour, schedule.minute);
  if (startsAt > now) {
    const yesterday = warsawDate(new Date(startsAt.getTime() - 20 * 3_600_000));
    startsAt = warsawTimeOn(yesterday, schedule.hour, schedule.minute);
  }
  return { slot: startsAt.toISOString(), startsAt };
}
