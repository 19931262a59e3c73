#!/usr/bin/env bash
# Checks README.md and docs/ against a running demo (./scripts/demo.sh, or DocsIT's):
#  - runs every shell block marked runnable (a "<!-- runnable -->" line just above a ```sh fence), with
#    http://localhost:8082 and http://localhost:8080 pointed at AGENT_URL and SERVER_URL;
#  - fails when a shell block holds a curl example that is not marked runnable;
#  - fails when a series the agent exports (at /metrics now, or written in the code) has no row in docs/metrics.md;
#  - fails when the docs tell the history of the work instead of how the project is.
# The option table is checked by ConfigurationPageTest (docs/configuration.md is generated from OptionTable).
# Prints "N runnable examples ran"; exits 1 on any failure, naming each.
set -uo pipefail
cd "$(dirname "$0")/.."

agent=${AGENT_URL:-http://localhost:8082}
server=${SERVER_URL:-http://localhost:8080}
pages=(README.md docs/*.md)
failures=0
fail() {
  echo "check-docs: FAIL $*"
  failures=$((failures + 1))
}

# Present tense: no account of rounds of work.
history=$(grep -rniE "the session before|(last|next|earlier|previous) session|this session \(|session [0-9]|\(the (first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\)|issue [0-9]+" \
  README.md docs BENCHMARKS.md)
if [ -n "$history" ]; then
  fail "the docs tell the history of the work:"
  echo "$history"
fi

# Links between the pages lead somewhere: the file exists, and so does the heading an anchor names
# (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens).
slugs() {
  grep -E '^#{1,6} ' "$1" | sed -E 's/^#+ +//' | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'
}
for page in "${pages[@]}"; do
  dir=$(dirname "$page")
  for link in $(grep -oE '\]\([^)[:space:]]+\)' "$page" | sed -E 's/^\]\(//; s/\)$//' | grep -vE '^(https?|mailto):'); do
    file=${link%%#*}
    anchor=${link#"$file"}
    anchor=${anchor#\#}
    target=$page
    [ -n "$file" ] && target="$dir/$file"
    if [ ! -e "$target" ]; then
      fail "$page links to $link: no such file"
    elif [ -n "$anchor" ] && ! slugs "$target" | grep -qxF "$anchor"; then
      fail "$page links to $link: no such heading in $target"
    fi
  done
done

# Code blocks: each runnable one to a file; every shell block with a curl must be one of them.
blocks=$(mktemp -d)
trap 'rm -rf "$blocks"' EXIT
awk -v dir="$blocks" '
  FNR == 1 { marked = 0; inside = 0 }
  !inside && /^<!-- runnable -->[[:space:]]*$/ { marked = 1; next }
  !inside && /^```/ {
    inside = 1; lang = substr($0, 4); gsub(/[[:space:]]/, "", lang); start = FNR; body = ""; ismarked = marked; marked = 0
    next
  }
  inside && /^```[[:space:]]*$/ {
    inside = 0
    shell = (lang == "sh" || lang == "bash" || lang == "shell" || lang == "")
    if (ismarked) {
      n++
      file = sprintf("%s/%03d.sh", dir, n)
      printf "# %s:%d\n%s", FILENAME, start, body > file
      close(file)
      if (lang != "sh") printf "%s:%d: a runnable block must be ```sh\n", FILENAME, start > (dir "/problems")
    } else if (shell && body ~ /(^|[^a-z])curl /) {
      printf "%s:%d: a curl example that is not marked runnable\n", FILENAME, start > (dir "/problems")
    }
    if (shell && body ~ /(^|[^a-z])curl /) curls++
    next
  }
  inside { body = body $0 "\n"; next }
  !/^[[:space:]]*$/ { marked = 0 }
  END { printf "%d %d\n", n, curls > (dir "/counts") }
' "${pages[@]}"
read -r runnable curls <"$blocks/counts"
if [ -f "$blocks/problems" ]; then
  while read -r line; do fail "$line"; done <"$blocks/problems"
fi
if [ "$runnable" -lt "$curls" ]; then
  fail "$runnable runnable blocks, fewer than the $curls shell blocks with curl examples"
fi

for block in "$blocks"/[0-9]*.sh; do
  [ -e "$block" ] || continue
  where=$(head -1 "$block" | cut -c3-)
  if ! out=$(sed -e "s#http://localhost:8082#$agent#g" -e "s#http://localhost:8080#$server#g" "$block" |
    HEALTH_AGENT_AUTH_TOKEN=${HEALTH_AGENT_AUTH_TOKEN:-docs-check} timeout 60 bash -eo pipefail 2>&1); then
    fail "the example at $where did not run:"
    sed 1d "$block"
    echo "--- it printed:"
    echo "$out" | head -20
  fi
done
echo "check-docs: $runnable runnable examples ran"

# Every series has its row in docs/metrics.md: those exported now, and those the code writes only at times
# (a container's limits, a disk that fills), as MetricsExposition names them.
exported=$(curl -fsS "$agent/metrics" | awk '$1 == "#" && $2 == "TYPE" { print $3 }')
if [ -z "$exported" ]; then
  fail "no series read from $agent/metrics"
fi
written=$(grep -ohE '(gauge|gaugeFamily|counter|histogram|name|base)\("[a-z_]+"' agent/src/main/java/io/healthagent/http/MetricsExposition.java |
  grep -oE '"[a-z_]+"' | tr -d '"')
for series in $(printf '%s\n%s\n' "$exported" "$written" | grep . | sort -u); do
  grep -qF "| \`$series\` |" docs/metrics.md || fail "the series $series has no row in docs/metrics.md"
done
echo "check-docs: $(printf '%s\n%s\n' "$exported" "$written" | grep . | sort -u | wc -l) series have their rows"

if [ "$failures" -gt 0 ]; then
  echo "check-docs: $failures failures"
  exit 1
fi
echo "check-docs: ok"
