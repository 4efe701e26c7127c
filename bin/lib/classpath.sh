# Sourced by the bin/ scripts after jdk.sh: builds a module on first use (or when a source or POM changed
# since the last build) and prints its run-time classpath.
#   twisted4j_classpath ROOT MODULE
twisted4j_classpath() {
  local root=$1 module=$2
  local stamp="$root/$module/target/classpath.txt"
  if [ ! -f "$stamp" ] || [ -n "$(find "$root" -path "$root/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    echo "Building twisted4j ($module and what it needs)..." >&2
    local log
    log=$(mktemp)
    if ! { "$root/bin/mvn" -B -ntp -pl "$module" -am install -DskipTests &&
           "$root/bin/mvn" -B -ntp -pl "$module" dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt; } >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      echo "The build failed; its output is above." >&2
      return 1
    fi
    rm -f "$log"
    touch "$stamp"   # the dependency plugin leaves an unchanged file as it was
  fi
  echo "$root/$module/target/classes:$(cat "$stamp")"
}
