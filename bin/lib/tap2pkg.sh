# Sourced by bin/tap2deb and bin/tap2rpm: what a package of a twist plugin or application holds, whatever its
# format — the options they share, the files (a jlink'd runtime, the jars, a launcher, a configuration file, a
# systemd unit) and the pieces of the maintainer scripts.
#
# The format's script sets `tool` (its name, for messages) and defines two functions before calling
# tap2pkg_parse: tap2pkg_format_option "$@" (sets `consumed` to how many arguments its own option took, 0 if the
# first argument is none of its options) and tap2pkg_format_usage (prints the lines of its own options).

# Prints the usage text: the common options, then the format's.
tap2pkg_usage() {
  cat <<EOF
Usage: bin/$tool [options]
  --plugin NAME              the twist plugin the service runs [default: web]
  --args ARGS                the plugin's options, one string, split on spaces [default: none]
  --application CLASS        run the application this ApplicationFactory class builds (twistd -y CLASS)
                             instead of a plugin
  -t, --tapfile NAME         the plugin's name, or the class with --type application (as Twisted's)
  -y, --type TYPE            plugin (also: tap) or application (also: python) [default: plugin, or application
                             with --application]
  -p, --protocol NAME        the package's (and service's and user's) name [default: twisted4j-PLUGIN, or
                             twisted4j-CLASS in lower case]
  -m, --maintainer TEXT      the maintainer (Maintainer, Packager) [default: twisted4j <root@localhost>]
  -e, --description TEXT     the one-line description [default: twist PLUGIN as a service]
  -l, --long_description TEXT  the longer description [default: none]
  --classpath CP             the jars and class directories to package [default: module twist's, built
                             on first use]
  --runtime-cache DIR        keep the jlink'd runtime in DIR and use it again when the JDK and the modules
                             are the same [default: none, jlink every time]
EOF
  tap2pkg_format_usage
  echo "  -h, --help                 this text"
}

# Fails with a message naming the tool and exit status $1.
tap2pkg_fail() {
  local status=$1
  shift
  echo "$tool: $*" >&2
  exit "$status"
}

# Parses the command line into: plugin, application (a class name, or empty), args, name, version, maintainer,
# description, long, classpath, cache; `target` is what twistd runs after its own options.
tap2pkg_parse() {
  plugin="" application="" type="" tapfile="" args="" name="" version=1.0 maintainer="twisted4j <root@localhost>"
  description="" long="" classpath="" cache=""
  local args_given=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --plugin) plugin=$2; shift 2 ;;
      --application) application=$2; shift 2 ;;
      -t|--tapfile) tapfile=$2; shift 2 ;;
      -y|--type) type=$2; shift 2 ;;
      --args) args=$2; args_given=1; shift 2 ;;
      -p|--protocol) name=$2; shift 2 ;;
      -m|--maintainer) maintainer=$2; shift 2 ;;
      -e|--description) description=$2; shift 2 ;;
      -l|--long_description) long=$2; shift 2 ;;
      --classpath) classpath=$2; shift 2 ;;
      --runtime-cache) cache=$2; shift 2 ;;
      -h|--help) tap2pkg_usage; exit 0 ;;
      *)
        consumed=0
        if [ $# -ge 2 ]; then tap2pkg_format_option "$@"; fi
        [ "$consumed" -gt 0 ] || tap2pkg_fail 2 "unknown option '$1' (see 'bin/$tool --help')"
        shift "$consumed" ;;
    esac
  done
  case "${type:-${application:+application}}" in
    ""|plugin|tap)
      [ -z "$application" ] || tap2pkg_fail 2 "--application and --type $type cannot both be given"
      plugin=${plugin:-${tapfile:-web}}
      target="$plugin \$PLUGIN_ARGS"
      name=${name:-twisted4j-$plugin}
      description=${description:-twist $plugin as a service} ;;
    application|python)
      application=${application:-$tapfile}
      [ -n "$application" ] || tap2pkg_fail 2 "--type application needs the class: --application CLASS or -t CLASS"
      [ -z "$plugin" ] || tap2pkg_fail 2 "--plugin and an application cannot both be given"
      [ -z "$args_given" ] || tap2pkg_fail 2 "--args is for a plugin; an application takes no options"
      [[ $application =~ ^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$ ]] ||
        tap2pkg_fail 2 "'$application' is not a Java class name"
      target="-y $application"
      local simple=${application##*.}
      name=${name:-twisted4j-$(printf '%s' "$simple" | tr '[:upper:]_$' '[:lower:]--')}
      description=${description:-the $simple application as a service} ;;
    *) tap2pkg_fail 2 "--type: '$type' is neither plugin nor application" ;;
  esac
  if ! [[ $name =~ ^[a-z0-9][a-z0-9.+-]+$ ]]; then
    tap2pkg_fail 2 "'$name' is not a package name (lower case letters, digits, '.', '+', '-')"
  fi
}

