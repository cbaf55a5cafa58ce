/** Soft Token devices, activation, push login with number matching, offline codes and suspension (design.md section 4). */
package org.khlang.softtoken;
