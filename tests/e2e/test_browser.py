"""A new runner in a real headless Chromium, at a phone and a desktop viewport: sign up, set
up the running week and kit, and read the planned week with its reasons."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import SHOTS, VIEWPORTS, sign_up


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_new_runner_signs_up_sets_up_and_sees_a_planned_week(server, browser, viewport, tmp_path):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    page.goto(server + "/")
    assert page.url.endswith("/signin")
    page.click("text=Create an account")
    page.fill("input[name=email]", f"{viewport}@example.com")
    page.fill("input[name=password]", "a long enough password")
    page.click("button[type=submit]")
    page.wait_for_url("**/onboarding")
    page.fill("input[name=name]", "Alex")
    page.select_option("select[name=experience]", "intermediate")
    page.select_option("select[name=phase]", "build")
    for item in ("dumbbells", "kettlebell", "barbell", "rack", "bench"):
        page.check(f"input[name=equipment][value={item}]")
    week = {
        "tue": "hills",
        "wed": "easy",
        "thu": "threshold",
        "fri": "easy",
        "sat": "easy",
        "sun": "progression",
    }
    for day, run in week.items():
        page.select_option(f"select[name=run_{day}]", run)
    page.fill("input[name=minutes_sun]", "110")
    page.click("text=Plan my strength week")
    page.wait_for_url("**/athletes/*/tests?welcome=true")
    page.click("text=Skip for now")
    page.wait_for_url("**/athletes/*/week")
    days = page.locator("li.day")
    assert days.count() == 7
    tuesday, thursday, saturday = days.nth(1), days.nth(3), days.nth(5)
    assert "heavy" in tuesday.locator(".session").first.inner_text().lower()
    assert "heavy" in thursday.locator(".session").first.inner_text().lower()
    saturday.locator("summary").click()
    assert "no-heavy-before-quality" in saturday.locator(".why").inner_text()
    move = tuesday.locator("form.move").first
    move.locator("select[name=on]").select_option(index=5)  # Saturday
    move.locator("button").click()
    answer = tuesday.locator(".answer").first
    answer.locator(".verdict").first.wait_for()
    assert "why not" in answer.inner_text() and "no-heavy-before-quality" in answer.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"], "no sideways scrolling"
    page.screenshot(path=str(SHOTS / f"week-{viewport}.png"), full_page=True)
    page.close()


def test_a_refused_set_up_shows_the_reason_and_keeps_the_form(server, browser):
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    sign_up(page, server, "form@example.com")
    page.select_option("select[name=run_tue]", "hills")
    page.evaluate("document.querySelector('input[name=minutes_tue]').removeAttribute('min')")
    page.fill("input[name=minutes_tue]", "0")
    page.click("text=Plan my strength week")
    assert "week.days.tue[0].minutes" in page.locator(".error").inner_text()
    assert page.locator("select[name=run_tue]").input_value() == "hills"  # the form is kept
    page.close()


def test_the_library_marks_what_the_kit_allows_and_what_to_buy_next(server, browser):
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(server + "/library")
    page.check("input[name=equipment][value=kettlebell]")
    page.click("text=Show my ladders")
    squat = page.locator("section", has=page.locator("h2", has_text="squat")).first
    assert "Goblet squat" in squat.locator("li.can").all_inner_texts().__str__()
    assert "Back squat" in squat.locator("li.cannot").all_inner_texts().__str__()
    assert "barbell + rack" in page.locator("section", has_text="What to buy next").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    page.close()


def _onboard(page, server: str, email: str) -> None:
    sign_up(page, server, email)
    page.select_option("select[name=phase]", "build")
    for item in ("dumbbells", "kettlebell", "barbell", "rack", "bench"):
        page.check(f"input[name=equipment][value={item}]")
    for day, run in {"tue": "hills", "wed": "easy", "thu": "threshold", "sun": "long"}.items():
        page.select_option(f"select[name=run_{day}]", run)
    page.click("text=Plan my strength week")
    page.wait_for_url("**/athletes/*/tests?welcome=true")
    page.click("text=Skip for now")
    page.wait_for_url("**/athletes/*/week")


def test_the_gym_card_has_a_rest_timer_and_logs_the_sets_ticked(server, browser):
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    _onboard(page, server, "gym@example.com")
    thursday = page.locator("li.day").nth(3)
    thursday.locator("text=Open the gym card").click()
    page.wait_for_url("**/session?**")
    first = page.locator("section.gym").first
    assert "x" in first.locator(".dose").inner_text()
    timer = first.locator("button.timer")
    label = timer.inner_text()
    timer.click()
    page.wait_for_timeout(1200)
    assert timer.inner_text() != label  # counting down
    first.locator("input[type=checkbox]").nth(0).check()
    first.locator("input[type=checkbox]").nth(1).check()
    page.click("text=Save the session")
    page.wait_for_url("**/week?**")
    assert "Saved 2 set(s)" in page.locator(".notice").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    week_url = page.url.split("?")[0].replace("/athletes/", "/api/v1/athletes/")
    on = page.url.split("on=")[1].split("&")[0]
    logged = page.request.get(f"{week_url}?on={on}").json()["done"]["strength"]
    assert len(logged) == 1 and logged[0]["kind"] == "heavy"
    page.close()
