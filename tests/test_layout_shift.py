"""Nothing on a tool page moves once it has been shown: the tools' scripts start into
room kept for them from the first paint. Measured as Lighthouse does (the page's
cumulative layout shift), on a phone and on a desktop screen, with the processor slowed
as a phone's would be."""
import pytest

pytestmark = pytest.mark.browser

PAGES = ["recruit/interview-sheet/", "supervise/role-clarity/", "onboard/onboarding-checklist/",
         "recruit/job-description-builder/"]
SCREENS = [(390, 844), (1280, 800)]

# Every layout shift since the page started loading, not caused by the reader, added up
# once the page has settled.
LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 1000);
})"""


@pytest.mark.parametrize("width,height", SCREENS)
@pytest.mark.parametrize("path", PAGES)
def test_a_tool_page_does_not_shift_as_its_tool_starts(page, site_url, path, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(site_url + path)
    page.locator(".hb-toolbar, .hb-builder:not([hidden])").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(LAYOUT_SHIFT) <= 0.05
