"""The issue's whole journey in a real headless Chromium, at a phone and a desktop viewport: a
new runner signs up, sets up (kit by icon, a goal race, the running week), enters a rep test
by the protocol, sees the week, moves a session and reads the rules' answer, takes the
planner's suggestion, swaps an exercise at the gym and logs the sets, and finds the session on
the progress chart. No help from the API: everything is clicked."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from runlift.services import local_today
from tests.e2e.conftest import SHOTS, VIEWPORTS, no_sideways_scroll, sign_up


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_sign_up_to_a_planned_logged_week_with_a_chart_of_it(server, browser, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    sign_up(page, server, f"journey-{viewport}@example.com")

    # Set up: kit by its icon, a goal race, the typical week.
    page.fill("input[name=name]", "Jo")
    page.select_option("select[name=experience]", "intermediate")
    for item in ("dumbbells", "kettlebell", "barbell", "rack", "bench"):
        chip = page.locator("label.kit", has=page.locator(f"input[value={item}]"))
        assert chip.locator("svg.icon").count() == 1
        chip.click()
    race_day = local_today() + timedelta(weeks=14)
    page.fill("input[name=race_date]", race_day.isoformat())
    page.fill("input[name=race_km]", "21.1")
    for day, run in {"tue": "intervals", "wed": "easy", "thu": "tempo", "sun": "long"}.items():
        page.select_option(f"select[name=run_{day}]", run)
    page.fill("input[name=minutes_sun]", "100")
    no_sideways_scroll(page, viewport)
    page.click("text=Plan my strength week")

    # Rep tests, by the protocol for an intermediate.
    page.wait_for_url("**/tests?welcome=true")
    assert "3-5 rep test" in page.locator("section.card h2").first.inner_text()
    first_lift = page.locator("fieldset.testrow").first
    lift_name = first_lift.locator("legend").inner_text()
    first_lift.locator("input[name^=load_]").fill("60")
    first_lift.locator("input[name^=reps_]").fill("5")
    first_lift.locator("input[name^=rir_]").fill("1")  # stopped with one left
    assert "Reps left" in first_lift.inner_text()
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(SHOTS / f"tests-{viewport}.png"), full_page=True)
    page.click("text=Save the tests")
    page.wait_for_url("**/week?**")
    assert f"Saved 1 test(s): {lift_name}" in page.locator(".notice").inner_text()
    assert "your season to" in page.locator(".source").inner_text()

    # The week: a heavy session moved to the day before the tempo run is refused, with why.
    days = page.locator("li.day")
    assert days.count() == 7
    heavy = page.locator(".session.heavy").first
    heavy_day = page.locator("li.day", has=heavy).first
    origin = heavy_day.get_attribute("data-date")
    move = heavy.locator("form.move")
    move.locator("select[name=on]").select_option(index=2)  # Wednesday: the day before tempo
    move.locator("button").click()
    answer = heavy.locator(".answer")
    answer.locator(".verdict").first.wait_for()
    assert "why not" in answer.inner_text()
    assert "no-heavy-before-quality" in answer.inner_text()
    assert "cannot be kept" in answer.inner_text()
    no_sideways_scroll(page, viewport)

    # The planner's suggestion is taken and kept.
    suggested = answer.locator(".verdict.suggestion")
    assert "fine by every rule" in suggested.inner_text()
    suggested.locator("text=Use the suggestion").click()
    page.wait_for_url("**/week?**")
    assert "Kept: heavy on" in page.locator(".notice").inner_text()
    assert "as you changed it" in page.locator(".source").inner_text()
    page.locator("text=Back to the planner's week").wait_for()

    # At the gym: swap an exercise, tick two sets, save.
    kept_day = page.locator("li.day", has=page.locator(".session.heavy")).first
    on = kept_day.get_attribute("data-date")
    assert origin is not None and on is not None
    kept_day.locator(".session.heavy >> text=Open the gym card").first.click()
    page.wait_for_url("**/session?**")
    card = page.locator("section.gym").first
    planned_name = card.locator("h2").inner_text()
    swap = card.locator("select[name=to]")
    options = swap.locator("option:not([disabled])")
    assert options.count() >= 1
    new_name = options.first.inner_text()
    swap.select_option(index=1)
    swapped = page.locator("section.gym", has_text=f"In place of {planned_name}")
    swapped.wait_for()
    assert new_name in swapped.locator("h2").inner_text()
    swapped.locator("input[type=checkbox]").nth(0).check()
    swapped.locator("input[type=checkbox]").nth(1).check()
    loads = swapped.locator("input[name^=load_]")
    if not loads.nth(0).input_value():  # a body-weight rung: no load to keep
        loads.nth(0).fill("20")
        loads.nth(1).fill("20")
    no_sideways_scroll(page, viewport)
    page.click("text=Save the session")
    page.wait_for_url("**/week?**")
    assert "Saved 2 set(s)" in page.locator(".notice").inner_text()
    page.screenshot(path=str(SHOTS / f"journey-week-{viewport}.png"), full_page=True)

    # Progress: the logged session is a point on the e1RM chart.
    page.click("nav >> text=Progress")
    page.wait_for_url("**/progress")
    data = json.loads(page.locator("#progress-data").inner_text())
    points = {(p["date"], lift["name"]) for lift in data["lifts"] for p in lift["e1rm"]}
    assert (on, new_name) in points or any(d == on for d, _ in points)
    page.locator("#chart-e1rm canvas").first.wait_for()
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(SHOTS / f"journey-progress-{viewport}.png"), full_page=True)
    page.close()
