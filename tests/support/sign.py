"""Signs every empty signature field of a PDF with pyHanko, using a
self-signed certificate made on the spot. Usage: sign.py IN.pdf OUT.pdf
Prints the names of the fields it signed, one per line."""
import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore


def make_signer():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Penguji sopkit"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "sopkit tests")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    from asn1crypto import keys as asn1_keys, x509 as asn1_x509
    asn1_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    asn1_key = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=asn1_cert, signing_key=asn1_key,
                                cert_registry=SimpleCertificateStore.from_certs([asn1_cert]))


def main(src, dst):
    signer = make_signer()
    with open(src, "rb") as f:
        data = f.read()
    import io
    reader = PdfFileReader(io.BytesIO(data))
    names = [name for name, value, _ in fields.enumerate_sig_fields(reader) if value is None]
    if not names:
        sys.exit("no empty signature field")
    for name in names:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        out = io.BytesIO()
        signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=name), signer=signer, output=out)
        data = out.getvalue()
        print(name)
    with open(dst, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
