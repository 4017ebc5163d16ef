#!/bin/sh
# Configuration files: found upward from each linted file, --config and
# --no-config, and every mistake reported with its place and exit 3.
# usage: tests/config.sh MOUNTLINT
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

ml() { "$bin" --color never "$@"; }

printf '#!/bin/sh\necho hi\n' > ok.sh

cat > .mountlint.yaml <<'EOC'
rules:
  ML999: off
  ML201:
    severity: loud
    exclude_services:
      - service: cache
  ML202: [1]
colour: always
secret_files: ["(unclosed", '\.vault$']
sensitive_paths: "^/srv"
required_volume_labels:
  backup: "[a-"
selinux: maybe
EOC
expect "every mistake, with its place" 3 "" \
'.mountlint.yaml:2:3: error: unknown rule "ML999"
.mountlint.yaml:4:15: error: unknown severity "loud": use error, warning, info or off
.mountlint.yaml:6:9: error: an exclusion needs a service and a reason
.mountlint.yaml:7:10: error: "ML202" must be a mapping
.mountlint.yaml:8:1: error: unknown key "colour"
.mountlint.yaml:9:26: error: bad pattern "(unclosed": missing closing parenthesis
.mountlint.yaml:10:18: error: "sensitive_paths" must be a list
.mountlint.yaml:12:15: error: bad pattern "[a-": missing terminating ] for character class
.mountlint.yaml:13:10: error: "selinux" must be true or false, not "maybe"
' ml ok.sh

mkdir -p sub/deeper
printf '#!/bin/sh\necho hi\n' > sub/deeper/ok.sh
expect "found from a subdirectory upward" 3 "" \
'.mountlint.yaml:2:3: error: unknown rule "ML999"
.mountlint.yaml:4:15: error: unknown severity "loud": use error, warning, info or off
.mountlint.yaml:6:9: error: an exclusion needs a service and a reason
.mountlint.yaml:7:10: error: "ML202" must be a mapping
.mountlint.yaml:8:1: error: unknown key "colour"
.mountlint.yaml:9:26: error: bad pattern "(unclosed": missing closing parenthesis
.mountlint.yaml:10:18: error: "sensitive_paths" must be a list
.mountlint.yaml:12:15: error: bad pattern "[a-": missing terminating ] for character class
.mountlint.yaml:13:10: error: "selinux" must be true or false, not "maybe"
' ml sub/deeper/ok.sh

expect "--no-config ignores it" 0 "" "" ml --no-config ok.sh

printf 'rules:\n  ML201: off\n' > good.yaml
expect "--config names another" 0 "" "" ml --config good.yaml ok.sh

expect "--config of a missing file" 3 "" \
'missing.yaml: error: cannot read the configuration: No such file or directory
' ml --config missing.yaml ok.sh

printf 'rules: [\n' > broken.yaml
expect "--config of invalid YAML" 3 "" \
'broken.yaml:2:1: error: did not find expected node content
' ml --config broken.yaml ok.sh

printf '' > empty.yaml
expect "an empty configuration is fine" 0 "" "" ml --config empty.yaml ok.sh

# --- what a configuration changes -------------------------------------
mkdir proj
cat > proj/compose.yaml <<'EOC'
services:
  cache:
    image: redis:7
    volumes:
      - /data
  web:
    image: nginx:1.27
    volumes:
      - /cache
      - ./site:/usr/share/nginx/html
volumes:
  logs:
    labels:
      backup: never
EOC
cat > proj/.mountlint.yaml <<'EOC'
rules:
  ML201:
    severity: error
    exclude_services:
      - service: cache
        reason: a cache, refilled on start
  ML202: off
  ML502: off
required_volume_labels:
  backup: "^(daily|weekly)$"
EOC
expect "severity, exclusion and rule off from the configuration" 1 \
'proj/compose.yaml:9:9: error: anonymous volume on "/cache": each new container gets a new volume, and the old ones are left behind [ML201]
  fix: name the volume: "cache:/cache", and declare it under top-level volumes
' "" ml --select ML201,ML202,ML502 proj/compose.yaml

"$bin" --format json --select ML201 proj/compose.yaml > got.json 2> /dev/null
check "an excluded service's finding is kept, suppressed with the reason" \
	grep -q '"suppressed":	"a cache, refilled on start"' got.json

expect "the command line goes over the configuration" 0 "" "" \
	ml --ignore ML201 --select ML201 proj/compose.yaml

cd proj || exit 1
expect "a label whose value does not match the pattern" 0 \
'compose.yaml:12:3: info: volume "logs" has label "backup=never", whose value does not match "^(daily|weekly)$": tools that select volumes by it skip this one [ML204]
  fix: add a "backup" label whose value matches "^(daily|weekly)$" under the volume'"'"'s "labels:"
' "" ml --select ML204 compose.yaml
cd .. || exit 1

finish config
