#!/usr/bin/env bash
# Puts a real serving stack (Debian 13 "trixie" nginx, gunicorn, uvicorn, Flask, Django, FastAPI)
# into a private cache folder on a Debian 12 machine, without touching the system: a private apt
# state downloads the .deb files, `dpkg -x` unpacks them, and wrappers in <cache>/bin run them.
# See scripts/realstack/README.md. A second run with the cache present does nothing.
#
#   bash scripts/realstack/install.sh            # install (or do nothing if installed)
#   REALSTACK_CACHE=/some/dir bash scripts/realstack/install.sh
#   REALSTACK_FORCE=1 bash scripts/realstack/install.sh   # redo the unpack and wrappers
set -euo pipefail

CACHE="${REALSTACK_CACHE:-$HOME/.cache/roundtrip-realstack}"
SUITE=trixie
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# What Roundtrip models, and what nginx and Python need to run: Debian 13 builds these against
# glibc 2.41, so its loader and libc come too (see README.md, "The loader").
PACKAGES=(
  # Flask 3.1 and the marshmallow schemas the generated Flask code uses
  python3-flask python3-werkzeug python3-jinja2 python3-markupsafe python3-itsdangerous
  python3-click python3-blinker python3-marshmallow
  # Django 4.2 or newer, and django-cors-headers (the generated Django code's CORS)
  python3-django python3-asgiref python3-sqlparse python3-django-cors-headers
  # FastAPI, Starlette, pydantic 2 (pydantic-core is compiled); email-validator for EmailStr
  python3-fastapi python3-starlette python3-pydantic python3-pydantic-core
  python3-annotated-types python3-typing-extensions python3-anyio python3-sniffio python3-idna
  python3-email-validator python3-dnspython
  python3-python-multipart # FastAPI's forms (python-multipart; python3-multipart is another project)
  # the app servers
  python3-gunicorn python3-packaging python3-uvicorn python3-h11
  # nginx and the libraries its binary links
  nginx nginx-common libssl3t64 libpcre2-8-0 zlib1g libcrypt1
  # the loader and libc for all of the above
  libc6
)
# Taken when the suite has them (pydantic 2.11 and newer need typing-inspection).
OPTIONAL=(python3-typing-inspection)

say() { printf 'realstack: %s\n' "$*"; }
die() {
  printf 'realstack: error: %s\n' "$*" >&2
  exit 1
}

STAMP="$CACHE/installed.stamp"
# The stamp names what was installed: a change to the package list or to this script redoes it.
WANT="$(printf '%s\n' "${PACKAGES[@]}" "${OPTIONAL[@]}" | cat - "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)"
if [[ -z "${REALSTACK_FORCE:-}" && -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" &&
  -x "$CACHE/bin/python" && -x "$CACHE/bin/nginx" && -f "$CACHE/versions.json" ]]; then
  say "already installed in $CACHE"
  cat "$CACHE/versions.json"
  exit 0
fi

started=$SECONDS
command -v apt-get >/dev/null || die "apt-get not found: this script needs a Debian machine"
command -v dpkg >/dev/null || die "dpkg not found"
[[ -r "$KEYRING" ]] || die "$KEYRING not found (package debian-archive-keyring)"

# --- Python 3.13 from pyenv: Debian 13's compiled modules are built for CPython 3.13's ABI.
PYENV_ROOT="${PYENV_ROOT:-$HOME/.pyenv}"
PY=""
for candidate in "${REALSTACK_PYTHON:-}" $(ls -d "$PYENV_ROOT"/versions/3.13*/bin/python3.13 2>/dev/null | sort -V -r); do
  if [[ -n "$candidate" && -x "$candidate" ]]; then
    PY="$candidate"
    break
  fi
done
[[ -n "$PY" ]] || die "no Python 3.13 found under $PYENV_ROOT/versions (pyenv install 3.13, or set REALSTACK_PYTHON)"
say "python: $PY"

