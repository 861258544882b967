"""Write: the checked pages, the stylesheet, the sitemap and the manifest as one zip, byte for byte
the same for the same inputs (sorted names, fixed timestamps and permissions), and written
atomically: a temporary file beside the target, moved into place only when complete.
"""
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


def temporary_beside(target):
    """An empty temporary file in the target's folder (so moving it into place is atomic); its path.

    Raises OSError when the folder does not exist or cannot be written.
    """
    target = Path(target)
    descriptor, path = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(descriptor)
    return Path(path)


def write_atomically(files, target, *, timestamp=ZIP_EPOCH, before_move=None):
    """Write the zip to a temporary file beside ``target`` and move it into place once complete.

    ``before_move(sha256)`` runs after the zip is complete and before it replaces the target
    (publishing the variants, say); if it raises, the temporary file goes and nothing is moved.
    Returns the zip's sha256. A failure at any point leaves no partial file behind.
    """
    target = Path(target)
    partial = temporary_beside(target)
    try:
        # Made in memory (a bundle is a few megabytes), hashed there and written once: the file is
        # never read back.
        data = zip_bytes(files, timestamp=timestamp)
        with open(partial, "wb") as stream:
            stream.write(data)
        os.chmod(partial, FILE_MODE)
        sha256 = sha256_hex(data)
        if before_move is not None:
            before_move(sha256)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return sha256
