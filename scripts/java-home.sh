# Sourced by the scripts: build with Temurin 25 (compiling for release 21) when it is there, else any JDK >= 21.
if [ -z "${JAVA_HOME:-}" ] || ! "${JAVA_HOME}/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "${JAVA_HOME}/bin/java" ]; then
  echo "Khlang needs a JDK 21 or newer (Temurin 25 recommended) under /usr/lib/jvm, or JAVA_HOME set to one." >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
