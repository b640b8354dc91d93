/**
 * The rules of room bookings, pure: a slot lies in the future, far enough ahead, within the
 * room's hours on one day, and over no other booking; its price per hour (free for members when
 * the room says so).
 */
import type { FieldError } from '../../../errors.ts';

export interface RoomRules {
  opensAt: number;
  closesAt: number;
  minNoticeHours: number;
  pricePerHour: number;
  freeForMembers: boolean;
}

export interface Slot {
  start: Date;
  end: Date;
  /** Minutes after midnight, Warsaw time, of the start and end (same day). */
  startMinute: number;
  endMinute: number;
}

/** `HH:MM` → minutes after midnight, or undefined. */
export function parseTime(text: string): number | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/** Minutes after midnight → `HH:MM`. */
export function formatTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function checkSlot(
  rules: RoomRules,
  slot: Slot,
  { now, taken }: { now: Date; taken: { start: Date; end: Date }[] },
): FieldError[] {
  if (slot.endMinute <= slot.startMinute) {
    return [{ field: 'until', message: 'Koniec musi być później niż początek.' }];
  }
  if (slot.start <= now) return [{ field: 'date', message: 'Ten termin już minął: wybierz przyszły.' }];
  if (slot.start.getTime() < now.getTime() + rules.minNoticeHours * 3_600_000) {
    return [
      {
        field: 'date',
        message: `Salę trzeba zarezerwować co najmniej ${rules.minNoticeHours} godz. przed początkiem.`,
      },
    ];
  }
  if (slot.startMinute < rules.opensAt || slot.endMinute > rules.closesAt) {
    return [
      {
        field: 'from',
        message: `Sala jest dostępna w godzinach ${formatTime(rules.opensAt)}–${formatTime(rules.closesAt)}.`,
      },
    ];
  }
  if (taken.some((other) => other.start < slot.end && slot.start < other.end)) {
    return [{ field: 'from', message: 'W tym czasie sala jest już zarezerwowana: wybierz inny termin.' }];
  }
  return [];
}

/** Grosze for the slot: the hourly price × hours (to the minute), or 0 for members of a free room. */
export function bookingPrice(rules: RoomRules, slot: Pick<Slot, 'startMinute' | 'endMinute'>, member: boolean): number {
  if (member && rules.freeForMembers) return 0;
  return Math.round((rules.pricePerHour * (slot.endMinute - slot.startMinute)) / 60);
}
