"""The curator page in a real headless browser (Debian chromium + chromedriver, selenium).

Loads ``/`` from a real ``genenorm serve``, submits the reference figure with its hit table,
reads the rendered verdicts back from the page and compares them with the library's report;
takes a screenshot (``GENENORM_SCREENSHOT=path.png`` keeps a copy, as for docs/images/).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import attrs
import pytest

from .conftest import REFERENCE_HITS, REFERENCE_PAGE, RunningServer

webdriver = pytest.importorskip("selenium.webdriver")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(name="downloads")
def _downloads(tmp_path: Path) -> Path:
    """Where the browser saves downloads."""
    path = tmp_path / "downloads"
    path.mkdir()
    return path


@pytest.fixture(name="browser")
def _browser(downloads: Path):  # type: ignore[no-untyped-def]
    """A headless chromium driven by the system chromedriver (never downloaded)."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("no chromium/chromedriver binary (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1800", "--force-device-scale-factor=1"):  # fmt: skip
        options.add_argument(arg)
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


def _expected() -> dict:  # type: ignore[type-arg]
    from genenorm.check import check_page
    from genenorm.pfocr import read_hit_table, read_page_text
    from genenorm.records import page_record

    page = read_page_text(REFERENCE_PAGE.read_text("utf-8"), path="pages[0]")
    page = attrs.evolve(page, gene_hits=read_hit_table(REFERENCE_HITS).hits, has_hits=True)
    return page_record(check_page(page))


def test_curator_page_checks_the_reference_figure(
    server: RunningServer,
    browser,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    downloads: Path,
) -> None:
    """Paste the reference page and its hits, press Check, read verdicts back, screenshot."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server.url}/")
    assert "genenorm" in browser.title
    assert not browser.find_element(By.ID, "token").is_displayed()  # no token on this server
    # Typing 10 kB key by key is slow; set the fields as a paste would.
    browser.execute_script(
        "document.getElementById('page').value = arguments[0];"
        "document.getElementById('hits').value = arguments[1];",
        REFERENCE_PAGE.read_text("utf-8"),
        REFERENCE_HITS.read_text("utf-8"),
    )
    browser.find_element(By.ID, "check").click()
    wait = WebDriverWait(browser, 30)
    wait.until(expected_conditions.text_to_be_present_in_element((By.ID, "status"), "Done."))

    expected = _expected()
    genes = [k for k in expected["keywords"] if k["kind"] == "gene"]
    rows = browser.find_elements(By.CSS_SELECTOR, "#genes tbody tr")
    shown = [(r.get_attribute("data-keyword"), r.get_attribute("data-verdict")) for r in rows]
    assert shown == [(k["keyword"], k["verdict"]) for k in genes]
    badge = rows[0].find_element(By.CSS_SELECTOR, ".badge").text
    assert badge == genes[0]["verdict"].replace("_", " ")
    reasons = rows[0].find_elements(By.CSS_SELECTOR, ".reason code")
    assert [r.text for r in reasons] == [r["code"] for r in genes[0]["reasons"]]

    others = browser.find_elements(By.CSS_SELECTOR, "#others tbody tr")
    chemicals = {
        r.get_attribute("data-keyword"): r.text
        for r in others
        if r.get_attribute("data-kind") == "chemical"
    }
    carboplatin = next(k for k in expected["keywords"] if k["keyword"] == "Carboplatin")
    assert f"mesh:{carboplatin['ids']['mesh']}" in chemicals["Carboplatin"]

    suggested = [
        li.get_attribute("data-symbol")
        for li in browser.find_elements(By.CSS_SELECTOR, "#suggestions li")
    ]
    assert suggested == [s["symbol"] for s in expected["suggestions"]]

    marks = browser.find_elements(By.CSS_SELECTOR, "#text mark")
    assert {m.get_attribute("class") for m in marks} >= {"v-supported", "v-suggestion"}
    snail = [m for m in marks if m.get_attribute("class") == "v-suggestion"]
    assert "Snail" in [m.text for m in snail]

    hit_rows = browser.find_elements(By.CSS_SELECTOR, "#hit-table tbody tr")
    assert len(hit_rows) == len(expected["hits"])

    # Download: the JSONL is the report, as `genenorm check --format jsonl` writes it.
    browser.find_element(By.ID, "dl-jsonl").click()
    saved = downloads / f"{expected['figid']}.jsonl"
    WebDriverWait(browser, 30).until(lambda _: saved.is_file() and saved.stat().st_size > 0)
    lines = saved.read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [expected]

    shot = tmp_path / "curator-page.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 20_000  # a rendered page, not a blank one
    keep = os.environ.get("GENENORM_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)


def test_curator_page_asks_for_a_token(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """On a server with a token, the page shows the token field and reports a wrong token."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    token = tmp_path / "token"
    token.write_text("letmein\n")
    secured = RunningServer("--token-file", str(token))
    try:
        browser.get(f"{secured.url}/")
        assert browser.find_element(By.ID, "token").is_displayed()
        browser.execute_script(
            "document.getElementById('page').value = arguments[0];",
            REFERENCE_PAGE.read_text("utf-8"),
        )
        browser.find_element(By.ID, "token").send_keys("wrong")
        browser.find_element(By.ID, "check").click()
        wait = WebDriverWait(browser, 30)
        wait.until(expected_conditions.text_to_be_present_in_element((By.ID, "status"), "401"))
        browser.find_element(By.ID, "token").clear()
        browser.find_element(By.ID, "token").send_keys("letmein")
        browser.find_element(By.ID, "check").click()
        wait.until(expected_conditions.text_to_be_present_in_element((By.ID, "status"), "Done."))
        assert browser.find_elements(By.CSS_SELECTOR, "#genes tbody tr")
    finally:
        secured.stop()
