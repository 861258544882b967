"""Write: the checked pages, the stylesheet, the sitemap and the manifest as one zip, byte for byte
the same for the same inputs (sorted names, fixed timestamps and permissions), and written
atomically, all or nothing with the copy it publishes.

The order, and why: the zip is staged beside the target (``.NAME.*.partial``) and synced to disk;
then ``before_move`` commits the transaction that publishes the copy; only then is the staged zip
renamed over the target and the folder synced. A process killed (or a connection lost) at any
point leaves either nothing new at the target, or a bundle whose copy is published: never a
bundle nothing published. Killed after the commit and before the rename, it leaves the copy
published, the target as it was and a staged file; the next run is the reconciliation: it removes
the staged files no live writer holds and writes the same bytes again (the copy is collected as
published, the same inputs give the same zip), then renames. Rebuilding rather than finishing the
staged file needs no record of which staged file was whose, and costs a second or two.

Each writer holds an advisory lock (flock) on its staged file while it works, and the kernel lets go
of a killed process's locks, so a run removes only what dead writers left, never the file another
export is writing at the same moment.
"""
import errno
import fcntl
import glob
import hashlib
import io
import json
import os
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from django.core.files.storage import default_storage

from .render import STYLESHEET_PATH, sitemap, stylesheet

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
FILE_MODE = 0o644
COMPRESSION_LEVEL = 6  # zlib's default: small enough, and the same bytes on every run
MANIFEST_PATH = "manifest.json"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(bundle, rendered, files):
    """manifest.json: the campaign, when its copy was last approved, what ships (each market's files'
    sha256, the approved version, who approved it, when), every file of the bundle with its sha256
    (assets and sitemap too: all but the manifest itself), and what was left out, and why.

    ``files``: the bundle's other files as bytes, by path."""
    digests = {path: sha256_hex(data) for path, data in sorted(files.items()) if path != MANIFEST_PATH}
    document = {
        "campaign": bundle.campaign,
        "generated_at": bundle.generated_at,
        "markets": [
            {
                "market": page.market,
                "locale": page.locale,
                "dir": page.direction,
                "files": {path: digests[path] for path in sorted(part.files)},
                "variant_version": page.approved_version,
                "approved_by": page.approved_by,
                "approved_at": page.approved_at,
            }
            for page, part in _pages_with_files(bundle, rendered)
        ],
        "files": digests,
        "skipped": [{"market": entry.market, "locale": entry.locale, "reason": entry.reason} for entry in bundle.skipped],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _pages_with_files(bundle, rendered):
    """(page, its rendered files) in the bundle's order of pages."""
    parts = {part.folder: part for part in rendered}
    return [(page, parts[page.folder]) for page in bundle.pages]


def stored_assets(bundle):
    """The brand's logo and the product images, read from storage, by their path in the bundle."""
    wanted = [(image["storage"], image["asset"]) for image in bundle.images]
    if bundle.brand and bundle.brand["logo"]:
        wanted.append((bundle.brand["logo"], bundle.brand["logo_asset"]))
    found = {}
    for storage_name, asset in wanted:
        with default_storage.open(storage_name, "rb") as stream:
            found[asset] = stream.read()
    return found


def bundle_files(bundle, rendered):
    """Every file of the bundle by its path, as bytes."""
    files = {}
    for part in rendered:
        files.update(part.files)
    files[STYLESHEET_PATH] = stylesheet()
    files["sitemap.xml"] = sitemap(bundle)
    files.update(stored_assets(bundle))
    files = {path: text.encode("utf-8") if isinstance(text, str) else text for path, text in files.items()}
    files[MANIFEST_PATH] = manifest(bundle, rendered, files).encode("utf-8")
    return files


def zip_timestamp(generated_at):
    """The time every entry of the zip carries: the campaign's last approval, so it never changes."""
    if not generated_at:
        return ZIP_EPOCH
    moment = datetime.strptime(generated_at, "%Y-%m-%dT%H:%M:%SZ")
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second) if moment.year >= 1980 else ZIP_EPOCH


def write_zip(files, stream, *, timestamp=ZIP_EPOCH):
    """The files into a zip on ``stream``, sorted by name, each with the same time and permissions."""
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION_LEVEL) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read as such everywhere
            info.external_attr = (0o100000 | FILE_MODE) << 16
            archive.writestr(info, files[name], compresslevel=COMPRESSION_LEVEL)


def zip_bytes(files, *, timestamp=ZIP_EPOCH):
    stream = io.BytesIO()
    write_zip(files, stream, timestamp=timestamp)
    return stream.getvalue()


PARTIAL_SUFFIX = ".partial"


def _staged_beside(target):
    """A new, empty staged file in the target's folder (so the rename is atomic), locked by this
    process: (open descriptor, path). Raises OSError when the folder does not exist or cannot be written."""
    while True:
        descriptor, path = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=target.parent)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        if os.fstat(descriptor).st_nlink:
            return descriptor, Path(path)
        os.close(descriptor)  # another run took it for abandoned before it was locked: take a new one


def remove_abandoned_partials(target):
    """Delete the staged files a killed writer left beside ``target``: those no live process holds."""
    target = Path(target)
    if not target.parent.is_dir():
        return
    for path in target.parent.glob(f".{glob.escape(target.name)}.*{PARTIAL_SUFFIX}"):
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # gone already
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # another run is writing it now
        else:
            path.unlink(missing_ok=True)
        finally:
            os.close(descriptor)


def _sync_folder(folder):
    """The rename made durable: the folder's entry written to disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(files, target, *, timestamp=ZIP_EPOCH, before_move=None):
    """Write the zip to a staged file beside ``target``, sync it, run ``before_move(sha256)``, then
    rename it over the target (the module's docstring says why in this order).

    ``before_move`` commits what must be true before the bundle may stand at the target (the copy
    published); if it raises, the staged file goes and nothing is moved. Call this outside any
    transaction, or the commit would come after the rename. Staged files killed writers left beside
    the target are removed first. Returns the zip's sha256. A failure leaves no staged file behind.
    """
    target = Path(target)
    remove_abandoned_partials(target)
    # Made in memory (a bundle is a few megabytes), hashed there and written once: never read back.
    data = zip_bytes(files, timestamp=timestamp)
    sha256 = sha256_hex(data)
    descriptor, staged = _staged_beside(target)
    try:
        with os.fdopen(descriptor, "wb", closefd=False) as stream:
            stream.write(data)
        os.fchmod(descriptor, FILE_MODE)
        os.fsync(descriptor)
        if target.is_dir():  # the one way the rename can fail once the folder takes files: refused before publishing
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        if before_move is not None:
            before_move(sha256)
        os.replace(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    finally:
        os.close(descriptor)  # lets go of the lock
    _sync_folder(target.parent)
    return sha256
