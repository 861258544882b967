#!/usr/bin/env bash
# `make audit`: Lighthouse's SEO and accessibility scores of the demo bundle's pages, as a search
# engine and a browser see them when served. On a database of its own (var/audit/), it loads the
# demo (seed_demo), approves the demo copy that waits in review where the checks allow it (as the
# demo reviewer, so more than one market is audited), serves a folder
# on a free localhost port, exports the bundle with that address as its base URL (so canonical and
# hreflang resolve), unzips it there and runs Lighthouse on every page in Debian's Chromium.
# Fails when a page scores under SEO 100 or accessibility 95.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
SEO_TARGET=100
ACCESSIBILITY_TARGET=95

bash scripts/ensure-validators.sh
bash scripts/ensure-chromium.sh

work=var/audit
rm -rf "$work"
mkdir -p "$work/site" "$work/reports"
export DATABASE_URL="sqlite:///$PWD/$work/glocal.sqlite3"
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-glocal-audit-only}
export CELERY_TASK_ALWAYS_EAGER=true
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

quietly() { "$@" >>"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; exit 1; }; }
quietly $PY manage.py migrate --noinput
quietly $PY manage.py seed_demo
# The demo copy that waits in review, approved by the demo reviewer where the checks allow it; copy
# the checks stop (the demo's Arabic copy names a date Saudi Arabia does not keep) stays out, as it
# would in real life.
$PY manage.py shell --no-imports 2>>"$work/setup.log" <<'PYCODE' || { cat "$work/setup.log" >&2; exit 1; }
from django.contrib.auth import get_user_model
from localization import quality, review
from localization.models import CopyVariant, State

reviewer = get_user_model().objects.get(username="reviewer")
for variant in CopyVariant.objects.filter(campaign__slug="valentines-2027", state=State.IN_REVIEW).select_related("campaign", "market"):
    warnings = quality.warnings(quality.findings_for(variant))
    try:
        review.approve(variant=variant, user=reviewer, acknowledged=[finding["key"] for finding in warnings])
        print(f"Approved the demo copy of {variant.market.code} ({variant.locale}) for the audit.")
    except review.ChecksBlockApproval as refusal:
        print(f"Left in review: {' '.join(refusal.messages)}")
PYCODE

# A server of our own on a free port (the kernel picks it; the server says which).
$PY -u -m http.server 0 --bind 127.0.0.1 --directory "$work/site" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 50); do
  port=$(sed -n 's/.* port \([0-9][0-9]*\) .*/\1/p' "$work/server.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "The local server did not start: $(cat "$work/server.log")" >&2; exit 1; }
base_url="http://127.0.0.1:$port/"

$PY manage.py export_bundle valentines-2027 --out "$work/demo.zip" --base-url "$base_url"
$PY -m zipfile -e "$work/demo.zip" "$work/site"

flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage"
status=0
echo "Lighthouse (SEO target $SEO_TARGET, accessibility target >= $ACCESSIBILITY_TARGET), bundle served at $base_url:"
for page in "$work"/site/*/index.html; do
  folder=$(basename "$(dirname "$page")")
  [ "$folder" = assets ] && continue
  report="$work/reports/$folder.json"
  node_modules/.bin/lighthouse "$base_url$folder/" --quiet --chrome-path=/usr/bin/chromium --chrome-flags="$flags" \
    --only-categories=seo,accessibility --output=json --output-path="$report" || { echo "  $folder: Lighthouse failed"; status=1; continue; }
  $PY - "$report" "$folder" "$SEO_TARGET" "$ACCESSIBILITY_TARGET" <<'PYCODE' || status=1
import json, sys

report, folder, seo_target, accessibility_target = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = json.load(open(report, encoding="utf-8"))
scores = {name: round((category["score"] or 0) * 100) for name, category in data["categories"].items()}
print(f"  {folder}: SEO {scores['seo']}, accessibility {scores['accessibility']}")
for name, category in data["categories"].items():
    for ref in category["auditRefs"]:
        audit = data["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"    {name}: {audit['id']}: {audit['title']}")
sys.exit(0 if scores["seo"] >= seo_target and scores["accessibility"] >= accessibility_target else 1)
PYCODE
done
echo "Reports: $work/reports/"
[ $status = 0 ] && echo "audit targets met" || echo "AUDIT TARGETS MISSED"
exit $status
