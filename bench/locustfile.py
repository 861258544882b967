"""The people of bench/load.py, for locust: copywriters, cultural reviewers and a campaign manager in the admin.

Each logs in through /admin/login/ with the password bench/load.py gave them (BENCH_PASSWORD), then works:
- a copywriter opens the copy-variant list (sometimes filtered by a market), opens a variant of the bench's
  campaigns, types (the live check runs on what is typed, one to three times), and saves with the version the
  page showed; now and then saves and submits for review. An accepted save is a redirect and goes into the
  ledger; a refused one (another person saved first, or the copy went into review meanwhile) is counted;
- a reviewer opens the list (all, or what waits for review), variant pages and their landing preview, and
  sends copy in review back with a note;
- the manager asks for the demo campaign's bundle and follows its page until the export is done.

Each request is named by page, so locust's statistics are per page. At the end the ledger and the counts go to
BENCH_LEDGER (JSON) for bench/load.py to check against the database.
"""
import itertools
import json
import os
import random
import re
import time
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "")
EXPORT_CAMPAIGN_ID = os.environ.get("BENCH_EXPORT_CAMPAIGN", "")
MARKET_IDS = [value for value in os.environ.get("BENCH_MARKET_IDS", "").split(",") if value]
VARIANTS = "/admin/localization/copyvariant/"
CHANGE_LINK = re.compile(r'href="/admin/localization/copyvariant/(\d+)/change/')
BENCH_CAMPAIGN = re.compile(r"Bench campaign \d\d")
CONCURRENT_EDIT = "Your change was not saved"
COPY_FIELDS = ["headline", "subheadline", "body", "call_to_action", "seo_title", "seo_description"]

logins = {"copywriter": itertools.count(), "reviewer": itertools.count()}
saves = itertools.count(1)
ledger = {"accepted": [], "refused_concurrent": 0, "refused_other": [], "server_errors": [], "failures": [], "exports": [], "decisions": 0}