# --- The mirror: the host the system's own apt sources use for Debian (read, never written).
mirror_uri() {
  local codename file line
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  local -a uris=()
  # one-line format: deb [options] URI suite components...
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r "$file" ]] || continue
    while read -r line; do
      line="${line%%#*}"
      [[ "$line" =~ ^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+([^[:space:]]+) ]] || continue
      [[ "${BASH_REMATCH[3]}" == "$codename" ]] && uris+=("${BASH_REMATCH[2]}")
    done <"$file"
  done
  # deb822 format: stanzas of URIs: / Suites: lines
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -r "$file" ]] || continue
    uris+=($(awk -v codename="$codename" '
      function flush() { if (suite_ok && uri != "") print uri; uri = ""; suite_ok = 0 }
      /^[[:space:]]*$/ { flush(); next }
      /^[[:space:]]*#/ { next }
      tolower($1) == "uris:" { uri = $2 }
      tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == codename) suite_ok = 1 }
      END { flush() }' "$file"))
  done
  ((${#uris[@]})) && printf '%s\n' "${uris[0]}"
}
MIRROR="${REALSTACK_MIRROR:-$(mirror_uri || true)}"
[[ -n "$MIRROR" ]] || die "found no Debian mirror in /etc/apt/sources.list(.d) (set REALSTACK_MIRROR)"
say "mirror: the one in the system's apt sources, suite $SUITE"

# --- A private apt state: its own sources, lists, archives and an empty dpkg status.
APT="$CACHE/apt"
mkdir -p "$APT/etc/sources.list.d" "$APT/etc/preferences.d" "$APT/state/lists/partial" \
  "$APT/cache/archives/partial" "$CACHE/debs"
printf 'deb [signed-by=%s] %s %s main\n' "$KEYRING" "$MIRROR" "$SUITE" >"$APT/etc/sources.list"
: >"$APT/state/status"
cat >"$APT/apt.conf" <<EOF
// Read after the system's apt.conf.d: points every path at the private state and drops the
// system's hooks, so nothing of the system's apt is used or changed.
Dir::State "$APT/state";
Dir::State::status "$APT/state/status";
Dir::State::extended_states "$APT/state/extended_states";
Dir::Cache "$APT/cache";
Dir::Cache::pkgcache "$APT/cache/pkgcache.bin";
Dir::Cache::srcpkgcache "$APT/cache/srcpkgcache.bin";
Dir::Etc::SourceList "$APT/etc/sources.list";
Dir::Etc::SourceParts "$APT/etc/sources.list.d";
Dir::Etc::Preferences "$APT/etc/preferences";
Dir::Etc::PreferencesParts "$APT/etc/preferences.d";
Dir::Log "$APT/log";
APT::Architecture "amd64";
#clear APT::Architectures;
APT::Architectures { "amd64"; };
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
#clear DPkg::Post-Invoke;
#clear DPkg::Pre-Invoke;
Acquire::Languages "none";
EOF
apt_private() { apt-get -c "$APT/apt.conf" -q "$@"; }

say "updating the private package lists ($SUITE main)"
# apt-get update exits 0 when a source cannot be reached ("W: Failed to fetch"): check the lists.
if ! apt_private update >"$APT/update.log" 2>&1 ||
  grep -qE '^(W|E): .*(Failed to fetch|failed to download)' "$APT/update.log" ||
  ! compgen -G "$APT/state/lists/*_dists_${SUITE}_main_binary-amd64_Packages*" >/dev/null; then
  cat "$APT/update.log" >&2
  die "apt-get update of the private $SUITE lists failed (mirror: $MIRROR)"
fi

for pkg in "${OPTIONAL[@]}"; do
  if apt-cache -c "$APT/apt.conf" show "$pkg" >/dev/null 2>&1; then
    PACKAGES+=("$pkg")
  else
    say "optional package $pkg is not in $SUITE: skipped"
  fi
done

# --- Download: only what is missing, so a re-run after a failure resumes.
uris="$(apt_private download --print-uris "${PACKAGES[@]}" 2>&1)" || {
  printf '%s\n' "$uris" >&2
  die "some packages are not in Debian $SUITE (see above)"
}
debs=()
missing=()
while read -r _url file _rest; do
  debs+=("$file")
  [[ -s "$CACHE/debs/$file" ]] || missing+=("${file%%_*}")
done < <(printf '%s\n' "$uris" | grep "^'")
((${#debs[@]} == ${#PACKAGES[@]})) || die "expected ${#PACKAGES[@]} packages, apt names ${#debs[@]}"
if ((${#missing[@]})); then
  say "downloading ${#missing[@]} packages"
  (cd "$CACHE/debs" && apt_private download "${missing[@]}") >"$APT/download.log" 2>&1 || {
    cat "$APT/download.log" >&2
    die "apt-get download failed"
  }
fi

# --- Unpack into a fresh root (never into the system).
ROOT="$CACHE/root"
rm -rf "$ROOT.new"
mkdir -p "$ROOT.new"
for file in "${debs[@]}"; do
  [[ -s "$CACHE/debs/$file" ]] || die "$file was not downloaded (see $APT/download.log)"
  dpkg -x "$CACHE/debs/$file" "$ROOT.new"
done
rm -rf "$ROOT"
mv "$ROOT.new" "$ROOT"

# --- Wrappers.
LOADER="$ROOT/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
[[ -x "$LOADER" ]] || LOADER="$ROOT/lib64/ld-linux-x86-64.so.2"
[[ -e "$LOADER" ]] || die "Debian $SUITE's loader is missing from $ROOT (package libc6)"
LIBS="$ROOT/usr/lib/x86_64-linux-gnu"
SITE="$ROOT/usr/lib/python3/dist-packages"
mkdir -p "$CACHE/bin"

cat >"$CACHE/bin/python" <<EOF
#!/bin/sh
# pyenv's CPython 3.13 run by Debian $SUITE's loader and libc, importing Debian $SUITE's packages.
# --argv0 makes sys.executable this wrapper, so the processes Python spawns (multiprocessing,
# uvicorn --workers N) come back through the loader too.
PYTHONPATH="$SITE\${PYTHONPATH:+:\$PYTHONPATH}" PYTHONNOUSERSITE=1 \\
  exec "$LOADER" --library-path "$LIBS" --argv0 "$CACHE/bin/python" "$PY" "\$@"
EOF
cat >"$CACHE/bin/gunicorn" <<EOF
#!/bin/sh
exec "$CACHE/bin/python" -m gunicorn "\$@"
EOF
cat >"$CACHE/bin/uvicorn" <<EOF
#!/bin/sh
exec "$CACHE/bin/python" -m uvicorn "\$@"
EOF
cat >"$CACHE/bin/nginx" <<EOF
#!/bin/sh
# Debian $SUITE's nginx run by its own loader and libraries. Always pass -p PREFIX -c CONF, and
# -e stderr (or -e FILE): the compiled-in paths under /var and /run are not used (see README.md).
exec "$LOADER" --library-path "$LIBS" "$ROOT/usr/sbin/nginx" "\$@"
EOF
chmod +x "$CACHE/bin/python" "$CACHE/bin/gunicorn" "$CACHE/bin/uvicorn" "$CACHE/bin/nginx"

# --- Byte-compile once: Debian compiles at install time (py3compile), `dpkg -x` does not, and
# with PYTHONDONTWRITEBYTECODE set every start would recompile (~1 s more per process).
say "byte-compiling the Python packages"
"$CACHE/bin/python" -m compileall -q -j 0 "$SITE" >"$CACHE/compileall.log" 2>&1 ||
  say "warning: some modules did not byte-compile (see $CACHE/compileall.log)"

# --- Check that everything runs, and record the versions.
say "checking the stack"
"$CACHE/bin/python" - "$CACHE/versions.json.new" <<'EOF' || die "the Python packages do not import (see above)"
import json, ssl, sys
import flask, werkzeug, django, fastapi, starlette, pydantic, pydantic_core, gunicorn, uvicorn
import marshmallow, h11, anyio, jinja2, asgiref, sqlparse, corsheaders, email_validator
from importlib.metadata import version
v = {
    'python': sys.version.split()[0],
    'openssl': ssl.OPENSSL_VERSION,
    'flask': version('flask'),
    'werkzeug': version('werkzeug'),
    'jinja2': version('jinja2'),
    'marshmallow': version('marshmallow'),
    'django': django.get_version(),
    'asgiref': version('asgiref'),
    'fastapi': fastapi.__version__,
    'starlette': starlette.__version__,
    'pydantic': pydantic.VERSION,
    'pydantic_core': pydantic_core.__version__,
    'anyio': version('anyio'),
    'h11': h11.__version__,
    'gunicorn': gunicorn.__version__,
    'uvicorn': uvicorn.__version__,
    'itsdangerous': version('itsdangerous'),
    'django-cors-headers': version('django-cors-headers'),
    'email-validator': version('email-validator'),
}
# pydantic's compiled core really loads and validates
class M(pydantic.BaseModel):
    n: int
assert M(n='3').n == 3
class E(pydantic.BaseModel):
    email: pydantic.EmailStr
assert E(email='ada@example.com').email == 'ada@example.com'
with open(sys.argv[1], 'w') as out:
    json.dump(v, out, indent=2)
EOF
nginx_v="$("$CACHE/bin/nginx" -v 2>&1)" || die "nginx does not run: $nginx_v"
nginx_version="${nginx_v##*nginx/}"
"$CACHE/bin/python" - "$CACHE/versions.json.new" "$nginx_version" "$SUITE" <<'EOF'
import json, sys
path, nginx, suite = sys.argv[1:]
with open(path) as f:
    v = json.load(f)
v['nginx'] = nginx
v['debian_suite'] = suite
with open(path, 'w') as f:
    json.dump(v, f, indent=2)
    f.write('\n')
EOF
mv "$CACHE/versions.json.new" "$CACHE/versions.json"
rm -f "$APT"/cache/*.bin # apt's binary caches: ~80 MB, rebuilt from the lists when needed
printf '%s\n' "$WANT" >"$STAMP"
say "installed in $CACHE in $((SECONDS - started)) s ($(du -sh "$CACHE" | cut -f1))"
cat "$CACHE/versions.json"
