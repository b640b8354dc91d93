/**
 * Who else wants to know that an audit action was recorded (the metrics count sign-in failures and
 * locks as they happen). Only the action's name is passed: never who, whom or from where. Kept free
 * of imports so that the audit log depends on nothing for it.
 */
type Observer = (action: string) => void;

const observers = new Set<Observer>();

/** Adds an observer; returns the function that removes it. */
export function observeAuditActions(observer: Observer): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** Called by recordAudit after it wrote a row. An observer that throws is ignored. */
export function auditActionRecorded(action: string): void {
  for (const observer of observers) {
    try {
      observer(action);
    } catch {
      // Monitoring never breaks what it watches.
    }
  }
}
