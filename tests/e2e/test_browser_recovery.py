"""A runner just back from a race, in a real headless Chromium at a phone and a desktop
viewport: choosing recovery on the set-up form brings up "When was your race?" (and another
phase hides it again); left empty, the week asks for it, and the answer is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest

from runlift.services import local_today
from tests.e2e.conftest import SHOTS, VIEWPORTS, no_sideways_scroll, sign_up


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_recovery_asks_when_the_race_was_on_the_form_and_on_the_week(server, browser, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    sign_up(page, server, f"recovery-{viewport}@example.com")

    question = page.locator("label.recovery-only")
    assert not question.is_visible()  # base, the default phase, has no race to ask about
    page.select_option("select[name=phase]", "recovery")
    assert question.is_visible() and "When was your race?" in question.inner_text()
    question.scroll_into_view_if_needed()
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(SHOTS / f"runlift-recovery-onboarding-{viewport}.png"))
    page.select_option("select[name=phase]", "build")
    assert not question.is_visible()
    page.select_option("select[name=phase]", "recovery")

    # Left empty: the week asks for it.
    page.select_option("select[name=run_wed]", "recovery")
    page.select_option("select[name=run_sat]", "easy")
    page.click("text=Plan my strength week")
    page.wait_for_url("**/tests?welcome=true")
    page.goto(page.url.split("/tests")[0] + "/week")
    ask = page.locator("section.ask")
    assert "When was your race?" in ask.inner_text()
    assert "Stop if something hurts" in page.locator("section.notes").inner_text()
    no_sideways_scroll(page, viewport)
    page.screenshot(path=str(SHOTS / f"runlift-recovery-week-{viewport}.png"), full_page=True)

    raced = local_today() - timedelta(days=2)
    ask.locator("input[name=race_date]").fill(raced.isoformat())
    ask.locator("text=Save the race day").click()
    page.wait_for_url("**/week?**")
    assert f"your race was on {raced:%a %d %b %Y}" in page.locator(".notice").inner_text()
    assert page.locator("section.ask").count() == 0
    page.close()
