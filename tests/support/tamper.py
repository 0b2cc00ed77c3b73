"""Copies of an official PDF for the verification page's tests: signed
ones it must accept and altered ones it must refuse. Usage:
tamper.py OFFICIAL.pdf OTHER.pdf OUT_DIR [NAME...]
Writes OUT_DIR/<name>.pdf for every copy (or the copies named) and prints
the names, one per line. Everything offline: a CA made on the spot, pyHanko's dummy TSA, a
CRL made by the cryptography package (no OCSP responder to ask)."""
import datetime
import io
import os
import re
import sys

from asn1crypto import crl as asn1_crl, keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.validation import DocumentSecurityStore
from pyhanko_certvalidator.registry import SimpleCertificateStore

NOW = datetime.datetime.now(datetime.timezone.utc)


def issue(name, key, issuer=None, issuer_key=None, ca=False, usage=None):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "sopkit tests")])
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer.subject if issuer else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW - datetime.timedelta(days=1))
               .not_valid_after(NOW + datetime.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=True)
    return builder.sign(issuer_key or key, hashes.SHA256())


def asn1(cert):
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def asn1_key(key):
    return asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


class Authority:
    """A root CA, a signer and a TSA it issued, and an empty CRL."""

    def __init__(self):
        self.root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.root = issue("Root CA sopkit", self.root_key, ca=True)
        signer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        signer_cert = issue("Penguji sopkit", signer_key, self.root, self.root_key)
        tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        tsa_cert = issue("TSA sopkit", tsa_key, self.root, self.root_key, usage=ExtendedKeyUsageOID.TIME_STAMPING)
        self.certs = [asn1(self.root), asn1(signer_cert), asn1(tsa_cert)]
        self.signer = signers.SimpleSigner(signing_cert=asn1(signer_cert), signing_key=asn1_key(signer_key),
                                           cert_registry=SimpleCertificateStore.from_certs(self.certs))
        self.tsa = timestamps.DummyTimeStamper(tsa_cert=asn1(tsa_cert), tsa_key=asn1_key(tsa_key),
                                               certs_to_embed=SimpleCertificateStore.from_certs(self.certs))

    def crl(self):
        crl = (x509.CertificateRevocationListBuilder().issuer_name(self.root.subject)
               .last_update(NOW).next_update(NOW + datetime.timedelta(days=7))
               .sign(self.root_key, hashes.SHA256()))
        return asn1_crl.CertificateList.load(crl.public_bytes(serialization.Encoding.DER))


def writer(data):
    return IncrementalPdfFileWriter(io.BytesIO(data))


def written(w):
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def empty_fields(data):
    reader = PdfFileReader(io.BytesIO(data))
    return [name for name, value, _ in fields.enumerate_sig_fields(reader) if value is None]


def sign(data, authority, field=None):
    """Signs `field` (the first empty one by default)."""
    field = field or empty_fields(data)[0]
    out = io.BytesIO()
    signers.sign_pdf(writer(data), signers.PdfSignatureMetadata(field_name=field), signer=authority.signer, output=out)
    return out.getvalue()


def sign_new_box(data, authority, box=(50, 50, 250, 120)):
    """Signs in a new visible field on page 1, as a signer that places its
    own box does."""
    out = io.BytesIO()
    spec = fields.SigFieldSpec(sig_field_name="Kotak baru", on_page=0, box=box)
    signers.sign_pdf(writer(data), signers.PdfSignatureMetadata(field_name="Kotak baru"), signer=authority.signer,
                     output=out, new_field_spec=spec)
    return out.getvalue()


def move_signed_box(data):
    """The box of a signed field moved over the page."""
    w = writer(data)
    for field in w.root["/AcroForm"]["/Fields"]:
        field = field.get_object()
        if "/V" in field:
            field[pdf_name("/Rect")] = generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 595, 842)])
            w.update_container(field)
            return written(w)
    sys.exit("no signed field")


def timestamp(data, authority):
    out = io.BytesIO()
    signers.PdfTimeStamper(authority.tsa).timestamp_pdf(writer(data), "sha256", output=out)
    return out.getvalue()


def add_dss(data, authority):
    out = io.BytesIO(data)
    DocumentSecurityStore.add_dss(out, sig_contents=None, certs=authority.certs, crls=[authority.crl()])
    return out.getvalue()


