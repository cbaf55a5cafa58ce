-- The push limit (design.md 4.2) looks at one person's login requests of the last minutes on every sign-in. The
-- index by person and state made it walk all the person's requests of all time (every sign-in and every approval
-- they ever had) to find the recent logins among them.
create index approval_request_account_kind on approval_request (account_id, kind, created_at);
