package org.khlang.disbursement;

/** A firm (juristic person, tax ID) or an officer (natural person, citizen ID). */
public enum PayeeKind {
    FIRM, OFFICER
}
