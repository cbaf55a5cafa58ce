-- Submitting and reviewing an order is confirmed on the person's phone (design.md 4.4): the signed decision,
-- which names the SHA-256 of the order's canonical content, is kept with the order for later re-verification.
alter table appointment_order add column content_sha256 char(64);
alter table appointment_order add column submit_decision text;
alter table appointment_order add column review_decision text;
