"""The PIX BR Code: the "copia e cola" text that a PIX QR code carries.

Follows the Banco Central's "Manual de Padrões para Iniciação do Pix" (annex I, BR Code), which
profiles EMV® QRCPS-MPM: a sequence of TLV fields (2-digit id, 2-digit length, value) ending with
field 63, a CRC16-CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF) computed over the whole
payload including "6304", written as 4 upper-case hexadecimal digits.

Fields written here:

- 00 payload format "01"; 01 "12" (single use) for dynamic charges (with a location URL);
- 26 merchant account: 00 GUI "br.gov.bcb.pix", then 01 the PIX key (static) or 25 the location
  URL without scheme (dynamic, the charge is fetched from the PSP);
- 52 "0000"; 53 "986" (BRL); 54 amount (optional, up to 13 characters, "85.40": point, two
  decimals, no thousands separator); 58 "BR"; 59 merchant name (≤ 25); 60 city (≤ 15), both
  folded to upper-case ASCII;
- 62 additional data: 05 txid (≤ 25 letters and digits; "***" when there is none — always for
  dynamic charges, whose txid travels in the payload behind the location).

No Django here: pure functions, easy to test against the manual's published examples.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

GUI = "br.gov.bcb.pix"
NAME_MAX = 25
CITY_MAX = 15
TXID_MAX = 25
KEY_MAX = 77  # 99 (field 26) - 18 (GUI subfield) - 4 (id and length of the key subfield)
LOCATION_MAX = 77
AMOUNT_MAX_CHARS = 13
NO_TXID = "***"

_TXID_RE = re.compile(r"^[A-Za-z0-9]{1,25}$")
_AMOUNT_RE = re.compile(r"^\d{1,10}(\.\d{1,2})?$|^\d{0,10}\.\d{1,2}$")
_PRINTABLE_RE = re.compile(r"^[\x20-\x7e]+$")


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def crc_hex(payload_without_crc_value: str) -> str:
    """The 4 upper-case hex digits of field 63 for a payload that ends with "6304"."""
    return f"{crc16_ccitt_false(payload_without_crc_value.encode('utf-8')):04X}"


def ascii_upper(text: str) -> str:
    """ "Cuiabá - Várzea Grande" → "CUIABA - VARZEA GRANDE": accents dropped, upper case, only
    printable ASCII (what every bank app reads the same way), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    printable = "".join(c if 0x20 <= ord(c) <= 0x7E else " " for c in folded)
    return " ".join(printable.upper().split())


def _tlv(field_id: str, value: str) -> str:
    if not value:
        raise ValueError(f"O campo {field_id} do BR Code não pode ficar vazio.")
    if len(value) > 99:
        raise ValueError(f"O campo {field_id} do BR Code passa de 99 caracteres.")
    return f"{field_id}{len(value):02d}{value}"


