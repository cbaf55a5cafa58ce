/** The rules as policy classes, the facts they read (one query per kind of fact for a whole batch), the findings. */
package org.khlang.risk.internal;