def change_page_one(data):
    """A white box over the top of page 1 (kop, nomor, nama) and ISI DIUBAH
    on it: a content stream and a font added to the page."""
    w = writer(data)
    page = w.root["/Pages"]["/Kids"][0].get_object()
    box = page["/MediaBox"]
    top, width = float(box[3]), float(box[2])
    drawing = (f"q 1 1 1 rg 0 {top - 260:.0f} {width:.0f} 260 re f Q "
               f"BT 0.8 0 0 rg /SopkitDiubah 36 Tf 60 {top - 150:.0f} Td (ISI DIUBAH) Tj ET").encode()
    font = w.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
        pdf_name("/BaseFont"): pdf_name("/Helvetica")}))
    resources = generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject({pdf_name("/SopkitDiubah"): font})})
    stream = w.add_object(generic.StreamObject(stream_data=drawing))
    w.add_stream_to_page(0, stream, resources=resources)
    return written(w)


def add_free_text(data):
    w = writer(data)
    page_ref = w.root["/Pages"]["/Kids"].raw_get(0)
    note = w.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/FreeText"),
        pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (40, 700, 400, 780)]),
        pdf_name("/Contents"): generic.TextStringObject("ISI DIUBAH"),
        pdf_name("/DA"): generic.TextStringObject("/Helv 24 Tf 1 0 0 rg")}))
    w.register_annotation(page_ref, note)
    return written(w)


def add_page(data):
    w = writer(data)
    first = w.root["/Pages"]["/Kids"][0].get_object()
    stream = w.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 60 700 Td (Halaman sisipan) Tj ET"))
    w.insert_page(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Page"), pdf_name("/MediaBox"): first["/MediaBox"],
        pdf_name("/Contents"): stream, pdf_name("/Resources"): generic.DictionaryObject()}))
    return written(w)


def change_font_width(data):
    """One glyph width of a font of page 1, another number of the same
    length: the font object replaced by an update of the same size."""
    w = writer(data)
    fonts = w.root["/Pages"]["/Kids"][0].get_object()["/Resources"]["/Font"]
    for name in fonts:
        font_ref = fonts.raw_get(name)
        font = font_ref.get_object()
        target = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
        key = "/W" if "/W" in target else "/Widths"
        widths = target.raw_get(key)
        holder = widths.get_object()
        for i, value in enumerate(holder):
            if isinstance(value, generic.NumberObject) and value >= 100:
                holder[i] = generic.NumberObject(int(value) + (1 if int(value) % 10 != 9 else -1))
                break
        else:
            continue
        w.update_container(holder)
        return written(w)
    sys.exit("no font widths on page 1")


def unsigned_byte_range(data):
    """A signed copy whose /ByteRange stops short of the end: the last
    bytes are not covered (the range is rewritten to the same length)."""
    match = list(re.finditer(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data))[-1]
    old = match.group(0)
    new = re.sub(rb"(\d+)(\s*\])$", lambda m: str(int(m.group(1)) - 40).encode() + m.group(2), old)
    new = new + b" " * (len(old) - len(new))
    return data[:match.start()] + new + data[match.end():]


# Forgeries written by hand after a genuine signature: a raw update of
# uncompressed objects with a classic xref, as a forger would append it.

def body(data, num):
    """The last body of object `num` written uncompressed in `data`."""
    return list(re.finditer(rb"(?<![0-9])%d 0 obj\s*(.*?)\s*endobj" % num, data, re.S))[-1].group(1)


def append_raw(data, objects, entry_gens=None, trailer=None):
    """`data` with an update writing `objects` [(num, body)]; the xref may
    give an object another generation (`entry_gens`), the trailer may be
    written instead of the one a writer makes (its /Prev is always right)."""
    previous = int(re.findall(rb"startxref\s+(\d+)\s+%%EOF", data)[-1])
    tail = data[previous:]
    size = max([int(re.search(rb"/Size\s+(\d+)", tail).group(1))] + [num + 1 for num, _ in objects])
    keys = b"/Size %d /Root %s" % (size, re.search(rb"/Root\s+(\d+ \d+ R)", tail).group(1))
    info = re.search(rb"/Info\s+(\d+ \d+ R)", tail)
    keys += b" /Info " + info.group(1) if info else b""
    out, offsets = bytearray(data), {}
    for num, written_body in objects:
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + written_body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += b"%d 1\n%010d %05d n \n" % (num, offsets[num], (entry_gens or {}).get(num, 0))
    out += b"trailer\n<<" + (keys if trailer is None else trailer) + b" /Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (previous, xref)
    return bytes(out)


