# Sourced by the bin/ scripts: finds a JDK >= 21 and exports JAVA_HOME and PATH for it.
# Order: JAVA_HOME if it is new enough, else the `java` on PATH, else the newest JDK under /usr/lib/jvm.

twisted4j_min_java=21

# Prints the feature version (17, 21, 25, ...) of the JDK whose home is $1, or nothing.
twisted4j_java_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1
}

twisted4j_find_jdk() {
  local candidates=() home version best="" best_version=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in "${candidates[@]}"; do
    version=$(twisted4j_java_version "$home")
    if [ -n "$version" ] && [ "$version" -ge "$twisted4j_min_java" ]; then
      echo "$home"; return 0
    fi
  done
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    version=$(twisted4j_java_version "$home")
    if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then
      best=$home; best_version=$version
    fi
  done
  if [ "$best_version" -ge "$twisted4j_min_java" ]; then
    echo "$best"; return 0
  fi
  return 1
}

if ! JAVA_HOME=$(twisted4j_find_jdk); then
  echo "twisted4j needs a JDK $twisted4j_min_java or newer (none found in JAVA_HOME, on PATH or under /usr/lib/jvm): install one, e.g. 'apt-get install openjdk-21-jdk-headless'." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
