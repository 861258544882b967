"""Brand kits: a logo made safe to ship (an SVG cleaned by svg-hush of scripts, event handlers and outside
links; a PNG read by Pillow), and the colours the landing pages take from the brand."""
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from py_svg_hush import filter_svg

from .models import HEX_COLOUR, CampaignImage

MAX_LOGO_BYTES = 1024 * 1024


def cleaned_logo(upload):
    """The uploaded logo as a file to keep: an SVG cleaned, a PNG checked; a ValidationError saying what to
    give otherwise. Nothing of the upload is kept when it is refused."""
    data = upload.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo is larger than 1 MB; a page's logo needs far less. Save it smaller, as SVG or PNG."))
    name = (upload.name or "").rsplit("/", 1)[-1]
    if name.lower().endswith(".svg"):
        try:
            cleaned = filter_svg(data)
        except Exception:  # noqa: BLE001 - svg-hush raises its own errors for what it cannot parse
            raise ValidationError(_("The logo is not an SVG that can be read; export it again as SVG or PNG.")) from None
        if b"<svg" not in cleaned:
            raise ValidationError(_("The logo is not an SVG that can be read; export it again as SVG or PNG."))
        return ContentFile(cleaned, name=name)
    if name.lower().endswith(".png"):
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.format != "PNG":
                    raise UnidentifiedImageError
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise ValidationError(_("The logo is not a PNG image that can be read; save it again as PNG or SVG.")) from None
        return ContentFile(data, name=name)
    raise ValidationError(_("Give the logo as an SVG or PNG file."))


def logo_size(brand):
    """(width, height) of a PNG logo, None for an SVG (it scales to the height the stylesheet gives it)."""
    if not brand.logo.name.lower().endswith(".png"):
        return None
    with brand.logo.open("rb") as stream, Image.open(stream) as image:
        return image.size


def brand_style(accent, accent_ink):
    """The brand's colours as the stylesheet's custom properties; only colours written #rrggbb reach a page."""
    if not (HEX_COLOUR.regex.match(accent or "") and HEX_COLOUR.regex.match(accent_ink or "")):
        return ""
    return f":root {{ --accent: {accent}; --accent-ink: {accent_ink}; }}"


def add_product_image(*, campaign, name, data, position=1):
    """A product image of the campaign from bytes (a PNG, JPEG or WebP Pillow can read), with its size."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError):
        raise ValidationError(_("The product image is not a PNG, JPEG or WebP image that can be read.")) from None
    product_image = CampaignImage(campaign=campaign, position=position)
    product_image.image.save(name, ContentFile(data), save=False)
    product_image.width, product_image.height = width, height
    product_image.full_clean()
    product_image.save()
    return product_image