class FormFields(HTMLParser):
    """The values a browser would post from the page's form with the given id (text inputs, hidden inputs, checked
    boxes, text areas and selected options; not the submit buttons)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea, self.select = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside and attrs.get("form") != self.form_id:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("submit", "button", "image", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append([name, attrs.get("value", "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_fields(html, form_id):
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def csrf_token(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


@events.request.add_listener
def _count_server_errors(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    if status >= 500:
        ledger["server_errors"].append({"page": name, "status": status})
    if exception is not None:
        ledger["failures"].append({"page": name, "status": status, "why": str(exception)[:300]})


def page_stats(entry, name):
    return {"name": name, "requests": entry.num_requests, "failures": entry.num_failures, "rps": entry.total_rps,
            "max": entry.max_response_time or 0,
            **{key: entry.get_response_time_percentile(share) if entry.num_requests else 0
               for key, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))}}


@events.quitting.add_listener
def _write_ledger(environment, **kwargs):
    """Once every person has stopped (their last requests included, which locust's CSV files can miss)."""
    path = os.environ.get("BENCH_LEDGER")
    if path:
        stats = environment.runner.stats if environment.runner else environment.stats
        ledger["pages"] = [page_stats(entry, entry.name) for entry in sorted(stats.entries.values(), key=lambda entry: entry.name)]
        ledger["total"] = page_stats(stats.total, "all pages")
        with open(path, "w", encoding="utf-8") as out:
            json.dump(ledger, out)


class Person(HttpUser):
    abstract = True
    role = ""

    def on_start(self):
        self.username = f"{self.role}{next(logins[self.role]):02d}" if self.role != "manager" else "bench-manager"
        page = self.client.get("/admin/login/", name="login page")
        with self.client.post(
            "/admin/login/", name="log in", allow_redirects=False, catch_response=True,
            data={"username": self.username, "password": PASSWORD, "next": "/admin/", "csrfmiddlewaretoken": csrf_token(page.text)},
        ) as response:
            if response.status_code != 302:
                response.failure(f"{self.username} could not log in ({response.status_code})")
                raise RuntimeError(f"{self.username} could not log in")

    def post(self, url, data, name, page_html):
        return self.client.post(url, data=data, name=name, allow_redirects=False, catch_response=True,
                                headers={"X-CSRFToken": csrf_token(page_html), "Referer": self.host + url})

    def variant_list(self):
        query = random.choice(["", f"?market__id__exact={random.choice(MARKET_IDS)}" if MARKET_IDS else "", "?q=Bench+campaign"])
        page = self.client.get(VARIANTS + query, name="copy variants: list")
        return page

    def bench_variant_ids(self, html):
        """Variants of the bench's own campaigns on a list page (the demo campaign is the manager's export)."""
        ids = []
        for row in html.split("<tr")[1:]:
            found = CHANGE_LINK.search(row)
            if found and BENCH_CAMPAIGN.search(row):
                ids.append(found.group(1))
        return ids

    def open_variant(self, variant_id):
        return self.client.get(f"{VARIANTS}{variant_id}/change/", name="copy variant: page")


class Copywriter(Person):
    role = "copywriter"
    fixed_count = 25
    wait_time = between(2, 6)

    @task(2)
    def work_the_list(self):
        self.variant_list()

    @task(1)
    def front_page(self):
        self.client.get("/admin/", name="board")

    @task(6)
    def edit_copy(self, submit=False):
        ids = self.bench_variant_ids(self.client.get(VARIANTS + "?q=Bench+campaign", name="copy variants: list").text)
        if not ids:
            return
        variant_id = random.choice(ids)
        page = self.open_variant(variant_id).text
        fields = dict(form_fields(page, "copyvariant_form"))
        if "headline" not in fields or "expected_version" not in fields:
            return  # read-only for this person now (in review): nothing to type into
        typed = f"Gifts that arrive in time · {self.username} {next(saves)}"  # each save's text its own
        # A draft nobody wrote yet gets a body too: copy is submitted only with a headline and a body.
        changes = {"headline": typed, **({} if fields.get("body", "").strip() else {"body": "Find the gift that says it best."})}
        for _ in range(random.randint(1, 3)):  # the page checks the copy as it is typed
            time.sleep(random.uniform(0.3, 1.0))
            live = {name: fields.get(name, "") for name in COPY_FIELDS} | changes
            with self.post(f"{VARIANTS}{variant_id}/check/", live, "copy variant: live check", page) as response:
                if response.status_code == 200 and "findings" in response.text:
                    response.success()
                else:
                    response.failure(f"live check answered {response.status_code}")
        posted = [[name, value] for name, value in form_fields(page, "copyvariant_form")
                  if name not in ("seen_version", "review_note", "acknowledge")]
        posted = [[name, changes.get(name, value)] for name, value in posted]
        posted.append(["_submit_for_review" if submit else "_continue", "1"])
        expected = int(fields["expected_version"])
        with self.post(f"{VARIANTS}{variant_id}/change/", posted, "copy variant: save", page) as response:
            if response.status_code == 302:
                ledger["accepted"].append({"variant": int(variant_id), "expected_version": expected, "headline": typed,
                                           "by": self.username, "submitted": submit})
                response.success()
            elif response.status_code == 200 and CONCURRENT_EDIT in response.text:
                ledger["refused_concurrent"] += 1  # someone saved first: told, nothing overwritten
                response.success()
            elif response.status_code == 200 and 'class="errornote"' in response.text:
                found = re.search(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', response.text, re.S)
                ledger["refused_other"].append(found.group(1)[:200] if found else "a form error")
                response.success()  # a refusal that says why (the copy went into review meanwhile)
            elif response.status_code == 403:
                # Another copywriter submitted it while this one typed: the copy in review is nobody's to edit now, and
                # the admin refuses the whole page (nothing saved; a message would serve the person better than 403).
                ledger["refused_other"].append("403: the copy went into review meanwhile")
                response.success()
            else:
                response.failure(f"save answered {response.status_code}")

    @task(1)
    def edit_and_submit(self):
        self.edit_copy(submit=True)


class Reviewer(Person):
    role = "reviewer"
    fixed_count = 25
    wait_time = between(2, 6)

    @task(3)
    def work_the_list(self):
        self.variant_list()

    @task(2)
    def waiting_for_review(self):
        self.client.get(VARIANTS + "?state__exact=in_review", name="copy variants: list")

    @task(4)
    def read_variant(self):
        ids = self.bench_variant_ids(self.client.get(VARIANTS + "?q=Bench+campaign", name="copy variants: list").text)
        if ids:
            variant_id = random.choice(ids)
            self.open_variant(variant_id)
            if random.random() < 0.3:
                self.client.get(f"{VARIANTS}{variant_id}/landing-preview/", name="copy variant: landing preview")

    @task(2)
    def send_back(self):
        listing = self.client.get(VARIANTS + "?state__exact=in_review&q=Bench+campaign", name="copy variants: list").text
        ids = self.bench_variant_ids(listing)
        if not ids:
            return
        variant_id = random.choice(ids)
        page = self.open_variant(variant_id).text
        seen = re.search(r'name="seen_version" value="(\d+)"', page)
        if not seen:
            return  # not this reviewer's to decide
        data = {"seen_version": seen.group(1), "review_note": f"Please make the headline warmer ({self.username})."}
        with self.post(f"{VARIANTS}{variant_id}/request-changes/", data, "copy variant: request changes", page) as response:
            if response.status_code == 302:
                ledger["decisions"] += 1
                response.success()
            else:
                response.failure(f"request changes answered {response.status_code}")


class Manager(Person):
    role = "manager"
    fixed_count = 1
    wait_time = between(5, 10)

    @task
    def export(self):
        add = "/admin/localization/bundleexport/add/"
        page = self.client.get(add, name="export: form").text
        data = {"campaign": EXPORT_CAMPAIGN_ID, "market_codes": "", "base_url": "https://landing.example", "_continue": "1"}
        started = time.perf_counter()
        with self.post(add, data, "export: request", page) as response:
            if response.status_code != 302:
                response.failure(f"export request answered {response.status_code}")
                return
            response.success()
            follow = response.headers["Location"]
        while True:  # the export's page reloads itself every few seconds while it runs (its Refresh header)
            shown = self.client.get(follow, name="export: page")
            if "Refresh" not in shown.headers or time.perf_counter() - started > 120:
                break
            time.sleep(float(shown.headers["Refresh"]))
        seconds = time.perf_counter() - started
        ledger["exports"].append({"page": follow, "seconds": seconds})
        events.request.fire(request_type="EXPORT", name="export: asked to done", response_time=seconds * 1000,
                            response_length=0, exception=None, context={})
        self.client.get("/admin/localization/campaign/", name="campaigns: list")