class Signed:
    """A signed copy and the numbers of what a forger rewrites in it: the
    catalog, the signed field's page, the other (empty) field, the
    document information and XMP metadata, and the next free number."""

    def __init__(self, data):
        reader = PdfFileReader(io.BytesIO(data))
        self.data = data
        self.catalog = reader.trailer.raw_get("/Root").idnum
        self.info = reader.trailer.raw_get("/Info").idnum
        self.metadata = reader.root.raw_get("/Metadata").idnum
        refs = list(reader.root["/AcroForm"]["/Fields"])
        signed = [r for r in refs if "/V" in r.get_object()]
        self.page = signed[0].get_object().raw_get("/P").idnum
        self.empty = [r.idnum for r in refs if "/V" not in r.get_object()][0]
        self.free = int(reader.trailer["/Size"])

    def with_widget(self, num, widget, *more):
        """The update that adds `widget` as object `num` to the form and to
        the signed field's page, with `more` objects."""
        page = re.sub(rb"/Annots\s*\[([^\]]*)\]", lambda m: b"/Annots[" + m.group(1) + b" %d 0 R]" % num, body(self.data, self.page))
        catalog = re.sub(rb"/Fields\s*\[([^\]]*)\]", lambda m: b"/Fields[" + m.group(1) + b" %d 0 R]" % num, body(self.data, self.catalog))
        return [(num, widget), (self.page, page), (self.catalog, catalog)] + list(more)


def form(data, resources=b""):
    return (b"<</Type/XObject/Subtype/Form/BBox[0 0 600 900]" + resources + b"/Length %d>>stream\n" % len(data)
            + data + b"\nendstream")


HELVETICA = b"/Resources<</Font<</H<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>"


def hidden_objects(signed):
    """A new invisible signature widget whose appearance stream holds, each
    at a line start, a page and its content: a reader rebuilding the xref
    (here because the catalog's xref entry gives it generation 1) takes
    them for the page the signature covered."""
    s = Signed(signed)
    content = b"BT /H 28 Tf 60 800 Td (KEPUTUSAN INI TELAH DIUBAH) Tj ET"
    page = body(signed, s.page).replace(b"/Contents", b"/Contents %d 0 R /Ignored" % (s.free + 2))
    hidden = (b"%% \n%d 0 obj\n" % s.page + page + b"\nendobj\n%d 0 obj\n<</Length %d>>\nstream\n" % (s.free + 2, len(content))
              + content + b"\nendstream\nendobj\n")
    widget = b"<</Type/Annot/Subtype/Widget/FT/Sig/T(x)/Rect[0 0 0 0]/F 4/P %d 0 R/AP<</N %d 0 R>>>>" % (s.page, s.free + 1)
    return append_raw(signed, s.with_widget(s.free, widget, (s.free + 1, form(hidden))), entry_gens={s.catalog: 1})


def hidden_in_string(signed):
    """The same page and content hidden in a literal string of a new
    invisible signature field, the xref in order but for /Size."""
    s = Signed(signed)
    hidden = b"\n%d 0 obj\n<</Type/Page>>\nendobj\n" % s.page
    widget = b"<</Type/Annot/Subtype/Widget/FT/Sig/T(x)/Rect[0 0 0 0]/F 4/P %d 0 R/TU(" % s.page + hidden + b")>>"
    return append_raw(signed, s.with_widget(s.free, widget))


def small_size(signed):
    """An update whose trailer /Size is smaller than its object numbers."""
    s = Signed(signed)
    return append_raw(signed, [(s.catalog, body(signed, s.catalog))],
                      trailer=b"/Size 10 /Root %d 0 R /Info %d 0 R" % (s.catalog, s.info))


def widget_with_actions(signed):
    """A new invisible signature widget running JavaScript when its page
    opens and a link when clicked."""
    s = Signed(signed)
    widget = (b"<</Type/Annot/Subtype/Widget/FT/Sig/T(x)/Rect[0 0 0 0]/F 4/P %d 0 R" % s.page
              + b"/AA<</PO<</S/JavaScript/JS(app.alert\\('ISI DIUBAH'\\))>>>>/A<</S/URI/URI(https://contoh.invalid/)>>>>")
    return append_raw(signed, s.with_widget(s.free, widget))


