"""Issue 5's walk-through in a real headless Chromium, clicked like a runner would: a new
runner uploads their Strava export and their coach's ICS plan, sees the imported week planned
with strength work and their running on the progress page, and downloads a session in the
watch's file format."""

from __future__ import annotations

import json
from pathlib import Path

from runlift.io.fit import decode
from tests.e2e.conftest import SHOTS, VIEWPORTS, sign_up

DATA = Path(__file__).resolve().parents[1] / "data"


def test_an_export_and_a_coachs_plan_become_a_planned_week_and_a_watch_file(server, browser):
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    sign_up(page, server, "imports@example.com")
    for item in ("dumbbells", "kettlebell", "barbell", "rack", "bench"):
        page.check(f"input[name=equipment][value={item}]")
    for day, run in {"tue": "intervals", "thu": "tempo", "sun": "long"}.items():
        page.select_option(f"select[name=run_{day}]", run)
    page.click("text=Plan my strength week")
    page.wait_for_url("**/tests?welcome=true")
    page.click("text=Skip for now")
    page.wait_for_url("**/athletes/*/week")

    # The watch: a Strava bulk export.
    page.click("text=Import recorded runs")
    page.wait_for_url("**/activities")
    page.set_input_files("input[name=file]", str(DATA / "activities" / "strava-export.zip"))
    page.evaluate(  # what the progress bar said, as it said it
        """() => { window.said = [];
        const text = document.getElementById('import-progress-text');
        new MutationObserver(() => window.said.push(text.textContent))
          .observe(text, {childList: true, characterData: true, subtree: true}); }"""
    )
    page.click("button:has-text('Import')")
    result = page.locator("#import-result")
    result.wait_for()
    said = page.evaluate("window.said")
    assert any(line.startswith("Uploading:") for line in said), said
    assert "Reading your files: 0 of 4" in said, said
    assert any(line.startswith("Read all 4 files.") for line in said), said
    counts = result.locator(".counts").inner_text()
    assert "3 imported" in counts and "1 skipped" in counts  # the ride is not a run
    assert "intervals" in result.locator("table.runs").inner_text()  # typed from its laps

    # The coach's plan: an ICS file, read, then planned and saved.
    athlete = page.url.split("/athletes/")[1].split("/")[0]
    page.goto(f"{server}/athletes/{athlete}/import")
    page.set_input_files("input[name=file]", str(DATA / "plans" / "trainingpeaks-like.ics"))
    page.click("text=Read the plan")
    page.locator("text=Plan and save").wait_for()
    assert "6x800m" in page.locator("main").inner_text()
    page.click("text=Plan and save")  # too soon: one event is unknown
    assert "not saved" in page.locator(".error").inner_text()
    unknown = page.locator("li.event.asks", has_text="Session with Sam")  # shown again
    assert "unknown" in unknown.inner_text()  # never planned on a guess: the runner says
    unknown.locator("select").select_option("skip")
    page.click("text=Plan and save")
    page.wait_for_url("**/week?**")
    assert "as you changed it" in page.locator(".source").inner_text()
    assert page.locator(".run", has_text="intervals").count() >= 1
    assert page.locator(".session.heavy").count() >= 1
    page.screenshot(path=str(SHOTS / "data-week-desktop.png"), full_page=True)

    # The running shows on the progress page.
    page.goto(f"{server}/athletes/{athlete}/progress")
    data = json.loads(page.locator("#progress-data").inner_text())
    assert any(w["run_km"] > 0 for w in data["weeks"])
    watch = page.locator("#stream")  # critical speed and drift from the imported files
    assert "critical speed" in watch.inner_text()
    assert any(w["critical_speed_m_s"] for w in data["weeks"]), data["weeks"]
    assert page.locator("#chart-stream canvas").count() == 1
    watch.screenshot(path=str(SHOTS / "data-watch-signals.png"))

    # A strength session in the watch's format.
    page.goto(page.url.replace("/progress", "/week") + "?on=2026-12-08")
    session = page.locator(".session.heavy").first
    session.locator("text=Open the gym card").click()
    page.wait_for_url("**/session?**")
    with page.expect_download() as download:
        page.click("text=Download for your watch")
    path = download.value.path()
    assert path is not None
    watch = decode(Path(path).read_bytes())
    assert watch.file_id.type == 5  # a workout file
    page.close()
