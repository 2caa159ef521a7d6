#!/bin/bash
# Shows a long step's output (on stdin) short but alive, for the Makefile:
#
#   cmake --build build 2>&1 | cmake/progress.sh cmake "Building the C++"
#   apt-get install -q ... 2>&1 | cmake/progress.sh apt
#   npm ci --loglevel=http 2>&1 | cmake/progress.sh npm "Installing the web app's npm packages"
#   tsc --noEmit 2>&1 | cmake/progress.sh all "Type-checking the web app"
#
# Errors and warnings pass in full. Progress lines (a file compiled, a target linked, a package
# fetched or set up) are shortened and shown at most one every $PROGRESS_EVERY seconds (10); the
# other chatter is dropped. When the step says nothing for $PROGRESS_QUIET seconds (30), a line
# says it is still at work and for how long. The label, if any, is printed once, before the first
# line (nothing at all when the step has nothing to say and ends quickly, as a build with nothing
# to do). The exit status is 0: callers take the step's own from `set -o pipefail`.

mode=${1:-all}
label=${2-}
every=${PROGRESS_EVERY:-10}
quiet=${PROGRESS_QUIET:-30}

start=$SECONDS
last_tick=-$every
last_out=$SECONDS
announced=0

say() {
  if [ $announced = 0 ]; then
    [ -z "$label" ] || echo "$label"
    announced=1
  fi
  echo "$1"
  last_out=$SECONDS
}

# What to do with one line: "show" it in full, "tick" it (shortened, in $short) or "drop" it.
classify() {
  local line=$1
  short=$line
  case $mode in
  cmake)
    case $line in
    '['*'%] Built target '* | Consolidate* | Scanning* | *'Entering directory'* | *'Leaving directory'*)
      verdict=drop ;;
    '['*'%] Building '*' object '*)
      # [ 42%] Building CXX object src/stats/CMakeFiles/continuum_stats.dir/logistic.cc.o
      local object=${line##* object } percent=${line%%]*}]
      object=${object%.o}
      if [[ $object == */CMakeFiles/*.dir/* ]]; then
        object=${object%%/CMakeFiles/*}/${object#*/CMakeFiles/*.dir/}
      elif [[ $object == CMakeFiles/*.dir/* ]]; then
        object=${object#CMakeFiles/*.dir/}
      fi
      short="  $percent compiling $object"
      verdict=tick ;;
    '['*'%] Linking '*)
      # [ 99%] Linking CXX executable continuum
      local target=${line##* }
      short="  ${line%%]*}] linking ${target##*/}"
      verdict=tick ;;
    '['*'%] '*)
      short="  $line"
      verdict=tick ;;
    *) verdict=show ;;
    esac ;;
  apt)
    case $line in
    'Setting up '* | 'Unpacking '*)
      short="  ${line%% (*}"
      verdict=tick ;;
    Get:*)
      # Get:7 http://deb.debian.org/debian bookworm/main amd64 chromium amd64 156.0 [80 MB]
      local fields
      read -r -a fields <<<"$line"
      case $line in
      *InRelease* | *' Release'* | *Packages* | *Translation*) short="  reading the package lists" ;;
      *) short="  fetching ${fields[4]}" ;;
      esac
      verdict=tick ;;
    E:* | W:* | Err:* | *error* | *Error* | *ERROR*) verdict=show ;;
    *) verdict=drop ;;
    esac ;;
  npm)
    case $line in
    'npm ERR!'* | 'npm error'* | added* | removed* | changed*) verdict=show ;;
    'npm http fetch '*)
      # npm http fetch GET 200 https://registry.npmjs.org/vite/-/vite-6.4.6.tgz 312ms (cache miss)
      local url=${line#npm http fetch * * }
      url=${url%% *}
      url=${url##*/}
      short="  fetched ${url//%2f//}"
      verdict=tick ;;
    'npm '* | '') verdict=drop ;;
    *) verdict=show ;;
    esac ;;
  *) verdict=show ;;
  esac
}

pending=
while :; do
  IFS= read -r -t "$quiet" chunk
  status=$?
  if [ $status -gt 128 ]; then
    # Nothing for $quiet seconds: keep what came of a line and say the step is still at work.
    pending+=$chunk
    if [ $((SECONDS - last_out)) -ge "$quiet" ]; then
      elapsed=$((SECONDS - start))
      say "  ... still at work ($((elapsed / 60))m$(printf %02d $((elapsed % 60)))s)"
    fi
    continue
  fi
  line=$pending$chunk
  pending=
  if [ $status -ne 0 ] && [ -z "$line" ]; then
    break
  fi
  classify "$line"
  case $verdict in
  show) say "$line" ;;
  tick)
    if [ $((SECONDS - last_tick)) -ge "$every" ]; then
      say "$short"
      last_tick=$SECONDS
    fi ;;
  esac
  if [ $((SECONDS - last_out)) -ge "$quiet" ] && [ $((SECONDS - start)) -ge "$quiet" ]; then
    elapsed=$((SECONDS - start))
    say "  ... still at work ($((elapsed / 60))m$(printf %02d $((elapsed % 60)))s)"
  fi
  [ $status -eq 0 ] || break
done
exit 0
