package org.khlang.disbursement;

import java.math.BigDecimal;

/**
 * One payee of a document that pays many (an allowance, a per diem, refunds): the person, their citizen ID when
 * given, the bank account that receives their amount. The account's name is the person's name.
 */
public record PayeeLine(int number, String name, String citizenId, BankAccount account, BigDecimal amount) {
}
