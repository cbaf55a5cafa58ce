-- The new-phone rule counts the approvals a phone has given: by device, not by scanning the person's requests.
create index approval_request_device on approval_request (device_id, state);
