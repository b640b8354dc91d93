-- A letter's e-mail delivery follows its outbox message in the same transaction as the worker's
-- update: sent → the delivery is sent; failed for good → the delivery goes to the print queue.
CREATE FUNCTION correspondence_follow_outbox() RETURNS trigger AS $$
BEGIN
  IF NEW.status = 'sent' THEN
    UPDATE correspondence_deliveries SET state = 'sent', sent_at = NEW.sent_at
      WHERE outbox_message_id = NEW.id AND state = 'queued';
  ELSIF NEW.status = 'failed' THEN
    UPDATE correspondence_deliveries SET state = 'to_print', channel = 'paper', email_error = NEW.last_error
      WHERE outbox_message_id = NEW.id AND state = 'queued';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER correspondence_follow_outbox AFTER UPDATE OF status ON outbox_messages
  FOR EACH ROW WHEN (NEW.status IN ('sent', 'failed') AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION correspondence_follow_outbox();
