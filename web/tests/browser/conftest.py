"""Real headless Chromium (Debian's chromium and chromium-driver, `make test` installs them)
driven by selenium with the system's chromedriver; never a browser a tool downloads."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
REPO = Path(__file__).resolve().parents[3]
AXE = REPO / "web" / "node_modules" / "axe-core" / "axe.min.js"
# screenshots: docs/tangkapan/ when KINERJA_TANGKAPAN=1 (refreshing the ones in the docs:
# `KINERJA_TANGKAPAN=1 python -m pytest web/tests/browser`), else a temporary directory, so a
# test run leaves the working tree as it was
TANGKAPAN = REPO / "docs" / "tangkapan"


def _driver(width: int = 1280, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    if not Path(CHROMEDRIVER).exists():
        pytest.fail("chromium-driver is missing: `make system-deps` installs it "
                    "(system-packages.txt)")
    opts = Options()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=id-ID"):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(60)
    return drv


@pytest.fixture()
def chrome():
    drv = _driver()
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture()
def chrome_hp():
    """A phone-sized window."""
    drv = _driver(390, 844)
    try:
        yield drv
    finally:
        drv.quit()


def axe(drv) -> list[dict]:
    """axe-core (from npm) on the current page: the serious and critical violations."""
    drv.execute_script(AXE.read_text())
    result = drv.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r)))"
        ".catch(e => done(JSON.stringify({error: String(e)})));")
    data = json.loads(result)
    assert "error" not in data, data
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in data["violations"] if v["impact"] in ("serious", "critical")]


def tangkap(drv, nama: str) -> Path:
    """A screenshot of the whole page (docs/tangkapan/ with KINERJA_TANGKAPAN=1)."""
    import os
    import tempfile

    folder = TANGKAPAN if os.environ.get("KINERJA_TANGKAPAN") == "1" else \
        Path(tempfile.gettempdir()) / "kinerja-tangkapan"
    folder.mkdir(parents=True, exist_ok=True)
    height = drv.execute_script("return document.documentElement.scrollHeight")
    width = drv.get_window_size()["width"]
    drv.set_window_size(width, min(max(height + 120, 700), 4000))
    drv.execute_script("window.scrollTo(0, 0)")
    path = folder / f"{nama}.png"
    drv.save_screenshot(str(path))
    drv.set_window_size(width, 900 if width > 600 else 844)
    return path



def _diganti(old):
    """A wait condition: the page of ``old`` (its <html>) has been replaced. Chromium answers
    a node of a page being replaced either as stale or as "does not belong to the document"
    (a race under load); both mean the new page is there."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def _cek(_drv) -> bool:
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
    return _cek


class Halaman:
    def __init__(self, drv, base: str):
        self.drv, self.base = drv, base

    def buka(self, path: str):
        self.drv.get(self.base + path)
        return self

    def el(self, css: str):
        return WebDriverWait(self.drv, 20).until(
            EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def isi(self, css: str, teks: str):
        e = self.el(css)
        e.clear()
        e.send_keys(teks)
        return self

    def pilih(self, css: str, nilai: str):
        Select(self.el(css)).select_by_value(nilai)
        return self

    def tekan(self, css: str):
        """Press a button that loads a new page and wait for it."""
        old = self.drv.find_element(By.TAG_NAME, "html")
        e = self.el(css)
        self.drv.execute_script("arguments[0].scrollIntoView({block: 'center'})", e)
        e.click()
        WebDriverWait(self.drv, 30).until(_diganti(old))
        WebDriverWait(self.drv, 30).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        return self

    def tekan_tautan(self, teks: str):
        old = self.drv.find_element(By.TAG_NAME, "html")
        self.drv.find_element(By.PARTIAL_LINK_TEXT, teks).click()
        WebDriverWait(self.drv, 30).until(_diganti(old))
        return self

    @property
    def teks(self) -> str:
        return self.drv.find_element(By.TAG_NAME, "body").text

    def masuk(self, nip: str, password: str):
        self.buka("/masuk").isi("#f-nip", nip).isi("#f-password", password).tekan(
            "form[action='/masuk'] button[type=submit]")
        assert "Selamat datang" in self.teks, self.teks[:500]
        return self

    def keluar(self):
        self.drv.execute_script("document.querySelector('details.akun').open = true")
        self.tekan("#tombol-keluar")
        assert "Anda telah keluar" in self.teks
        return self


@pytest.fixture()
def h(chrome, suite):
    return Halaman(chrome, suite.base)


@pytest.fixture()
def periksa():
    """axe-core finds no serious or critical violation, then a screenshot for docs/."""
    def _periksa(h: Halaman, nama: str) -> None:
        assert axe(h.drv) == [], nama
        tangkap(h.drv, nama)
    return _periksa


@pytest.fixture()
def periksa_hp():
    """The same page at a phone's width (390 px): axe-core, then a screenshot `<nama>-hp`; the
    window goes back to its width after."""
    def _periksa(h: Halaman, nama: str) -> None:
        lebar = h.drv.get_window_size()["width"]
        h.drv.set_window_size(390, 844)
        try:
            assert axe(h.drv) == [], nama
            tangkap(h.drv, f"{nama}-hp")
        finally:
            h.drv.set_window_size(lebar, 900)
    return _periksa
