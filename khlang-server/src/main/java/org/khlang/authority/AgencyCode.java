package org.khlang.authority;

import org.khlang.shared.InvalidValueException;

/** A disbursing unit code (รหัสหน่วยเบิกจ่าย): exactly 10 digits. */
public record AgencyCode(String value) {

    public AgencyCode {
        if (value == null || !value.strip().matches("[0-9]{10}")) {
            throw new InvalidValueException("agencyCode.format");
        }
        value = value.strip();
    }

    @Override
    public String toString() {
        return value;
    }
}
