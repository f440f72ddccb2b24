# Sourced by mvnw. Atrium builds for and runs on Java 21 or newer (Payara 7). When JAVA_HOME, or else the java on the
# PATH, is older, this picks the newest JDK 21+ found where Linux and macOS installers put them, so that the README's
# two commands work on a machine whose default JDK is older. Set JAVA_HOME to a JDK 21+ to choose one yourself.

atrium_java_feature() { # prints the feature version (17, 21, 25...) of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

atrium_current_java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
[ -n "$atrium_current_java" ] || atrium_current_java="$(command -v java 2>/dev/null || true)"
atrium_current_feature=""
[ -z "$atrium_current_java" ] || [ ! -x "$atrium_current_java" ] || atrium_current_feature="$(atrium_java_feature "$atrium_current_java")"

if [ "${atrium_current_feature:-0}" -lt 21 ]; then
  atrium_best_home="" atrium_best_feature=0
  set +f # mvnw turns globbing off
  for atrium_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$atrium_home/bin/java" ] && [ -x "$atrium_home/bin/javac" ] || continue
    atrium_feature="$(atrium_java_feature "$atrium_home/bin/java")"
    if [ "${atrium_feature:-0}" -gt "$atrium_best_feature" ]; then
      atrium_best_home="$atrium_home" atrium_best_feature="$atrium_feature"
    fi
  done
  set -f
  if [ "$atrium_best_feature" -ge 21 ]; then
    [ "${MVNW_VERBOSE-}" != true ] || echo "mvnw: using the JDK $atrium_best_feature in $atrium_best_home" >&2
    JAVA_HOME="$atrium_best_home"
    export JAVA_HOME
  else
    echo "Atrium needs a JDK 21 or newer; found ${atrium_current_feature:-no java}. Install one, or set JAVA_HOME to it." >&2
    exit 1
  fi
fi
