"""Headless Chromium (Debian's, through Playwright) and a throw-away JupyterLab server.

Playwright's own browser download cannot work here, so the system ``chromium`` is launched
with ``executable_path``. JupyterLab runs on a free localhost port with a random token, its
root in a scratch folder, and every Jupyter/JupyterLab user folder redirected into that scratch
area (settings turn off the news feed and the update check, so nothing reaches the network,
and render every cell so the page can be inspected).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, require

ARTIFACTS = ROOT / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"]
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def artifact(name: str) -> Path:
    """A path under artifacts/ (gitignored; CI uploads the folder)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


@contextlib.contextmanager
def chromium() -> Iterator:
    """A Playwright page in headless Chromium (fails in CI, skips elsewhere, when missing)."""
    executable = require("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the playwright package is required in CI")
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True,
                                    args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                          device_scale_factor=1)
            yield context.new_page()
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, root: Path, port: int, token: str, log: Path):
        self.root, self.port, self.token, self.log = root, port, token, log

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def api(self, path: str) -> dict:
        req = urllib.request.Request(self.url(path))
        with urllib.request.urlopen(req, timeout=30) as r:  # noqa: S310 - our localhost server
            return json.loads(r.read())

    def delete(self, path: str) -> None:
        req = urllib.request.Request(self.url(path), method="DELETE")
        with urllib.request.urlopen(req, timeout=30):  # noqa: S310 - our localhost server
            pass


@contextlib.contextmanager
def jupyterlab(root: Path, scratch: Path, jupyter_path: Path | None = None) -> Iterator[Lab]:
    """JupyterLab serving ``root``; stopped (its whole process group) on exit.
    ``jupyter_path``: a Jupyter data folder searched first (``JUPYTER_PATH``), so that a
    ``kernels/python3`` there is the kernel the notebooks open."""
    settings = scratch / "lab-settings"
    for rel, value in LAB_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")):
        (scratch / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(scratch / sub)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    if jupyter_path is not None:
        env["JUPYTER_PATH"] = str(jupyter_path)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    port, token = _free_port(), secrets.token_hex(16)
    log = scratch / "jupyterlab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
             "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--ServerApp.open_browser=False", "--ServerApp.allow_root=True"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    lab = Lab(root, port, token, log)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                lab.api("/api/status")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start:\n{log.read_text()}") from None
                time.sleep(0.5)
        yield lab
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