def page_covering_widget(signed):
    """A new signature widget as big as the page, never signed, whose
    appearance paints the page white and writes on it, with actions."""
    s = Signed(signed)
    drawing = b"q 1 1 1 rg 0 0 600 900 re f Q BT /H 40 Tf 60 700 Td (DOKUMEN DIUBAH) Tj ET"
    widget = (b"<</Type/Annot/Subtype/Widget/FT/Sig/T(x)/Rect[0 0 600 900]/F 4/P %d 0 R/AP<</N %d 0 R>>" % (s.page, s.free + 1)
              + b"/AA<</PO<</S/JavaScript/JS(app.alert\\(1\\))>>>>/A<</S/URI/URI(https://contoh.invalid/)>>>>")
    return append_raw(signed, s.with_widget(s.free, widget, (s.free + 1, form(drawing, HELVETICA))))


def unsigned_field_appearance(signed):
    """The empty signature field given an appearance (BATAL over its box)
    without a signature."""
    s = Signed(signed)
    drawing = b"q 1 1 1 rg 0 0 34 34 re f Q BT /H 6 Tf 1 15 Td (BATAL) Tj ET"
    field = re.sub(rb"/AP\s*<<\s*/N\s+\d+ 0 R\s*>>", b"/AP<</N %d 0 R>>" % s.free, body(signed, s.empty))
    return append_raw(signed, [(s.free, form(drawing, HELVETICA)), (s.empty, field)])


def xmp_title_in_comment(signed):
    """The XMP title replaced, the official one kept in a comment before
    it, where a reader that takes the first match finds it."""
    s = Signed(signed)
    packet = re.search(rb"stream\r?\n(.*)\r?\nendstream", body(signed, s.metadata), re.S).group(1)
    title = re.search(rb"<dc:title.*?</dc:title>", packet, re.S).group(0)
    forged = re.sub(rb"(<rdf:li[^>]*>)[^<]*(</rdf:li>)", rb"\1KEPUTUSAN PALSU\2", title)
    packet = packet.replace(title, b"<!-- " + title + b" -->" + forged)
    stream = b"<</Type/Metadata/Subtype/XML/Length %d>>stream\n" % len(packet) + packet + b"\nendstream"
    return append_raw(signed, [(s.metadata, stream)])


def without_info(signed):
    """An update whose trailer drops the document information (/Info)."""
    s = Signed(signed)
    return append_raw(signed, [(s.catalog, body(signed, s.catalog))], trailer=b"/Size %d /Root %d 0 R" % (s.free, s.catalog))


def main(official_path, other_path, out_dir, *names):
    with open(official_path, "rb") as f:
        official = f.read()
    with open(other_path, "rb") as f:
        other = f.read()
    authority = Authority()
    signed = sign(official, authority)
    junk = b"SOPKIT: 33 BITA YANG TAK DIKENAL!"
    copies = {
        # Must pass: what signers add.
        "ditandatangani": lambda: signed,
        "dua-tanda-tangan": lambda: sign(signed, authority, (empty_fields(signed) or ["Tanda tangan kedua"])[0]),
        "cap-waktu": lambda: timestamp(signed, authority),
        "ltv": lambda: add_dss(signed, authority),
        "kotak-baru": lambda: sign_new_box(official, authority),
        # Must fail: anything else.
        "isi-diubah": lambda: change_page_one(official),
        "freetext": lambda: add_free_text(official),
        "halaman-tambahan": lambda: add_page(official),
        "lebar-huruf": lambda: change_font_width(official),
        "sampah": lambda: official + junk,
        "terpotong": lambda: official[: len(official) * 2 // 3],
        "dokumen-lain": lambda: other,
        "ditandatangani-lalu-diubah": lambda: change_page_one(signed),
        "byterange-pendek": lambda: unsigned_byte_range(signed),
        "kotak-dipindah": lambda: move_signed_box(signed),
        "kotak-besar": lambda: sign_new_box(official, authority, box=(20, 20, 580, 800)),
        "objek-tersembunyi": lambda: hidden_objects(signed),
        "objek-dalam-string": lambda: hidden_in_string(signed),
        "size-kecil": lambda: small_size(signed),
        "aksi-javascript": lambda: widget_with_actions(signed),
        "kotak-menutupi-halaman": lambda: page_covering_widget(signed),
        "tampilan-tanpa-tanda-tangan": lambda: unsigned_field_appearance(signed),
        "xmp-judul-dalam-komentar": lambda: xmp_title_in_comment(signed),
        "tanpa-info": lambda: without_info(signed),
    }
    assert len(junk) == 33
    for name in names or copies:
        with open(os.path.join(out_dir, name + ".pdf"), "wb") as f:
            f.write(copies[name]())
        print(name)


if __name__ == "__main__":
    main(*sys.argv[1:])
