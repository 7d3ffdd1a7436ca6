"""The one check of every upload of the portal (sitrep attachments, evacuation documents):
the file's content decides its type, never the browser's claim."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Content signatures of the attachment types we accept. The browser's claim is ignored.
ATTACHMENT_SIGNATURES: list[tuple[str, bytes, int]] = [
    ("image/png", b"\x89PNG\r\n\x1a\n", 0),
    ("image/jpeg", b"\xff\xd8\xff", 0),
    ("image/gif", b"GIF87a", 0),
    ("image/gif", b"GIF89a", 0),
    ("image/webp", b"WEBP", 8),
    ("application/pdf", b"%PDF-", 0),
]


def attachment_content_type(head: bytes) -> str | None:
    """The type the file's content says it is, or None if we do not accept it."""
    for content_type, signature, offset in ATTACHMENT_SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            if content_type == "image/webp" and head[:4] != b"RIFF":
                continue
            return content_type
    return None


def _image_is_valid(data: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        return False
    return True


def upload_checked(upload: UploadedFile, *, max_bytes: int) -> tuple[str, int]:
    """The content type and size of an upload we accept: images (PNG, JPEG, GIF, WebP, which
    must also decode) and PDF, judged by content, up to max_bytes. Else ValidationError.
    Shared by every upload of the portal (sitrep attachments, evacuation documents)."""
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    content_type = attachment_content_type(data[:16])
    if content_type is None or (content_type.startswith("image/") and not _image_is_valid(data)):
        raise ValidationError(
            _("Only images (PNG, JPEG, GIF, WebP) and PDF documents can be attached.")
        )
    return content_type, len(data)
