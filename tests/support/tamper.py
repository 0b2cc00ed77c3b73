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


def sign_new_box(data, authority):
    """Signs in a new visible field on page 1, as a signer that places its
    own box does."""
    out = io.BytesIO()
    spec = fields.SigFieldSpec(sig_field_name="Kotak baru", on_page=0, box=(50, 50, 250, 120))
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
    }
    assert len(junk) == 33
    for name in names or copies:
        with open(os.path.join(out_dir, name + ".pdf"), "wb") as f:
            f.write(copies[name]())
        print(name)


if __name__ == "__main__":
    main(*sys.argv[1:])
