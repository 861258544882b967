#!/usr/bin/env bash
# `make screenshots`: the demo's German, Japanese and Arabic landing pages as shoppers see them, at a
# desktop's width (1280 px) and a phone's (390 px), drawn by Debian's Chromium with the Noto and
# WenQuanYi fonts, into docs/screenshots/. On a database of its own (var/screenshots/): it loads the
# demo, has the demo copywriter mend the German copy the reviewer sent back and submit the Japanese
# and Arabic copy, has the demo reviewer approve them, and exports the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

bash scripts/ensure-chromium.sh

work=var/screenshots
rm -rf "$work"
mkdir -p "$work/site" docs/screenshots
export DATABASE_URL="sqlite:///$PWD/$work/glocal.sqlite3"
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-glocal-screenshots-only}
export CELERY_TASK_ALWAYS_EAGER=true
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export MEDIA_ROOT="$PWD/$work/media"

quietly() { "$@" >>"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; exit 1; }; }
quietly $PY manage.py migrate --noinput
quietly $PY manage.py seed_demo
$PY manage.py shell --no-imports 2>>"$work/setup.log" <<'PYCODE' || { cat "$work/setup.log" >&2; exit 1; }
from django.contrib.auth import get_user_model
from localization import quality, review
from localization.models import CopyVariant

User = get_user_model()
copywriter, reviewer = User.objects.get(username="copywriter"), User.objects.get(username="reviewer")
variants = {v.market.code: v for v in CopyVariant.objects.filter(campaign__slug="valentines-2027").select_related("campaign", "market")}
germany = variants["DE"]
review.save_copy(variant=germany, user=copywriter, expected_version=germany.version,
                 headline="Zum Valentinstag: Liebe steckt im Detail", seo_title="Valentinstagsgeschenke, die rechtzeitig ankommen")
for code in ("DE", "JP"):
    review.submit(variant=CopyVariant.objects.get(pk=variants[code].pk), user=copywriter)
for code in ("DE", "JP", "SA"):
    variant = CopyVariant.objects.select_related("campaign", "market").get(pk=variants[code].pk)
    warnings = quality.warnings(quality.findings_for(variant))
    review.approve(variant=variant, user=reviewer, acknowledged=[finding["key"] for finding in warnings])
    print(f"Approved {code} ({variant.locale}) for the screenshots.")
PYCODE
$PY manage.py export_bundle valentines-2027 --out "$work/demo.zip" --base-url "https://landing.lumen-gifts.example/valentines-2027/" >/dev/null
$PY -m zipfile -e "$work/demo.zip" "$work/site"

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars"
for folder in de-de ja-jp ar-sa; do
  for size in 1280,2600 390,4200; do
    width=${size%,*}
    out="docs/screenshots/$folder-$width.png"
    chromium $flags --user-data-dir="$(mktemp -d)" --window-size="$size" --screenshot="$PWD/$out" "file://$PWD/$work/site/$folder/index.html" 2>/dev/null
    echo "$out"
  done
done
