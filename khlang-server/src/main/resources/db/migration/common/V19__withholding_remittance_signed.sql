-- The tax status a document was recorded under (the payee's may change later; the monthly list it belongs to must
-- not), and the phone-signed approval of a monthly remittance of withheld tax.
alter table withdrawal add column withholding_status varchar(10);
update withdrawal set withholding_status = (select tax_status from payee where payee.id = withdrawal.payee_id)
 where withholding_tax > 0;
alter table withholding_remittance add column content_sha256 char(64) not null default '';
alter table withholding_remittance add column signed_decision text not null default '';
