-- R11: a change of authorised persons is a new order, which may END earlier assignments (from a date on) as well as
-- appoint; ending one right and appointing another in one order replaces an assignment.
alter table appointment add column ends boolean default false not null;
