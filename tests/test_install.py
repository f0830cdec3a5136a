"""`pip install .` (not editable) into a fresh virtualenv outside the repository works like a library.

Slow (a fresh venv, torch and every dependency installed: minutes with a warm pip cache), so it carries
the marker `install`: `pytest -m "not install"` leaves it out, `pytest -m install` runs it alone.
"""

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ("Talks resume in Varna\n\n“We are closer to an agreement than at any time this year,” said Ostrian President "
           "Oleh Dravetskyy on Monday. Marta Quellberg, the mediator, said: “Both sides have shown real goodwill.”\n")

#: Lines of pip's output that come from this machine's pip configuration, not from the package.
NOT_PACKAGING = re.compile(r"Location '.*' is ignored|byte-compiling is disabled")

pytestmark = pytest.mark.install


def run(args, cwd, env, timeout=1500):
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def test_a_non_editable_install_in_a_fresh_venv_predicts_scores_and_reports(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("needs git to copy the tracked files")
    # Only the tracked files (no .venv, no build leftovers), outside the repository.
    source = tmp_path / "src"
    source.mkdir()
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        target = source / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name.decode()).is_file():
            shutil.copy2(ROOT / name.decode(), target)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    python = str(env_dir / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")}
    env["HF_HUB_OFFLINE"] = "1"
    run([python, "-m", "pip", "install", "--quiet", "torch==2.13.0"], tmp_path, env)
    wheel = run([python, "-m", "pip", "wheel", "--no-deps", "-v", str(source), "-w", str(tmp_path / "wheel")], tmp_path, env)
    warnings = [line for line in (wheel.stdout + wheel.stderr).splitlines()
                if re.search(r"(?i)warn", line) and not NOT_PACKAGING.search(line)]
    assert not warnings, "packaging warnings:\n" + "\n".join(warnings)
    installed = run([python, "-m", "pip", "install", str(source)], tmp_path, env)
    warnings = [line for line in (installed.stdout + installed.stderr).splitlines()
                if re.search(r"(?i)warn", line) and not NOT_PACKAGING.search(line)]
    assert not warnings, "install warnings:\n" + "\n".join(warnings)

    work = tmp_path / "work"
    work.mkdir()
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    shown = run([python, "-c", "import model, json; from model import predict; "
                 "print(model.__file__); print(sorted(p.name for p in model.DEFAULT_MODEL_DIR.iterdir())); "
                 "print(json.dumps([[q.speaker, q.stance] for q in predict(open('article.txt').read())]))"], work, env)
    path, model_files, quotes = shown.stdout.strip().splitlines()[-3:]
    assert str(env_dir) in path and "site-packages" in path  # the installed copy, not the checkout
    assert model_files == "['arrays.npz', 'stance.json']"
    assert '"Oleh Dravetskyy"' in quotes and '"Marta Quellberg"' in quotes

    assert "2 quotes" in run([python, "-m", "model", "article.txt"], work, env).stdout
    (work / "a.jsonl").write_text('{"doc_id": "a1", "date": "2026-03-02", "source": "Wire", "text": %s}\n'
                                  % __import__("json").dumps(ARTICLE), encoding="utf-8")
    run([python, "-m", "model.batch", "a.jsonl", "scored"], work, env)
    assert (work / "scored" / "part-000000.parquet").is_file() and (work / "scored" / "_scoring.json").is_file()
    report = run([python, "-m", "model.report", "scored", "--out", "report.html"], work, env)
    assert "1 articles, 2 quotes, 2 speakers" in report.stdout
    assert "Oleh Dravetskyy" in (work / "report.html").read_text(encoding="utf-8")
