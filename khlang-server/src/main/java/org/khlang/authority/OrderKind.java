package org.khlang.authority;

/**
 * Who issues the order: the agency head appointing staff (AGENCY), or the serving registrar appointing the agency
 * head with the head's own appointment document (HEAD), which another registrar of the office reviews.
 */
public enum OrderKind {
    AGENCY,
    HEAD
}
