"""The package as a user installs it: import hygiene, and a wheel that works anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.conftest import REPO, SEED


def test_the_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import workbench.core, workbench.cli.commands, workbench.store, workbench.extract,"
        " workbench.report, workbench.glance\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import json\n" + code], check=True, capture_output=True, text=True
    )
    assert json.loads(out.stdout) == []


def test_wheel_carries_migrations_and_seed_and_imports_from_anywhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("workbench-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    # The fresh environment sees the dependencies already installed here, not the
    # source tree: only the wheel provides `workbench`.
    purelib = Path(sysconfig.get_paths()["purelib"])
    new_site = next(env_dir.glob("lib/python*/site-packages"))
    (new_site / "deps.pth").write_text(str(purelib) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(bin_dir / "python"),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "WORKBENCH_DB": str(elsewhere / "w.db"), "PYTHONPATH": ""}
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import workbench; print(workbench.__file__)"],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert str(env_dir) in where.stdout
    result = subprocess.run(
        [str(bin_dir / "workbench"), "import", str(SEED), "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["claims"] > 10
    demo = subprocess.run(
        [str(bin_dir / "workbench"), "--db", str(elsewhere / "demo.db"), "demo"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stderr
    assert "$155.62 billion" in demo.stdout


def test_python_dash_m_workbench_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "--help"], capture_output=True, text=True, check=True
    )
    assert "fact-check workbench" in result.stdout