# Fills the directory $1 with the package's files; $2 is where systemd units go (lib/systemd/system on
# Debian, usr/lib/systemd/system on RPM systems), relative to $1.
tap2pkg_stage() {
  local stage=$1 unitdir=$2
  . "$root/bin/lib/jdk.sh"
  if [ -z "$classpath" ]; then
    . "$root/bin/lib/classpath.sh"
    classpath=$(twisted4j_classpath "$root" twist)
  fi
  if [ -n "$application" ] && ! javap -cp "$classpath" "$application" >/dev/null 2>&1; then
    tap2pkg_fail 1 "no class '$application' on the class path to package"
  fi
  local lib="$stage/usr/lib/$name"
  mkdir -p "$lib/lib" "$lib/bin" "$stage/etc/$name" "$stage/$unitdir"

  # The jars: class directories (module/target/classes) become module.jar, jars are copied.
  local entries entry module
  IFS=: read -r -a entries <<<"$classpath"
  for entry in "${entries[@]}"; do
    if [ -d "$entry" ]; then
      module=$(basename "$(dirname "$(dirname "$entry")")")
      jar --create --file "$lib/lib/twisted4j-$module.jar" -C "$entry" .
    elif [ -f "$entry" ]; then
      cp "$entry" "$lib/lib/"
    fi
  done
  tap2pkg_runtime "$lib"
  tap2pkg_launcher "$lib"
  tap2pkg_config >"$stage/etc/$name/$name.conf"
  tap2pkg_unit >"$stage/$unitdir/$name.service"
}

# Makes the runtime $1/runtime: the JDK modules jdeps finds the jars use, plus those reached by name or
# reflection; with --runtime-cache, taken from there when the JDK and the modules are the same.
tap2pkg_runtime() {
  local lib=$1 modules key
  modules=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 21 "$lib"/lib/*.jar 2>/dev/null |
    tail -n 1) || true
  if ! [[ $modules =~ ^[a-z][a-z0-9.,]*$ ]]; then
    modules=java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml
  fi
  modules="$modules,jdk.unsupported,jdk.crypto.ec,jdk.zipfs"
  if [ -z "$cache" ]; then
    jlink --add-modules "$modules" --output "$lib/runtime" --strip-debug --no-man-pages --no-header-files \
      --compress=zip-6
    return
  fi
  key=$( { java -version 2>&1; echo "$JAVA_HOME $modules"; } | cksum | cut -d' ' -f1)
  if [ ! -d "$cache/$key" ]; then
    mkdir -p "$cache"
    rm -rf "$cache/$key.partial"
    jlink --add-modules "$modules" --output "$cache/$key.partial" --strip-debug --no-man-pages \
      --no-header-files --compress=zip-6
    mv "$cache/$key.partial" "$cache/$key"
  fi
  cp -a "$cache/$key" "$lib/runtime"
}

# Writes the launcher $1/bin/NAME: twistd in the foreground with the options of the configuration file.
tap2pkg_launcher() {
  local lib=$1
  cat >"$lib/bin/$name" <<EOF
#!/bin/sh
# Runs $name in the foreground: twistd -n $target, with the options of /etc/$name/$name.conf.
set -e
TWISTD_OPTIONS=
PLUGIN_ARGS=
. /etc/$name/$name.conf
exec /usr/lib/$name/runtime/bin/java \$JAVA_OPTIONS -cp '/usr/lib/$name/lib/*' org.twisted4j.twist.Twistd \\
  -n --pidfile '' \$TWISTD_OPTIONS $target
EOF
  chmod 755 "$lib/bin/$name"
}

# Prints the configuration file, /etc/NAME/NAME.conf.
tap2pkg_config() {
  echo "# Read by /usr/lib/$name/bin/$name (a shell fragment). Restart the service after a change:"
  echo "#   systemctl restart $name"
  if [ -n "$application" ]; then
    echo "# The service runs the application $application builds (twistd -y)."
  else
    echo "# The options of 'twist $plugin' (split on spaces):"
    echo "PLUGIN_ARGS=\"$args\""
  fi
  cat <<'EOF'
# twistd's own options, such as --syslog or --log-level debug (the log goes to the journal by default):
TWISTD_OPTIONS=""
# Options of the Java runtime, such as -Xmx256m:
JAVA_OPTIONS=""
EOF
}

# Prints the systemd unit.
tap2pkg_unit() {
  cat <<EOF
[Unit]
Description=$description
After=network.target

[Service]
Type=notify
User=$name
Group=$name
ExecStart=/usr/lib/$name/bin/$name
StateDirectory=$name
WorkingDirectory=/var/lib/$name
AmbientCapabilities=CAP_NET_BIND_SERVICE
Restart=on-failure

[Install]
WantedBy=multi-user.target
EOF
}

# The pieces of the maintainer scripts, as shell lines: each format calls them where its scripts run.

# Creates the system user the service runs as, unless it exists.
tap2pkg_script_add_user() {
  cat <<EOF
getent passwd $name >/dev/null || useradd --system --user-group --home-dir /var/lib/$name --no-create-home \\
  --shell /usr/sbin/nologin $name
EOF
}

# Enables and (re)starts the service where systemd runs.
tap2pkg_script_start() {
  cat <<EOF
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable $name.service
  systemctl restart $name.service
fi
EOF
}

# Stops the service where systemd runs, and disables it too when $1 is "disable".
tap2pkg_script_stop() {
  echo "if [ -d /run/systemd/system ]; then"
  echo "  systemctl stop $name.service || true"
  if [ "${1:-}" = disable ]; then
    echo "  systemctl disable $name.service || true"
  fi
  echo "fi"
}

# Has systemd forget the removed unit.
tap2pkg_script_reload() {
  cat <<'EOF'
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload || true
fi
EOF
}

# Removes the user and the service's state.
tap2pkg_script_remove_user() {
  cat <<EOF
userdel $name 2>/dev/null || true
rm -rf /var/lib/$name
EOF
}

