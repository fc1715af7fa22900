"""Lighthouse, mobile profile, on five public pages served with production settings.

Collects the static files as production does, starts gunicorn on 127.0.0.1 with
DJANGO_ENV=production against the benchmark's throwaway database loaded with the
demo content, and runs Lighthouse (the pinned npm package, in Debian's Chromium,
offline) on the home page, the survey start, the route map, the case-study
library and the demo findings release. Prints each page's performance score and
cumulative layout shift against the targets (at least 98, under 0.02), and the
elements Lighthouse saw shift; and, from the same run, its SEO score with the
robots.txt and crawlable audits and any other SEO audit that fails. Plain HTTP
on loopback, so SECURE_SSL_REDIRECT is off for this server only.

Lighthouse's score varies by a point or two from run to run on a busy machine;
BENCH_LIGHTHOUSE_RUNS (default 1) runs each page more times and prints the median;
BENCH_LIGHTHOUSE_REPORTS names a folder to keep each run's full JSON report in;
BENCH_LIGHTHOUSE_PAGES (say "route map,findings release") measures only those.
"""

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench.bench_survey import _database_url, _free_port
from bench.servers import BASE_DIR, BIN, gunicorn_start
from casestudies.demo import seed_demo as casestudies_seed
from findings.demo import BASELINE_SLUG
from findings.demo import seed_demo as findings_seed
from roadmap.demo import seed_demo as roadmap_seed
from survey.demo import seed_demo as survey_seed

PAGES = {
    "home page": "/",
    "survey start": "/survey/",
    "route map": "/roadmap/journey/",
    "case-study library": "/case-studies/",
    "findings release": f"/findings/{BASELINE_SLUG}/",
}
RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "1"))
REPORTS = os.environ.get("BENCH_LIGHTHOUSE_REPORTS", "")
ONLY = [n for n in os.environ.get("BENCH_LIGHTHOUSE_PAGES", "").split(",") if n]
PERFORMANCE_TARGET = 98
LAYOUT_SHIFT_TARGET = 0.02
SEO_TARGET = 100
# The SEO audits the bench names on every page, whatever their result.
SEO_AUDITS = ("robots-txt", "is-crawlable")
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
SECRET_KEY = "bench-lighthouse-only-" + "p7Lq2" * 10


def _production_env(port: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "tilondon.settings",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": "consolemail://",
        "ALLOW_CONSOLE_EMAIL_IN_PRODUCTION": "true",
        "DATABASE_URL": _database_url(),
        # Loopback over plain HTTP: nothing to redirect to.
        "SECURE_SSL_REDIRECT": "false",
    }
    for name in ("DEBUG", "DJANGO_DEBUG"):
        env.pop(name, None)
    return env


def _lighthouse(url: str, attempts: int = 3) -> dict:
    """One Lighthouse run of the performance and SEO categories, mobile profile.

    One run serves both: the SEO gatherers (robots.txt among them) run after the
    page has loaded, so they do not move the performance figures.

    Chromium under load now and then fails to start or to answer Lighthouse in
    time; such a run is tried again, and the last error shown.
    """
    for attempt in range(1, attempts + 1):
        with tempfile.TemporaryDirectory() as profile:
            done = subprocess.run(
                [
                    str(LIGHTHOUSE),
                    url,
                    "--only-categories=performance,seo",
                    "--output=json",
                    "--quiet",
                    f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}",
                ],
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
        if done.returncode == 0 and done.stdout.strip():
            break
        if attempt == attempts:
            raise RuntimeError(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    if REPORTS:
        name = url.split("/", 3)[-1].strip("/").replace("/", "-") or "home"
        Path(REPORTS).mkdir(parents=True, exist_ok=True)
        runs = len(list(Path(REPORTS).glob(f"{name}.*.json")))
        (Path(REPORTS) / f"{name}.{runs + 1}.json").write_text(done.stdout)
    result = json.loads(done.stdout)
    audits = result["audits"]
    shifted = audits.get("layout-shift-elements") or audits.get("layout-shifts") or {}
    items = (shifted.get("details") or {}).get("items", [])
    seo = result["categories"]["seo"]
    seo_audits = {ref["id"]: audits[ref["id"]] for ref in seo["auditRefs"]}
    return {
        "score": result["categories"]["performance"]["score"] * 100,
        "seo": seo["score"] * 100,
        # Named audits always; any other only when it fails (score 0 of 1).
        "seo_audits": {
            name: _audit_result(audit)
            for name, audit in seo_audits.items()
            if name in SEO_AUDITS or audit.get("score") == 0
        },
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "shifted": [
            (item.get("node") or {}).get("selector", "?")
            for item in items
            if isinstance(item, dict)
        ],
    }


def _audit_result(audit: dict) -> str:
    """ "passed", "FAILED" or "not applicable", with Lighthouse's reason if any."""
    if audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative"):
        return audit["scoreDisplayMode"]
    verdict = "passed" if audit.get("score") == 1 else "FAILED"
    reason = audit.get("explanation") or audit.get("displayValue") or ""
    return f"{verdict} ({reason})" if reason else verdict


def _report_page(report, page: str, path: str, runs: list[dict]) -> None:
    score = statistics.median(r["score"] for r in runs)
    cls = statistics.median(r["cls"] for r in runs)
    report.figure(
        f"{page} {path}: performance (target >= {PERFORMANCE_TARGET})", score, "points"
    )
    # report.figure rounds to 2 places; the target needs the third.
    report.figure(f"{page} {path}: layout shift x 1000", cls * 1000, "")
    verdict = "meets" if score >= PERFORMANCE_TARGET else "MISSES"
    verdict += " / " + ("meets" if cls < LAYOUT_SHIFT_TARGET else "MISSES")
    print(
        f"    CLS {cls:.3f} (target < {LAYOUT_SHIFT_TARGET}); "
        f"largest contentful paint {statistics.median(r['lcp'] for r in runs):,.0f} ms"
        f"; {verdict} the targets"
    )
    shifted = sorted({s for r in runs for s in r["shifted"]})
    if shifted:
        print(f"    shifted: {', '.join(shifted)}")
    seo = statistics.median(r["seo"] for r in runs)
    report.figure(f"{page} {path}: SEO (target {SEO_TARGET})", seo, "points")
    audits = {}
    for r in runs:
        for name, result in r["seo_audits"].items():
            audits.setdefault(name, set()).add(result)
    for name, results in sorted(audits.items()):
        print(f"    SEO audit {name}: {'; '.join(sorted(results))}")


def run(report):
    """Print each page's Lighthouse performance and SEO scores and layout shift."""
    if not LIGHTHOUSE.exists() or not shutil.which(CHROMIUM):
        print("bench_lighthouse needs `npm install` and Chromium (make browser).")
        return
    survey_seed()
    roadmap_seed()
    casestudies_seed()
    findings_seed()
    port = _free_port()
    env = _production_env(port)
    # Production serves the files collectstatic wrote, compressed and hashed.
    subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    server = gunicorn_start(
        port, env, threads=4, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        report.heading(
            "Lighthouse, mobile profile, gunicorn with production settings "
            f"on 127.0.0.1 (median of {RUNS} run{'s' if RUNS > 1 else ''})"
        )
        for page, path in PAGES.items():
            if ONLY and page not in ONLY:
                continue
            url = f"http://127.0.0.1:{port}{path}"
            _report_page(report, page, path, [_lighthouse(url) for _ in range(RUNS)])
    finally:
        server.terminate()
        server.wait(timeout=30)