def format_amount(amount: Decimal) -> str:
    """Decimal("85.4") → "85.40". Positive, at most two decimals, at most 13 characters."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError("Valor inválido para o BR Code.") from None
    if not value.is_finite() or value <= 0:
        raise ValueError("O valor do BR Code precisa ser maior que zero.")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("O valor do BR Code pode ter no máximo duas casas decimais.")
    text = f"{value.quantize(Decimal('0.01')):f}"
    if len(text) > AMOUNT_MAX_CHARS:
        raise ValueError("O valor do BR Code é grande demais.")
    return text


def brcode_assemble(
    *,
    key: str | None,
    location: str | None,
    name: str,
    city: str,
    amount: str | None,
    txid: str,
    single_use: bool,
) -> str:
    """Join already-normalised field values into a payload with its CRC. `brcode_build` is the
    function for callers; this one reproduces payloads exactly as given (manual examples)."""
    account = _tlv("00", GUI) + (_tlv("25", location) if location else _tlv("01", key or ""))
    parts = [_tlv("00", "01")]
    if single_use:
        parts.append(_tlv("01", "12"))
    parts += [_tlv("26", account), _tlv("52", "0000"), _tlv("53", "986")]
    if amount is not None:
        parts.append(_tlv("54", amount))
    parts += [
        _tlv("58", "BR"),
        _tlv("59", name),
        _tlv("60", city),
        _tlv("62", _tlv("05", txid)),
    ]
    body = "".join(parts) + "6304"
    return body + crc_hex(body)


def brcode_build(
    *,
    key: str | None,
    name: str,
    city: str,
    amount: Decimal | None,
    txid: str | None,
    location: str | None = None,
) -> str:
    """The "copia e cola" payload of a PIX charge.

    Static charge: `key` (the receiving PIX key) with `txid` (the charge's identifier, which
    comes back in the payment notification). Dynamic charge: `location` (the PSP's payload URL,
    without "https://"); the payload is single use and the txid field is "***".
    Name and city are folded to upper-case ASCII and cut to 25 and 15 characters.
    Raises ValueError (in Portuguese) on anything the manual does not allow.
    """
    if location:
        location = location.strip()
        if location.lower().startswith(("https://", "http://")):
            raise ValueError("A URL de localização do BR Code vai sem o prefixo https://.")
        if len(location) > LOCATION_MAX or not _PRINTABLE_RE.match(location):
            raise ValueError("URL de localização inválida para o BR Code.")
        if key:
            raise ValueError("Informe a chave PIX ou a URL de localização, não as duas.")
        if txid not in (None, "", NO_TXID):
            raise ValueError("Numa cobrança dinâmica o txid vai no payload da localização, não no BR Code.")
        txid_value = NO_TXID
    else:
        key = (key or "").strip()
        if not key:
            raise ValueError("Informe a chave PIX do recebedor.")
        if len(key) > KEY_MAX or not _PRINTABLE_RE.match(key):
            raise ValueError("Chave PIX inválida para o BR Code.")
        if txid in (None, "", NO_TXID):
            txid_value = NO_TXID
        elif _TXID_RE.match(txid):
            txid_value = txid
        else:
            raise ValueError("O txid deve ter de 1 a 25 letras ou números, sem espaços nem símbolos.")
    folded_name = ascii_upper(name)[:NAME_MAX].strip()
    folded_city = ascii_upper(city)[:CITY_MAX].strip()
    if not folded_name:
        raise ValueError("Informe o nome do recebedor.")
    if not folded_city:
        raise ValueError("Informe a cidade do recebedor.")
    return brcode_assemble(
        key=None if location else key,
        location=location or None,
        name=folded_name,
        city=folded_city,
        amount=None if amount is None else format_amount(amount),
        txid=txid_value,
        single_use=bool(location),
    )


def _fields(text: str, *, where: str) -> dict[str, str]:
    """Split a TLV sequence into {id: value}; ValueError on a broken structure or a repeated id."""
    fields: dict[str, str] = {}
    position = 0
    while position < len(text):
        header = text[position : position + 4]
        if len(header) < 4 or not header.isdigit() or not header.isascii():
            raise ValueError(f"BR Code malformado ({where}, posição {position}).")
        field_id, length = header[:2], int(header[2:])
        value = text[position + 4 : position + 4 + length]
        if length == 0 or len(value) != length:
            raise ValueError(f"O campo {field_id} do BR Code tem tamanho errado ({where}).")
        if field_id in fields:
            raise ValueError(f"O campo {field_id} aparece duas vezes no BR Code ({where}).")
        fields[field_id] = value
        position += 4 + length
    return fields


def brcode_parse(payload: str) -> dict:
    """Read a "copia e cola" payload back: checks the structure, each field's length and
    content, and the CRC. Returns {"key", "location", "name", "city", "amount" (Decimal or
    None), "txid" (None for "***"), "single_use"}. Raises ValueError (in Portuguese)."""
    if not isinstance(payload, str) or not payload:
        raise ValueError("BR Code vazio.")
    if len(payload) > 512:
        raise ValueError("BR Code longo demais.")
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise ValueError("O BR Code deve terminar com o campo 63 (CRC) de 4 caracteres.")
    expected = crc_hex(payload[:-4])
    if payload[-4:] != expected:
        raise ValueError("O código de verificação (CRC) do BR Code não confere.")
    fields = _fields(payload, where="raiz")
    if next(iter(fields)) != "00" or fields["00"] != "01":
        raise ValueError("O BR Code deve começar com o campo 00 igual a 01.")
    if list(fields)[-1] != "63":
        raise ValueError("O campo 63 (CRC) deve ser o último do BR Code.")
    if "01" in fields and fields["01"] not in ("11", "12"):
        raise ValueError("O campo 01 do BR Code deve ser 11 ou 12.")
    for field_id, value in (("52", None), ("53", "986"), ("58", "BR")):
        if field_id not in fields:
            raise ValueError(f"Falta o campo {field_id} no BR Code.")
        if value is not None and fields[field_id] != value:
            raise ValueError(f"O campo {field_id} do BR Code deve ser {value}.")
    if len(fields["52"]) != 4 or not fields["52"].isdigit():
        raise ValueError("O campo 52 (categoria) do BR Code deve ter 4 dígitos.")
    if "26" not in fields:
        raise ValueError("Falta o campo 26 (conta PIX do recebedor) no BR Code.")
    account = _fields(fields["26"], where="campo 26")
    if account.get("00", "").lower() != GUI:
        raise ValueError("O campo 26 do BR Code não é de uma conta PIX (br.gov.bcb.pix).")
    key, location = account.get("01"), account.get("25")
    if bool(key) == bool(location):
        raise ValueError("O campo 26 do BR Code deve ter a chave PIX ou a URL de localização.")
    if key is not None and len(key) > KEY_MAX:
        raise ValueError("A chave PIX do BR Code é longa demais.")
    amount = None
    if "54" in fields:
        text = fields["54"]
        if len(text) > AMOUNT_MAX_CHARS or not _AMOUNT_RE.match(text):
            raise ValueError("O valor (campo 54) do BR Code é inválido.")
        amount = Decimal(text).quantize(Decimal("0.01"))
        if amount <= 0:
            raise ValueError("O valor (campo 54) do BR Code deve ser maior que zero.")
    name, city = fields.get("59", ""), fields.get("60", "")
    if not name or len(name) > NAME_MAX:
        raise ValueError("O nome do recebedor (campo 59) deve ter de 1 a 25 caracteres.")
    if not city or len(city) > CITY_MAX:
        raise ValueError("A cidade do recebedor (campo 60) deve ter de 1 a 15 caracteres.")
    if "62" not in fields:
        raise ValueError("Falta o campo 62 (dados adicionais) no BR Code.")
    extra = _fields(fields["62"], where="campo 62")
    txid = extra.get("05")
    if txid is None:
        raise ValueError("Falta o txid (campo 62-05) no BR Code.")
    if txid != NO_TXID and not _TXID_RE.match(txid):
        raise ValueError("O txid (campo 62-05) do BR Code deve ter até 25 letras ou números.")
    return {
        "key": key,
        "location": location,
        "name": name,
        "city": city,
        "amount": amount,
        "txid": None if txid == NO_TXID else txid,
        "single_use": fields.get("01") == "12",
    }
